"""Kua's bottom layer: what every other layer may use. It imports nothing of Kua."""
