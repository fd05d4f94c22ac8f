"""The catalogue: testimonies, people, names in several scripts, and search across them."""

from __future__ import annotations

import dataclasses

import pytest

from core.errors import InvalidValue, NotFound
from storage.models import PERSON_FIELDS, Person


def _testimony(vault, title="", names=(), notes="", speaker=()):
    with vault.transaction():
        tid = vault.catalogue.create_testimony(title)
        if names:
            pid = vault.catalogue.add_person(tid, "detained")
            vault.catalogue.set_names(pid, names)
        if speaker:
            pid = vault.catalogue.add_person(tid, "speaker")
            vault.catalogue.set_names(pid, speaker)
        if notes:
            vault.catalogue.update_testimony(tid, notes=notes)
    return tid


def test_person_fields_follow_the_dataclass_order():
    names = [f.name for f in dataclasses.fields(Person)]
    assert tuple(names[3:3 + len(PERSON_FIELDS)]) == PERSON_FIELDS


def test_full_round_trip(vault):
    with vault.transaction():
        tid = vault.catalogue.create_testimony("Appeal", "anonymous")
        vault.catalogue.update_testimony(tid, place="Almaty", language="kk", volunteer="owl",
                                         status="ready", disclosure=True, competence=False)
        vault.catalogue.set_tags(tid, ["camp", "2018", "camp"])
        sp = vault.catalogue.add_person(tid, "speaker")
        vault.catalogue.update_person(sp, relation="mother", contact="+7 700")
        vault.catalogue.set_names(sp, ["Жанар", "Zhanar"])
        d1 = vault.catalogue.add_person(tid, "detained")
        vault.catalogue.set_names(d1, ["Байжанов Ерлан", "Bayzhanov Erlan", "拜扎诺夫"])
        vault.catalogue.update_person(d1, birth_year=1979, chinese_id="65010219790101001X",
                                      detained_on="2018-04", charges="separatism")
        vault.catalogue.add_person(tid, "detained")
    t = vault.catalogue.get(tid)
    assert (t.title, t.consent, t.status, t.place) == ("Appeal", "anonymous", "ready", "Almaty")
    assert t.consent_elements.disclosure is True and t.consent_elements.competence is False
    assert t.consent_elements.voluntariness is None
    assert t.tags == ("2018", "camp")
    assert t.speaker.relation == "mother" and [n.text for n in t.speaker.names] == ["Жанар", "Zhanar"]
    assert len(t.detained) == 2
    d = t.detained[0]
    assert [n.script for n in d.names] == ["cyrillic", "latin", "han"]
    assert (d.birth_year, d.chinese_id, d.detained_on, d.charges) == (1979, "65010219790101001X", "2018-04", "separatism")


def test_invalid_values_are_refused(vault):
    tid = _testimony(vault, "t")
    with pytest.raises(InvalidValue):
        vault.catalogue.update_testimony(tid, status="published")
    with pytest.raises(InvalidValue):
        vault.catalogue.update_testimony(tid, consent="maybe")
    with pytest.raises(InvalidValue):
        vault.catalogue.update_testimony(tid, sha256="x")
    with pytest.raises(NotFound):
        vault.catalogue.get("tzzzzzzz")


def test_one_speaker_only(vault):
    tid = _testimony(vault, "t", speaker=["A"])
    with pytest.raises(InvalidValue):
        vault.catalogue.add_person(tid, "speaker")


@pytest.mark.parametrize("stored, typed", [
    ("Turgunbay", "Turganbay"),
    ("Maksutkan", "Maksutkhan"),
    ("Bayzhanov", "Байжанов"),
    ("Байжанов", "Bayzhanov"),
    ("Байжанов", "Baizhanov"),
    ("Қасымов Нұрлан", "Kasymov"),
    ("Qasymov", "Касымов"),
    ("ئابدۇرېھىم", "Abdurehim"),
    ("王伟", "Wang Wei"),
    ("Wang Wei", "王伟"),
    ("Ержан", "Yerzhan"),
    ("Bayzhanov Erlan", "erl"),     # prefix of a word
])
def test_search_across_scripts_and_spellings(vault, stored, typed):
    wanted = _testimony(vault, "appeal", names=[stored])
    _testimony(vault, "other", names=["Nurbek Asemov"])
    assert vault.catalogue.search(typed) == [wanted]


def test_search_covers_titles_notes_and_speaker(vault):
    a = _testimony(vault, "Appeal from Ghulja", notes="met at the market")
    b = _testimony(vault, "second", speaker=["Гульнар"])
    assert vault.catalogue.search("ghulja") == [a]
    assert vault.catalogue.search("market") == [a]
    assert vault.catalogue.search("Gulnar") == [b]
    assert vault.catalogue.search("appeal market") == [a]
    assert vault.catalogue.search("appeal second") == []


def test_search_follows_edits_and_deletes(vault):
    tid = _testimony(vault, "t", names=["Bayzhanov"])
    pid = vault.catalogue.people(tid, "detained")[0]
    with vault.transaction():
        vault.catalogue.set_names(pid, ["Serikbayev"])
    assert vault.catalogue.search("Bayzhanov") == []
    assert vault.catalogue.search("Серикбаев") == [tid]
    with vault.transaction():
        vault.catalogue.delete_testimony(tid)
    assert vault.catalogue.search("Serikbayev") == []


def test_search_input_is_not_fts_syntax(vault):
    """Every word typed is a word to find (all of them, by prefix), never FTS5 syntax:
    OR does not widen, NOT does not exclude, a column filter or a lone `*` finds nothing,
    quotes and brackets are ignored, and SQL is only text."""
    a = _testimony(vault, "t", names=["Bayzhanov"])
    b = _testimony(vault, "Kairat OR notes", names=["Serik"])
    expected = {
        '"': [], "NEAR(": [], "*": [], "raw:": [], "a OR b": [],
        "'); DROP TABLE items; --": [],
        "Bayzhanov OR Serik": [],       # as syntax: both
        "Serik NOT Kairat": [b],        # as syntax: none ("NOT" is a prefix of "notes")
        "raw:Bayzhanov": [],            # as syntax: a column filter finding a
        'Bayzhanov"': [a], "(Bayzhanov": [a], "Bayzh*": [a],
    }
    for hostile, ids in expected.items():
        assert vault.catalogue.search(hostile) == ids, hostile
    assert vault.catalogue.search("Bayzhanov") == [a] and vault.catalogue.search("Serik") == [b]


def test_summaries_match_the_full_records(vault):
    a = _testimony(vault, "first", names=["Байжанов Ерлан", "Bayzhanov"])
    with vault.transaction():
        vault.catalogue.add_person(a, "detained")  # a person with no name yet
        p2 = vault.catalogue.add_person(a, "detained")
        vault.catalogue.set_names(p2, ["王伟"])
        ref = vault.items.create(a, "imported", state="complete", duration=12.5, size=10)
        vault.items.create(a, "imported", state="writing")  # unfinished: not counted
    b = _testimony(vault, "second")
    summaries = vault.catalogue.summaries()
    assert [s.id for s in summaries] == [t.id for t in vault.catalogue.all()] == [b, a]
    s_a = summaries[1]
    assert s_a.title == "first" and s_a.detained_names == ("Байжанов Ерлан", "王伟")
    assert (s_a.item_count, s_a.duration) == (1, 12.5)
    assert summaries[0].detained_names == () and summaries[0].item_count == 0
    assert [s.id for s in vault.catalogue.summaries([a, b])] == [a, b]
    assert vault.catalogue.summaries([]) == []
    assert ref.item_id
