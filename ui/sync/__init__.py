"""The sync dialog: copy the encrypted vault to a trusted drive."""
