"""Bundles for organizers: testimonies handed over on a USB stick, encrypted with age.

A bundle is a folder:

    bundle-<id>.000.age, .001.age, …   one age file (mlkem768x25519 or X25519 stanzas), in parts
    bundle-<id>.txt                    says only how to open it (written last)

Decrypted, the parts are a ustar archive:

    kua-bundle-<id>/manifest.json      metadata, item list with sizes and SHA-256
    kua-bundle-<id>/manifest.sig       Ed25519 signature of manifest.json (64 bytes)
    kua-bundle-<id>/media/<item>.<ext> the media, byte for byte

so `cat bundle-<id>.*.age | age -d -i key.txt | tar x` opens it without Kua.

Modules: `bech32`, `age_stanza` (the stanza, base64 and `AgeError` they all share),
`age` (X25519 keys, the header), `age_pq` (hybrid post-quantum keys), `age_keys` (keys
of either kind, identity files), `age_armor` (strict ASCII armor) and `age_stream` (the
payload STREAM) implement age v1; `parts` the files on
disk; `tarstream` the archive; `manifest` the manifest and its signature; `device`
the device key, the organizers' address book and the record of bundles; `receipts`
the organizer's receipts and which items they confirmed; `writer` and `reader` put
them together. Nothing here writes plaintext to disk.
"""
