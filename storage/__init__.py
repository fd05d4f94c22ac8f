"""The vault: every byte at rest and all cryptography."""
