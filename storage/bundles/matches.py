"""People who may be the same person across testimonies: offered, never merged.

Bundles from many volunteers often name the same detained person, spelled in
another script or order. After an import, each new person is compared with the
people of every other testimony: the same Chinese ID number, or a name of two or
more words whose phonetic keys (storage/translit.py) are the same, in the same or
in any order ("Байжанов Ерлан" ~ "Erlan Bayzhanov"; "王伟" ~ "Wang Wei"). The
catalogue's search index finds the candidates, so this stays fast in big vaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage import translit
from storage.db import Connection


@dataclass(frozen=True, slots=True)
class PersonMatch:
    """A person of an imported testimony who may be a person of another testimony."""

    testimony_id: str
    person_id: str
    role: str
    other_testimony_id: str
    other_person_id: str
    other_role: str
    reason: str  # "same Chinese ID number" or "same name"


def name_keys(name: str) -> set[str]:
    """Keys under which two spellings of a full name count as the same name."""
    words = translit.words(name)
    han = len(words) == 1 and len(words[0]) >= 2 and translit.detect_script(words[0]) == "han"
    if len(words) < 2 and not han:
        return set()  # one word alone ("Erlan") says too little
    keys = [translit.phonetic_key(w) for w in words]
    if not all(keys):
        return set()
    return {"".join(keys), " ".join(sorted(keys)), translit.phonetic_key("".join(words))}


def _people(conn: Connection, where: str, args: tuple) -> list[tuple[str, str, str, str]]:
    return conn.execute(f"SELECT id, testimony_id, role, chinese_id FROM people {where}",
                        args).fetchall()


def _names(conn: Connection, person_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM person_names WHERE person_id = ? ORDER BY position", (person_id,))]


def find_matches(conn: Connection, person_ids: list[str], search) -> list[PersonMatch]:
    """Possible matches of the given people among other testimonies' people.

    `search(text)` returns ids of testimonies matching text (the catalogue's search).
    """
    found: dict[tuple[str, str], PersonMatch] = {}
    for pid, tid, role, chinese_id in (p for pid in person_ids
                                       for p in _people(conn, "WHERE id = ?", (pid,))):
        if chinese_id.strip():
            for other, otid, orole, _ in _people(
                    conn, "WHERE upper(trim(chinese_id)) = ? AND testimony_id != ?",
                    (chinese_id.strip().upper(), tid)):
                found.setdefault((pid, other), PersonMatch(tid, pid, role, otid, other, orole,
                                                           "same Chinese ID number"))
        for name in _names(conn, pid):
            keys = name_keys(name)
            if not keys:
                continue
            candidates = [t for t in search(name) if t != tid]
            for otid in candidates:
                for other, _, orole, _ in _people(conn, "WHERE testimony_id = ?", (otid,)):
                    if (pid, other) in found:
                        continue
                    if any(keys & name_keys(n) for n in _names(conn, other)):
                        found[(pid, other)] = PersonMatch(tid, pid, role, otid, other, orole,
                                                          "same name")
    return list(found.values())
