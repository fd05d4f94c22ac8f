"""The jobs screen: copies being made, waiting, finished or failed."""
