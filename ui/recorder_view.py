"""Placeholder while the screen is written."""

from .screen import Screen


class RecorderScreen(Screen):
    """Placeholder."""

    def selected_ids(self) -> list[str]:
        return []

    def load(self, testimony_id: str) -> None:
        pass

    def prepare(self, testimony_id: str) -> None:
        pass

    def play(self, item_id: str) -> None:
        pass
