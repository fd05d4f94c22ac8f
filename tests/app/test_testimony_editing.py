"""What the testimony form relies on in app/: grouped edits, readiness, consent refusals."""

from __future__ import annotations

import pytest

from app import fields, testimony_editing as editing
from core.errors import InvalidValue
from storage.vault import Vault


def _testimony(vault: Vault, consent: str = "restricted") -> str:
    with vault.transaction():
        return vault.catalogue.create_testimony("", consent)


def test_edit_groups_save_the_valid_ones_and_name_the_bad_one(vault):
    tid = _testimony(vault)
    errors = fields.apply_edit_groups(vault, tid, [
        ["title=Appeal"], ["detained.1.chinese_id=123"], ["detained.1.name=Aidos",
                                                         "detained.1.name+=Айдос"]])
    assert errors[0] is None and errors[2] is None
    assert isinstance(errors[1], InvalidValue)
    assert str(errors[1]) == "chinese_id must have 18 characters: 17 digits and a digit or X"
    t = vault.catalogue.get(tid)
    assert t.title == "Appeal" and [n.text for n in t.detained[0].names] == ["Aidos", "Айдос"]
    assert fields.apply_edit_groups(vault, tid, [["place=Almaty"]]) == [None]


def test_an_impossible_day_is_an_invalid_value_not_a_crash(vault):
    tid = _testimony(vault)
    with pytest.raises(InvalidValue, match="detained_on must be a date like 2019"):
        fields.apply_edits(vault, tid, ["detained.detained_on=2019-13-45"])


def test_missing_for_ready():
    all_yes = dict.fromkeys(("disclosure", "voluntariness", "comprehension", "competence"), "yes")
    assert editing.missing_for_ready("Appeal", [], "public", all_yes) == ()
    assert editing.missing_for_ready("", ["Aidos"], "public", {**all_yes, "competence": False}) == ()
    assert editing.missing_for_ready(" ", [""], "maybe", {**all_yes, "disclosure": "unknown"}) == (
        editing.TITLE_OR_NAME, editing.CONSENT_LEVEL, "consent.disclosure")


def test_load_for_editing_names_the_items_consent_refuses(vault):
    tid = _testimony(vault, "anonymous")
    with vault.transaction():
        master = vault.items.create(tid, "master", state="complete", media_type="video").item_id
        anonymized = vault.items.create(tid, "anonymized", state="complete", parent=master,
                                        media_type="video").item_id
    view = editing.load_for_editing(vault, tid)
    assert [i.id for i in view.testimony.items] == [master, anonymized]
    assert view.refused == {master}
    assert editing.missing_for_ready_of(view.testimony) == (
        editing.TITLE_OR_NAME, "consent.disclosure", "consent.voluntariness",
        "consent.comprehension", "consent.competence")
    fields.apply_edits(vault, tid, ["consent=public"])
    assert editing.load_for_editing(vault, tid).refused == frozenset()
    assert editing.script_of("Байжанов") == "cyrillic" and editing.script_of("王伟") == "han"
