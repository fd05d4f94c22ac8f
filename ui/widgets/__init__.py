"""Widgets the screens share: small building blocks, icons, the screen base, the passphrase pair, the recovery key and the language list."""
