"""Testimonies, their people, tags and the cross-script search index.

All reads return frozen models; all writes happen inside the caller's transaction
(`storage.db.transaction`) and keep the FTS5 row of the testimony in step.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from core.i18n import _
from storage import ids, translit
from storage.audit import now
from storage.repository import Repository
from storage.bundles.receipts import STATUS_SQL
from core.errors import InvalidValue, NotFound
from storage.items import item_from_row, ITEM_COLUMNS
from storage.models import (CONSENT_ELEMENTS, CONSENT_LEVELS, PERSON_FIELDS, STATUSES,
                     TESTIMONY_TEXT_FIELDS, ConsentElements, MediaItem, Name, Person,
                     Testimony, TestimonySummary)

_T_COLUMNS = (f"id, title, {STATUS_SQL}, consent, created_at, updated_at, consent_disclosure,"
              " consent_voluntariness, consent_comprehension, consent_competence,"
              " recorded_at, place, language, volunteer, notes")
_P_COLUMNS = "id, testimony_id, role, " + ", ".join(PERSON_FIELDS)
_SEARCHED_PERSON_FIELDS = ("hometown", "detention_place", "charges", "relation")


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


class Catalogue(Repository):
    """Queries and updates of testimonies and people on one connection."""

    # -- testimonies ---------------------------------------------------------

    def create_testimony(self, title: str = "", consent: str = "restricted",
                         recorded_at: str | None = None) -> str:
        """Insert a draft testimony and return its id."""
        if consent not in CONSENT_LEVELS:
            raise InvalidValue(_("consent must be one of {join}").format(join=', '.join(CONSENT_LEVELS)))
        stamp = now()
        while True:
            tid = ids.new_id(ids.TESTIMONY)
            if not self._conn.execute("SELECT 1 FROM testimonies WHERE id = ?", (tid,)).fetchone():
                break
        self._conn.execute(
            "INSERT INTO testimonies (id, title, consent, recorded_at, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)", (tid, title, consent, recorded_at, stamp, stamp))
        self.reindex(tid)
        return tid

    def exists(self, tid: str) -> bool:
        """True if a testimony has this id."""
        return self._conn.execute("SELECT 1 FROM testimonies WHERE id = ?", (tid,)).fetchone() is not None

    def update_testimony(self, tid: str, **fields: Any) -> None:
        """Set catalogue fields of a testimony (validated), consent elements included."""
        sets: dict[str, Any] = {}
        for name, value in fields.items():
            if name in TESTIMONY_TEXT_FIELDS:
                sets[name] = value
            elif name == "status":
                if value not in STATUSES:
                    raise InvalidValue(_("status must be one of {join}").format(join=', '.join(STATUSES)))
                sets[name] = value
            elif name == "consent":
                if value not in CONSENT_LEVELS:
                    raise InvalidValue(_("consent must be one of {join}").format(join=', '.join(CONSENT_LEVELS)))
                sets[name] = value
            elif name in CONSENT_ELEMENTS:
                sets[f"consent_{name}"] = None if value is None else int(bool(value))
            else:
                raise InvalidValue(_("unknown testimony field: {name}").format(name=name))
        self._require(tid)
        if sets:
            cols = ", ".join(f"{c} = ?" for c in sets)
            self._conn.execute(f"UPDATE testimonies SET {cols}, updated_at = ? WHERE id = ?",
                               (*sets.values(), now(), tid))
            self.reindex(tid)

    def set_tags(self, tid: str, tags: Iterable[str]) -> None:
        """Replace the tags of a testimony."""
        self._require(tid)
        self._conn.execute("DELETE FROM tags WHERE testimony_id = ?", (tid,))
        clean = dict.fromkeys(t.strip() for t in tags if t.strip())
        self._conn.executemany("INSERT INTO tags (testimony_id, tag) VALUES (?, ?)",
                               [(tid, t) for t in clean])
        self._touch(tid)

    def delete_testimony(self, tid: str) -> None:
        """Remove a testimony row, its people and search row (its items must be gone)."""
        seq = self._seq(tid)
        self._conn.execute("DELETE FROM search WHERE rowid = ?", (seq,))
        self._conn.execute("DELETE FROM testimonies WHERE id = ?", (tid,))

    def get(self, tid: str) -> Testimony:
        """One testimony, whole; `NotFound` if there is none."""
        found = self._load("WHERE t.id = ?", (tid,))
        if not found:
            raise NotFound(_("no testimony or item with id {tid}").format(tid=tid))
        return found[0]

    def all(self) -> list[Testimony]:
        """Every testimony, newest first."""
        return self._load("", ())

    def summaries(self, tids: list[str] | None = None) -> list[TestimonySummary]:
        """One line's worth of every testimony (or of `tids`, in that order), newest first.

        One query with indexed subqueries: this is what lists of thousands use.
        """
        where, args = "", ()
        if tids is not None:
            if not tids:
                return []
            where, args = f"WHERE t.id IN ({','.join('?' * len(tids))})", tuple(tids)
        rows = self._conn.execute(
            f"SELECT t.id, t.title, {STATUS_SQL}, t.consent, t.created_at, t.updated_at,"
            " t.recorded_at,"
            " (SELECT group_concat(n.name, char(31)) FROM people p JOIN person_names n"
            "   ON n.person_id = p.id AND n.position = 1"
            "   WHERE p.testimony_id = t.id AND p.role = 'detained'),"
            " (SELECT count(*) FROM items i WHERE i.testimony_id = t.id AND i.state != 'writing'),"
            " (SELECT max(duration) FROM items i WHERE i.testimony_id = t.id AND i.state != 'writing'),"
            " (SELECT group_concat(i.id || char(30) || i.damage || char(30)"
            "   || ifnull(i.damage_at, ''), char(31)) FROM items i"
            "   WHERE i.testimony_id = t.id AND i.damage IS NOT NULL)"
            f" FROM testimonies t {where} ORDER BY t.created_at DESC, t.seq DESC", args)
        out = [TestimonySummary(*r[:7], tuple(r[7].split("\x1f")) if r[7] else (), r[8], r[9],
                                _damage(r[10])) for r in rows]
        if tids is not None:
            order = {tid: i for i, tid in enumerate(tids)}
            out.sort(key=lambda t: order[t.id])
        return out

    def by_ids(self, tids: list[str]) -> list[Testimony]:
        """The testimonies with these ids, in the order given."""
        if not tids:
            return []
        marks = ",".join("?" * len(tids))
        found = {t.id: t for t in self._load(f"WHERE t.id IN ({marks})", tuple(tids))}
        return [found[t] for t in tids if t in found]

    # -- people --------------------------------------------------------------

    def add_person(self, tid: str, role: str) -> str:
        """A new, empty speaker or detained person of a testimony; returns its id."""
        self._require(tid)
        if role == "speaker" and self.people(tid, "speaker"):
            raise InvalidValue(_("testimony {tid} already has a speaker").format(tid=tid))
        position = self._conn.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM people WHERE testimony_id = ? AND role = ?",
            (tid, role)).fetchone()[0]
        pid = ids.new_id(ids.PERSON)
        self._conn.execute("INSERT INTO people (id, testimony_id, role, position) VALUES (?, ?, ?, ?)",
                           (pid, tid, role, position))
        return pid

    def people(self, tid: str, role: str) -> list[str]:
        """Ids of a testimony's people in one role, in order."""
        return [r[0] for r in self._conn.execute(
            "SELECT id FROM people WHERE testimony_id = ? AND role = ? ORDER BY position",
            (tid, role))]

    def update_person(self, pid: str, **fields: Any) -> None:
        """Set fields of a person (see models.PERSON_FIELDS)."""
        tid = self._person_testimony(pid)
        for name in fields:
            if name not in PERSON_FIELDS:
                raise InvalidValue(_("unknown person field: {name}").format(name=name))
        if fields:
            cols = ", ".join(f"{c} = ?" for c in fields)
            self._conn.execute(f"UPDATE people SET {cols} WHERE id = ?", (*fields.values(), pid))
            self._touch(tid)

    def set_names(self, pid: str, names: Iterable[str]) -> None:
        """Replace a person's names (several scripts and spellings)."""
        tid = self._person_testimony(pid)
        self._conn.execute("DELETE FROM person_names WHERE person_id = ?", (pid,))
        clean = list(dict.fromkeys(n.strip() for n in names if n.strip()))
        self._conn.executemany(
            "INSERT INTO person_names (person_id, position, name, script) VALUES (?, ?, ?, ?)",
            [(pid, i, n, translit.detect_script(n)) for i, n in enumerate(clean, 1)])
        self._touch(tid)

    def names(self, pid: str) -> list[str]:
        """A person's names, in order."""
        return [r[0] for r in self._conn.execute(
            "SELECT name FROM person_names WHERE person_id = ? ORDER BY position", (pid,))]

    def remove_person(self, pid: str) -> None:
        """Delete a person and their names."""
        tid = self._person_testimony(pid)
        self._conn.execute("DELETE FROM people WHERE id = ?", (pid,))
        self._touch(tid)

    # -- search --------------------------------------------------------------

    def search(self, text: str, limit: int = 500) -> list[str]:
        """Ids of testimonies matching every word of `text`, in any script, best first."""
        clauses = []
        for word in translit.words(text):
            raw = '"' + word.replace('"', '""') + '"*'
            keys = translit.query_terms(word)
            clauses.append(f"(raw : {raw} OR phonetic : \"{keys[0]}\"*)" if keys else f"raw : {raw}")
        if not clauses:
            return []
        rows = self._conn.execute(
            "SELECT t.id FROM search JOIN testimonies t ON t.seq = search.rowid"
            " WHERE search MATCH ? ORDER BY bm25(search) LIMIT ?", (" AND ".join(clauses), limit))
        return [r[0] for r in rows]

    def reindex(self, tid: str) -> None:
        """Rebuild the search row of one testimony from its current fields and names."""
        seq = self._seq(tid)
        title, notes, place = self._conn.execute(
            "SELECT title, notes, place FROM testimonies WHERE id = ?", (tid,)).fetchone()
        parts = [title, notes, place]
        parts += [r[0] for r in self._conn.execute("SELECT tag FROM tags WHERE testimony_id = ?", (tid,))]
        names = [r[0] for r in self._conn.execute(
            "SELECT n.name FROM person_names n JOIN people p ON p.id = n.person_id"
            " WHERE p.testimony_id = ?", (tid,))]
        parts += names
        cols = ", ".join(_SEARCHED_PERSON_FIELDS)
        for row in self._conn.execute(f"SELECT {cols} FROM people WHERE testimony_id = ?", (tid,)):
            parts += list(row)
        raw = "\n".join(p for p in parts if p)
        terms = translit.index_terms(raw)
        # A whole name as one key too, so "王伟" (one Han word) finds "Wang Wei".
        terms += [translit.phonetic_key("".join(translit.words(n))) for n in names]
        phonetic = " ".join(dict.fromkeys(t for t in terms if t))
        self._conn.execute("INSERT OR REPLACE INTO search (rowid, raw, phonetic) VALUES (?, ?, ?)",
                           (seq, raw, phonetic))

    # -- helpers -------------------------------------------------------------

    def _seq(self, tid: str) -> int:
        row = self._conn.execute("SELECT seq FROM testimonies WHERE id = ?", (tid,)).fetchone()
        if row is None:
            raise NotFound(_("no testimony with id {tid}").format(tid=tid))
        return row[0]

    def _require(self, tid: str) -> None:
        self._seq(tid)

    def _touch(self, tid: str) -> None:
        self._conn.execute("UPDATE testimonies SET updated_at = ? WHERE id = ?", (now(), tid))
        self.reindex(tid)

    def _person_testimony(self, pid: str) -> str:
        row = self._conn.execute("SELECT testimony_id FROM people WHERE id = ?", (pid,)).fetchone()
        if row is None:
            raise NotFound(_("no person with id {pid}").format(pid=pid))
        return row[0]

    def _load(self, where: str, args: tuple) -> list[Testimony]:
        rows = self._conn.execute(
            f"SELECT {_T_COLUMNS} FROM testimonies t {where} ORDER BY t.created_at DESC, t.seq DESC",
            args).fetchall()
        if not rows:
            return []
        scope = "" if not where else f"WHERE testimony_id IN (SELECT id FROM testimonies t {where})"
        tags: dict[str, list[str]] = defaultdict(list)
        for tid, tag in self._conn.execute(f"SELECT testimony_id, tag FROM tags {scope} ORDER BY tag", args):
            tags[tid].append(tag)
        items: dict[str, list[MediaItem]] = defaultdict(list)
        docs: dict[str, list[str]] = defaultdict(list)
        item_scope = "WHERE state != 'writing'" + (f" AND {scope[6:]}" if scope else "")
        for row in self._conn.execute(
                f"SELECT {ITEM_COLUMNS} FROM items {item_scope} ORDER BY created_at, rowid", args):
            item = item_from_row(row)
            items[item.testimony_id].append(item)
            if item.person_id:
                docs[item.person_id].append(item.id)
        names: dict[str, list[Name]] = defaultdict(list)
        pscope = scope.replace("testimony_id", "p.testimony_id")
        for pid, name, script in self._conn.execute(
                f"SELECT n.person_id, n.name, n.script FROM person_names n JOIN people p"
                f" ON p.id = n.person_id {pscope} ORDER BY n.person_id, n.position", args):
            names[pid].append(Name(name, script))
        speakers: dict[str, Person] = {}
        detained: dict[str, list[Person]] = defaultdict(list)
        for row in self._conn.execute(
                f"SELECT {_P_COLUMNS} FROM people {scope} ORDER BY testimony_id, position", args):
            pid, tid, role, *rest = row
            person = Person(pid, role, tuple(names.get(pid, ())), *rest,
                            documents=tuple(docs.get(pid, ())))
            if role == "speaker":
                speakers[tid] = person
            else:
                detained[tid].append(person)
        out = []
        for (tid, title, status, consent, created, updated, c1, c2, c3, c4, recorded, place,
             language, volunteer, notes) in rows:
            out.append(Testimony(
                tid, title, status, consent, created, updated,
                ConsentElements(_bool(c1), _bool(c2), _bool(c3), _bool(c4)),
                recorded, place, language, volunteer, notes, tuple(tags.get(tid, ())),
                speakers.get(tid), tuple(detained.get(tid, ())), tuple(items.get(tid, ()))))
        return out


def _damage(text: str | None) -> tuple[tuple[str, str, float | None], ...]:
    """(item id, damage, damage_at) of a summary's damaged items, from group_concat."""
    out = []
    for entry in (text or "").split("\x1f") if text else ():
        item_id, what, at = entry.split("\x1e")
        out.append((item_id, what, float(at) if at else None))
    return tuple(out)
