"""Hybrid post-quantum age keys (ML-KEM-768 + X25519): encodings, stanzas, damage.

Interoperability with the reference implementation is proven by the CCTV vectors
(test_age_vectors.py, which age's authors generated with it) and here by the key
pair printed in the age specification.
"""

from __future__ import annotations

import io

import pytest

from storage.bundles import age, age_keys, age_stanza
from storage.bundles.age_pq import ENC_SIZE, HybridIdentity, HybridRecipient
from storage.bundles.age_stream import AgeReader, AgeWriter, BytesSource

# From C2SP age.md, "The MLKEM768-X25519 (i.e. X-Wing) hybrid post-quantum recipient type".
SPEC_IDENTITY = "AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR"
SPEC_RECIPIENT = (
    "age1pq1x34nzsvr0rxjsgdn8zgyhfe8j7ceq5r9rdelkjuh3y235jzxshfg87pzf5zrqtzdxz95paef6"
    "caq5aapdmwjjqpjfdyxnzr2zampc3uxy0dg4z2n2gm9su72p0pc3u0jvev55l694v78snxg3yzvcl7yd"
    "a0eyytqj6a0ec477lnhcy5hzpz4zq3pxanve4cn62gqj3pjy5lqj9c6kyj4v2z8alktn8zh99970x79g"
    "jkv7522hv9kfz35zsnxhsx8wwtmu9cy3ftzjgwcp4sshn3llnylnpdsyz5jm72vefv4x5vfwytrefxg4"
    "wq3mv42wcrvkj742479zrxzpvp2p3e9fed9f0739vcu80r7ma28qfhnvlv4gfzel9q654dj3zmuvvz89"
    "3azhxdvs9fxd0r7jzchzcfcs5mkyyjxhw0n2z6dvp9yn9qfdp29h0azxqyjw6v7fhyuzj7zel0uq6j9r"
    "d7wgrpz7mf5dnj43jwsgvrc8qcnhy7tu6dkdujuxzkp9xj43xe8h92ktre2a3u3s8mm5mrp9nr9pwkgt"
    "z4mdlq9hgn4fps4k57ff6wddn2fy23t47sm20r8km8sd2pcyyafnet8f0dajsrlyjeah4n3mssr6asee"
    "vuuskdvq5lzguyvpgwpta742c6698vgutzqgny8usfg0w2he7kq5vyxjd0f9hqg8xk26y9e4th0gezq9"
    "2q4cpp5p2y9hf5f2cje5l0c3sa3a2qxmm38pxxvhxh99yzmfz0zk7r2s64nnwjhkfgfr3gf8xnmppcgm"
    "aykvh5sh6g7vk9790rf8ws0axmr2t7z8aae5fq2029uvcn2ghgt4fu4wgwdc0k0cz52qkvwmuzj8p8k5"
    "jgf3xzk5zmrkavjekjrpeq408xz3zxazwkc6tyfmhayrkfpjhwtz5mp8j8guqe43k2q6m2kte03vrw27"
    "y3wmqyu5etmt9dnkwcnnpmu9gz9dekfhdevf42ucshphnrk38ra6hx8w5f8q5ru0xdhrjxmwqf6cused"
    "7zc5xvq43r0zscjglpwlptpwydhqw64xz7ptjdyeyzpq2zkxtmzg29gzjpvzva4d3l0cenn9xs297wf4"
    "y4ukwrunf57xj6pm7nvrkwvtrt8hwcmgv8x7ajw7258ugf9wvkmk4052ekg87tw5vnx8nq2swyzv77v8"
    "yqlwsenvamr0zssknwts8rrhfuwj7ykysnq9jxy0uv3kuyt22djszjdtvpz6d0s0kwh8ryynddzud92e"
    "meyvvyqktd0jtj7rvvg5gch25v8smlvny3kvn5gagyz475ze2y6q466xqmz2n3hs77lddeqyta2nch5k"
    "2u5yacuk9ywnwfdzvyejnucz724hj77hrrmakm7pr3kxsrxq22ejexlud9fy2kdqmkg5yncz7jm5wv2q"
    "jk5w5kvcpqsry2yqffh2la52dxfjkjq5rzhjzeyn6dupn0qwtyv7s4lwg3xdarsdlwe2y3tujy480y7z"
    "39q259fzx6jhd2j0f5hagqpcpees7hzc2yrk5cy788uk3s7qvp5cpepx24gvws3m2g433exgwppnkjsc"
    "ec8qu4y9z9r7vccexjcjaen42245lmgmxmuavg9alej92322gvvyy2t6267v09ch64y0m53jff0vjj96"
    "s0ypk60hr3jw4myd6m5hpn3xjstx7tl2szhpr5qe8jj08ydjc4wy2rch2fhuy3pdfjax5awe9j99ly5h"
    "kntzz9fe5zatgjvzdd0kgtxs25njnajyf6ssekp7gelxquusn4pt25czh3scj68kq79wdn5tgm6yvm9n"
    "zavrg043x3msnygf8dweknw5jmqd0uvny6ttsn09508k0c55zfnegrm9efhxpfqdkmhh6gjtqmwze9py"
    "yzk3tlhl53k2ykx3qheyty7saeq0d3fzv49zc0k"
)


