"""The player: vault items through a decrypting QIODevice, and the review panel of anonymized copies."""
