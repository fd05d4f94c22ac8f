"""The bottom layer: what every other layer may use (languages, platform); imports nothing of Kua's."""
