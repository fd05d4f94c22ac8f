"""Use cases that wire storage/ and media/: what the CLI and the GUI can both do."""
