"""Kua's bottom layer: what every other layer may use (errors, the long-work contract, the
seekable reader base, languages, platform). It imports nothing of Kua's."""
