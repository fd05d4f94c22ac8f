"""Capture, encoding, transcoding and image analysis: frames, packets and file-like objects, never the vault."""
