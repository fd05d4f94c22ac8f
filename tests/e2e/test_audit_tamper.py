"""The audit log's tamper detection: an event altered, removed, reordered, or the log cut
at its end each make `AuditChainBroken` (storage) and a one-line `kua verify` failure
naming it (exit 10); the untouched log verifies, and restoring it restores the vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import AuditChainBroken
from harness.vaults import PASSPHRASE
from storage.vault import Vault
from tests.e2e.cli import add, assert_one_line_error, check, init_vault, run_kua

_COLUMNS = "at, actor, action, subject, details, prev_hash, hash"


def _alter(conn) -> None:
    conn.execute("UPDATE audit SET details = '{\"forced\":true}' WHERE seq = 3")


def _remove(conn) -> None:
    conn.execute("DELETE FROM audit WHERE seq = 3")


def _reorder(conn) -> None:  # events 3 and 4 change places, each keeping its own hashes
    conn.execute("UPDATE audit SET seq = -1 WHERE seq = 3")
    conn.execute("UPDATE audit SET seq = 3 WHERE seq = 4")
    conn.execute("UPDATE audit SET seq = 4 WHERE seq = -1")


def _cut(conn) -> None:
    conn.execute("DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)")


TAMPERS = {  # how, and what the error says
    "altered": (_alter, "the audit log was altered at event 3"),
    "removed": (_remove, "the audit log is broken at event 4"),
    "reordered": (_reorder, "the audit log is broken at event 3"),
    "cut at its end": (_cut, "the audit log was cut short"),
}


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A vault whose log holds at least five events (create, testimonies, items); each
    test puts its log back as it was."""
    tmp_path = tmp_path_factory.mktemp("audit")
    path = tmp_path / "vault"
    init_vault(path)
    for n in range(2):
        src = tmp_path / f"note{n}.txt"
        src.write_text(f"note {n}\n")
        add(path, src, title=f"t{n}")
    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.audit.verify() >= 5
    return path


def _tamper(path: Path, how) -> list[tuple]:
    """Apply `how` to the log in one transaction; return the log as it was."""
    with Vault.open(path, PASSPHRASE) as vault:
        saved = vault.conn.execute(f"SELECT seq, {_COLUMNS} FROM audit ORDER BY seq").fetchall()
        with vault.transaction() as conn:
            how(conn)
        with pytest.raises(AuditChainBroken):
            vault.audit.verify()
    return saved


@pytest.mark.parametrize("case", list(TAMPERS))
def test_tampered_audit_log_fails_verify_by_name(logged: Path, case: str) -> None:
    how, message = TAMPERS[case]
    saved = _tamper(logged, how)
    with Vault.open(logged, PASSPHRASE) as vault:
        with pytest.raises(AuditChainBroken, match=message):
            vault.audit.verify()
    verified = run_kua("verify", vault=logged)
    assert_one_line_error(verified, 10, "verification failed", message)
    # Put the log back as it was: the vault verifies again.
    with Vault.open(logged, PASSPHRASE) as vault, vault.transaction() as conn:
        conn.execute("DELETE FROM audit")
        conn.executemany(f"INSERT INTO audit (seq, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         saved)
        last = saved[-1]
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)",
                     (f"{last[0]}:{last[-1]}",))
    check(run_kua("verify", vault=logged))
