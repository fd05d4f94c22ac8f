"""Settings and the change-passphrase dialog."""
