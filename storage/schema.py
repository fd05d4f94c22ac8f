"""Numbered, stepwise migrations of the catalogue (`PRAGMA user_version`).

Append a new step to `MIGRATIONS`; never edit a step that has shipped. A vault whose
version is higher than this list is refused (`VaultTooNew`) rather than guessed at.
`tests/fixtures/` keeps a vault made by version 1 to prove old vaults still open.
"""

from __future__ import annotations

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE testimonies (
    seq INTEGER PRIMARY KEY,                 -- rowid, also the rowid of its search row
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    recorded_at TEXT,
    place TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    volunteer TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'exported')),
    consent TEXT NOT NULL DEFAULT 'restricted'
        CHECK (consent IN ('public', 'anonymous', 'restricted')),
    consent_disclosure INTEGER,              -- NULL: not asked yet; 0/1: no/yes
    consent_voluntariness INTEGER,
    consent_comprehension INTEGER,
    consent_competence INTEGER,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX testimonies_by_date ON testimonies (created_at, seq);

CREATE TABLE tags (
    testimony_id TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (testimony_id, tag)
);

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('speaker', 'detained')),
    position INTEGER NOT NULL,
    relation TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    birth_year INTEGER,
    chinese_id TEXT NOT NULL DEFAULT '',
    hometown TEXT NOT NULL DEFAULT '',
    detained_on TEXT NOT NULL DEFAULT '',
    detention_place TEXT NOT NULL DEFAULT '',
    detention_kind TEXT NOT NULL DEFAULT '',
    sentence TEXT NOT NULL DEFAULT '',
    charges TEXT NOT NULL DEFAULT '',
    citizenship TEXT NOT NULL DEFAULT ''
);
CREATE INDEX people_by_testimony ON people (testimony_id, role, position);

CREATE TABLE person_names (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    script TEXT NOT NULL,
    PRIMARY KEY (person_id, position)
);

CREATE TABLE items (
    id TEXT PRIMARY KEY,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id),
    person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('master', 'share', 'proxy', 'audio', 'anonymized',
                                       'still', 'imported', 'document')),
    state TEXT NOT NULL CHECK (state IN ('writing', 'recording', 'complete', 'recovered',
                                         'failed')),
    media_type TEXT NOT NULL DEFAULT 'other',
    label TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL DEFAULT '',
    object_name TEXT NOT NULL UNIQUE,
    item_key BLOB,                           -- NULL once crypto-erased
    segment_size INTEGER NOT NULL,
    segments_per_part INTEGER NOT NULL,
    size INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT,
    codec TEXT,
    audio_codec TEXT,
    duration REAL,
    width INTEGER,
    height INTEGER,
    rotation INTEGER NOT NULL DEFAULT 0,
    dropped_frames INTEGER,
    parent TEXT REFERENCES items(id) ON DELETE SET NULL,
    params TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
);
CREATE INDEX items_by_testimony ON items (testimony_id, state);
CREATE INDEX items_by_sha ON items (sha256);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    item_id TEXT,
    params TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL DEFAULT 'queued',
    progress REAL NOT NULL DEFAULT 0,
    result TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT,
    details TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- Cross-script search: `raw` holds the words as typed, `phonetic` their folded keys
-- (storage/translit.py). rowid = testimonies.seq.
CREATE VIRTUAL TABLE search USING fts5(
    raw, phonetic, tokenize = 'unicode61 remove_diacritics 2'
);
"""

# Version 2: bundles for organizers (storage/bundles/). The device key is made at
# `init`, or on first use in a vault made before this version.
_V2 = """
CREATE TABLE device_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    private_key BLOB NOT NULL,               -- Ed25519 seed: signs bundle manifests
    created_at TEXT NOT NULL
);

CREATE TABLE organizers (                    -- the address book of age recipients
    name TEXT PRIMARY KEY COLLATE NOCASE,
    recipient TEXT NOT NULL,                 -- age1...
    added_at TEXT NOT NULL
);

CREATE TABLE bundles (
    id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('export', 'import')),
    device TEXT NOT NULL,                    -- fingerprint of the device that made it
    created_at TEXT NOT NULL,                -- when it was made
    at TEXT NOT NULL,                        -- when this vault exported or imported it
    items INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    PRIMARY KEY (id, device, direction)
);

CREATE TABLE bundle_testimonies (
    bundle_id TEXT NOT NULL,
    device TEXT NOT NULL,
    direction TEXT NOT NULL,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    source_id TEXT NOT NULL,                 -- its id in the vault that exported it
    FOREIGN KEY (bundle_id, device, direction) REFERENCES bundles (id, device, direction)
        ON DELETE CASCADE
);
CREATE INDEX bundle_testimonies_by_source ON bundle_testimonies (device, source_id);
CREATE INDEX bundle_testimonies_by_testimony ON bundle_testimonies (testimony_id);
"""

# Version 3: damage found by recovery is kept on the item (`damage` is NULL, 'damaged'
# or 'lost'; `damage_at` the media time in seconds where it begins), and the vault
# remembers the last generation of each replica (seeded from the audit log).
_V3 = """
ALTER TABLE items ADD COLUMN damage TEXT CHECK (damage IN ('damaged', 'lost'));
ALTER TABLE items ADD COLUMN damage_at REAL;

CREATE TABLE replicas (
    label TEXT PRIMARY KEY,                  -- the replica's random r... label
    generation INTEGER NOT NULL,             -- the last generation this vault wrote there
    synced_at TEXT NOT NULL
);
INSERT INTO replicas (label, generation, synced_at)
    SELECT subject, max(CAST(json_extract(details, '$.generation') AS INTEGER)), max(at)
    FROM audit WHERE action = 'replica.sync' AND subject IS NOT NULL GROUP BY subject;
"""

# Version 4: receipts (storage/bundles/receipts.py). An exported bundle keeps the secret
# its receipt must be authenticated with, and the items it held; a good receipt marks
# them delivered. A testimony's status reads `delivered` once all its exported items are.
_V4 = """
ALTER TABLE bundles ADD COLUMN receipt_key BLOB;  -- export: the HMAC key inside its manifest

CREATE TABLE bundle_items (                  -- what an exported bundle held
    bundle_id TEXT NOT NULL,
    item_id TEXT NOT NULL,                   -- not a reference: the item may be erased later
    testimony_id TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    delivered_at TEXT,                       -- when a receipt confirmed it
    PRIMARY KEY (bundle_id, item_id)
);
CREATE INDEX bundle_items_by_testimony ON bundle_items (testimony_id);
CREATE INDEX bundle_items_by_item ON bundle_items (item_id, delivered_at);
"""

MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4]

SCHEMA_VERSION = len(MIGRATIONS)
