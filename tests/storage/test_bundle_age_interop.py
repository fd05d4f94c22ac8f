"""Kua's age and the standard tools agree, both ways.

The reference `age` (Debian package `age`, installed by scripts/setup.sh) and rage
(through pyrage, a test dependency) decrypt what Kua encrypts, and Kua decrypts
what they encrypt: X25519 files at chunk edges, identity files from `age-keygen`,
and passphrase-protected identity files (age reads passphrases only from a
terminal, so those tests drive it through a pseudo-terminal).
"""

from __future__ import annotations

import io
import os
import pty
import select
import shutil
import subprocess
from pathlib import Path

import pytest

from storage.bundles import age, age_keys
from storage.bundles.age_stream import CHUNK, AgeReader, AgeWriter, BytesSource
from tests.tools import require_tool

AGE = shutil.which("age") or "age"


@pytest.fixture
def age_tools() -> None:
    """The reference `age` and `age-keygen` (skipped without them; failed on CI)."""
    require_tool("age")
    require_tool("age-keygen")


needs_age = pytest.mark.usefixtures("age_tools")
SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK + 3]


def _encrypt(data: bytes, recipient: age.Recipient) -> bytes:
    out = io.BytesIO()
    writer = AgeWriter(out, lambda key: [age.x25519_stanza(recipient, key)])
    writer.write(data)
    writer.close()
    return out.getvalue()


def _keygen(tmp_path: Path) -> tuple[Path, age.Identity]:
    key = tmp_path / "key.txt"
    subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
    return key, age_keys.parse_identities(key.read_bytes())[0]


def _with_terminal(argv: list[str], passphrase: str, stdin_path: Path | None = None,
                   timeout: float = 60) -> int:
    """Run `argv` with a pseudo-terminal as its controlling tty; answer each passphrase prompt."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdin from a file if asked, the terminal for prompts
        if stdin_path is not None:
            os.dup2(os.open(stdin_path, os.O_RDONLY), 0)
        os.execvp(argv[0], argv)
    seen = b""
    answered = 0
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                raise AssertionError(f"{argv[0]} hung; it said: {seen[-300:]!r}")
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if seen.lower().count(b"passphrase") > answered:
                answered += 1
                os.write(fd, passphrase.encode() + b"\n")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status)


@needs_age
@pytest.mark.parametrize("size", SIZES)
def test_age_decrypts_what_kua_encrypts(tmp_path, size):
    key, identity = _keygen(tmp_path)
    data = os.urandom(size)
    (tmp_path / "f.age").write_bytes(_encrypt(data, identity.recipient))
    out = subprocess.run([AGE, "-d", "-i", str(key), str(tmp_path / "f.age")], capture_output=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout == data


@needs_age
@pytest.mark.parametrize("size", SIZES)
def test_kua_decrypts_what_age_encrypts(tmp_path, size):
    key, identity = _keygen(tmp_path)
    data = os.urandom(size)
    (tmp_path / "plain").write_bytes(data)
    subprocess.run([AGE, "-r", str(identity.recipient), "-o", str(tmp_path / "f.age"),
                    str(tmp_path / "plain")], check=True)
    blob = (tmp_path / "f.age").read_bytes()
    assert AgeReader(BytesSource(blob), [identity]).read() == data
    armored = subprocess.run([AGE, "-a", "-r", str(identity.recipient), str(tmp_path / "plain")],
                             check=True, capture_output=True).stdout
    assert age_keys.decrypt_small(armored, [identity], limit=len(data) + 1) == data


@needs_age
@pytest.mark.slow
def test_age_opens_a_kua_protected_identity(tmp_path):
    identity = age.Identity.generate()
    key = tmp_path / "organizer.key"
    key.write_bytes(age_keys.protect(age_keys.identity_file(identity, "2026-01-01T00:00:00Z"),
                                     "s3cret"))
    data = os.urandom(CHUNK + 9)
    (tmp_path / "f.age").write_bytes(_encrypt(data, identity.recipient))
    out = tmp_path / "out"
    code = _with_terminal([AGE, "-d", "-i", str(key), "-o", str(out), str(tmp_path / "f.age")],
                          "s3cret")
    assert code == 0 and out.read_bytes() == data


@needs_age
@pytest.mark.slow
def test_kua_opens_an_identity_protected_by_age(tmp_path):
    key, identity = _keygen(tmp_path)
    protected = tmp_path / "key.age"
    code = _with_terminal([AGE, "-p", "-o", str(protected)], "s3cret", stdin_path=key)
    assert code == 0 and protected.read_bytes().startswith(age.INTRO)
    assert age_keys.read_identities(protected.read_bytes(), lambda: "s3cret") == [identity]
    with pytest.raises(age.NoMatchingIdentity):
        age_keys.read_identities(protected.read_bytes(), lambda: "not it")


def test_rage_and_kua_agree_both_ways():
    pyrage = pytest.importorskip("pyrage", reason="pyrage (rage) is a test dependency")
    identity = age.Identity.generate()
    theirs = pyrage.x25519.Identity.from_str(identity.encode())
    assert str(theirs.to_public()) == str(identity.recipient)
    for size in SIZES:
        data = os.urandom(size)
        assert pyrage.decrypt(_encrypt(data, identity.recipient), [theirs]) == data
        blob = pyrage.encrypt(data, [theirs.to_public()])
        assert AgeReader(BytesSource(blob), [identity]).read() == data
    # Passphrase-protected identities: rage reads Kua's (the other way is proven with
    # age above; rage picks a slow work factor of its own, which would cost seconds here).
    text = age_keys.identity_file(identity, "2026-01-01T00:00:00Z")
    assert pyrage.passphrase.decrypt(age_keys.protect(text, "pw", work_factor=12), "pw") == text
