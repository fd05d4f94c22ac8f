"""Replicas: the vault's encrypted copy on a trusted drive, in generations (layout), synced, checked, opened read-only and restored."""