def _encrypt(data: bytes, *recipients) -> bytes:
    out = io.BytesIO()
    writer = AgeWriter(out, lambda key: [r.stanza(key) for r in recipients])
    writer.write(data)
    writer.close()
    return out.getvalue()


def _decrypt(blob: bytes, *identities) -> bytes:
    return AgeReader(BytesSource(blob), identities).read()


def test_the_specification_key_pair():
    identity = age_keys.parse_identity(SPEC_IDENTITY)
    assert isinstance(identity, HybridIdentity)
    assert str(identity.recipient) == SPEC_RECIPIENT
    assert age_keys.parse_recipient(SPEC_RECIPIENT) == identity.recipient
    assert identity.encode() == SPEC_IDENTITY


def test_round_trip_and_wrong_keys():
    identity = HybridIdentity.generate()
    blob = _encrypt(b"testimony" * 1000, identity.recipient)
    assert b"-> mlkem768x25519 " in blob[:2000]
    assert _decrypt(blob, identity) == b"testimony" * 1000
    with pytest.raises(age.NoMatchingIdentity) as caught:
        _decrypt(blob, HybridIdentity.generate(), age.Identity.generate())
    assert caught.value.stanza_types == (b"mlkem768x25519",)
    classic = age.Identity.generate()
    assert _decrypt(_encrypt(b"x", classic.recipient), HybridIdentity.generate(), classic) == b"x"


def test_identity_files_hold_either_kind():
    pq, classic = HybridIdentity.generate(), age.Identity.generate()
    text = age_keys.identity_file(pq, "2026-01-01T00:00:00Z") + classic.encode().encode() + b"\n"
    assert b"# public key: age1pq1" in text
    assert age_keys.parse_identities(text) == [pq, classic]
    protected = age_keys.protect(text, "pass", work_factor=10)
    assert age_keys.read_identities(protected, lambda: "pass") == [pq, classic]


@pytest.mark.parametrize("text", [
    "age1pq1qqqqqqqqqqqqqqqq",                          # too short
    SPEC_RECIPIENT[:-1] + "q",                            # checksum broken
])
def test_bad_recipients_are_refused(text):
    with pytest.raises(age_stanza.AgeError):
        age_keys.parse_recipient(text)


def test_recipient_with_an_invalid_mlkem_key_is_refused():
    from storage.bundles import bech32
    with pytest.raises(age_stanza.AgeError):
        HybridRecipient.parse(bech32.encode("age1pq", b"\xff" * 1216))
    with pytest.raises(age_stanza.AgeError):
        age_keys.parse_identity(SPEC_IDENTITY.lower())


def _with_stanza(blob: bytes, change) -> bytes:
    header = age.parse_header(blob)
    stanza = change(header.stanzas[0])
    return age.INTRO + stanza.encode() + blob[len(age.INTRO) + len(header.stanzas[0].encode()):]


@pytest.mark.parametrize("change", [
    lambda s: age_stanza.Stanza(s.type, s.args + (b"extra",), s.body),
    lambda s: age_stanza.Stanza(s.type, (age_stanza.b64encode(age_stanza.b64decode(s.args[0])[:-1]),), s.body),
    lambda s: age_stanza.Stanza(s.type, s.args, s.body + b"\0"),
    lambda s: age_stanza.Stanza(s.type, (age_stanza.b64encode(age_stanza.b64decode(s.args[0])[:ENC_SIZE - 32]
                                                 + bytes(32)),), s.body),  # low-order share
])
def test_damaged_stanza_is_malformed_not_just_unmatched(change):
    identity = HybridIdentity.generate()
    blob = _with_stanza(_encrypt(b"x", identity.recipient), change)
    with pytest.raises(age_stanza.AgeError) as caught:
        _decrypt(blob, identity)
    assert not isinstance(caught.value, (age.NoMatchingIdentity, age.HeaderAltered))
    assert "mlkem768x25519" in str(caught.value)


def test_flipped_bit_in_the_stanza_fails_to_open():
    identity = HybridIdentity.generate()
    blob = _with_stanza(_encrypt(b"x", identity.recipient),
                        lambda s: age_stanza.Stanza(s.type, s.args, bytes([s.body[0] ^ 1]) + s.body[1:]))
    with pytest.raises(age.NoMatchingIdentity):
        _decrypt(blob, identity)
