"""PySide6 widgets, item models and thin workers over app/ services (the GUI issue)."""
