"""What a person must hear about after a crash, damage or an old copy put back.

Recovery (app/recovery.py) and the vault's unlock (storage/vault.py) find these;
`kua list`, `kua verify`, the unlock and the app's library say them in the same
words: an item damaged (named by id and the media time where the damage begins) or
lost, sealed objects the catalogue does not know, an older vault.db.
"""

from __future__ import annotations

from core.i18n import _, ngettext
from core.i18n.formats import format_duration
from storage.models import MediaItem
from storage.vault import Vault


def item_damage(item_id: str, damage: str | None, damage_at: float | None) -> str | None:
    """One sentence about a damaged or lost item (None: it is not)."""
    if damage == "damaged":
        return _("item {id} is damaged at {at}: it was kept up to there, what was recorded"
                 " after it could not be read").format(id=item_id,
                                                       at=format_duration(damage_at or 0.0))
    if damage == "lost":
        return _("item {id} is lost: its sealed file was missing after a crash (kua rm removes"
                 " it)").format(id=item_id)
    return None


def damage_of(item: MediaItem) -> str | None:
    """`item_damage` of a media item."""
    return item_damage(item.id, item.damage, item.damage_at)


def unknown_objects_text(vault: Vault, with_names: bool) -> str | None:
    """The sentence about sealed objects the catalogue does not know (None: none)."""
    names = vault.unknown_objects
    if not names:
        return None
    n = len(names)
    if with_names:
        return ngettext(
            "{n} sealed object is not in the catalogue ({names}): it may be an older copy of"
            " vault.db; it is kept (kua rm --unknown-objects removes them)",
            "{n} sealed objects are not in the catalogue ({names}): it may be an older copy of"
            " vault.db; they are kept (kua rm --unknown-objects removes them)",
            n).format(n=n, names=", ".join(names))
    return ngettext(
        "{n} sealed object is not in the catalogue: it may be an older copy of vault.db; it is"
        " kept (kua rm --unknown-objects removes them)",
        "{n} sealed objects are not in the catalogue: it may be an older copy of vault.db; they"
        " are kept (kua rm --unknown-objects removes them)",
        n).format(n=n)


def unlock_warnings(vault: Vault) -> list[str]:
    """What to say right after an unlock: an older catalogue, unknown objects."""
    found = [vault.rollback_finding()]
    found.append(unknown_objects_text(vault, with_names=False))
    return [f for f in found if f]


def findings(vault: Vault, accept_older: bool = False) -> list[str]:
    """Every problem of this kind, for `kua verify` (an older catalogue unless accepted)."""
    out = [text for item in vault.items.all() if (text := damage_of(item))]
    unknown = unknown_objects_text(vault, with_names=True)
    if unknown:
        out.append(unknown)
    older = vault.rollback_finding()
    if older and not accept_older:
        out.append(_("{finding} (kua verify --accept-older accepts it)").format(finding=older))
    return out
