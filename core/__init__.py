"""Kua's bottom layer: what every other layer may use (languages, platform). It imports
nothing of Kua's."""
