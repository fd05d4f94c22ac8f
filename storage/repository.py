"""The base of the catalogue's repositories: one group of queries over one connection.

`Catalogue`, `Items`, `Jobs`, `AuditLog`, the bundles' `AddressBook`, `BundleLog` and
`Deliveries` each own some tables of vault.db. They hold the connection they were
given and never open, commit or close it: their writes run inside the caller's
transaction (`storage.db.transaction`).
"""

from __future__ import annotations

from storage.db import Connection


class Repository:
    """Queries and updates of some of the catalogue's tables on one connection."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
