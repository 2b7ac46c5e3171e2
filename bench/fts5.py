"""The reference engine: SQLite FTS5 from the standard library.

Same documents (title, body, source) and the same logical queries as the Whoosh side.
Dates live in an ordinary indexed column of a companion table joined on rowid, because an
FTS5 column cannot be range-scanned. A query fetches the top hits with their title and a
snippet (the app shows both) and, separately, the exact number of matches.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .queries import BenchQuery

LIMIT = 20
_SNIPPET = "snippet(docs, 1, '[', ']', '…', 24)"


def _day(value: Any) -> str | None:
    """ISO day from an ISO timestamp (or None)."""
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


class Fts5Index:
    """An FTS5 index in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path)

    @classmethod
    def create(cls, path: Path) -> Fts5Index:
        """A new, empty index at `path` (an existing file is replaced)."""
        path.unlink(missing_ok=True)
        index = cls(path)
        index.db.executescript(
            """
            CREATE VIRTUAL TABLE docs USING fts5(title, body, source,
                tokenize = 'porter unicode61');
            CREATE TABLE meta(rowid INTEGER PRIMARY KEY, doc_id TEXT UNIQUE, date TEXT);
            CREATE INDEX meta_date ON meta(date);
            """
        )
        return index

    def ingest(self, docs: Iterable[dict[str, Any]]) -> int:
        """Add docs in one transaction; returns how many were added.

        Records with neither body text nor title are skipped, as the app's JSONL reader
        rejects them, so both engines index the same documents.
        """
        n = 0
        with self.db:
            for doc in docs:
                if not (str(doc.get("text") or "").strip() or str(doc.get("title") or "").strip()):
                    continue
                cur = self.db.execute(
                    "INSERT INTO meta(doc_id, date) VALUES (?, ?)",
                    (str(doc.get("id", "")), _day(doc.get("date"))),
                )
                self.db.execute(
                    "INSERT INTO docs(rowid, title, body, source) VALUES (?, ?, ?, ?)",
                    (
                        cur.lastrowid,
                        doc.get("title") or "",
                        doc.get("text") or "",
                        doc.get("source") or "",
                    ),
                )
                n += 1
        return n

    def size_bytes(self) -> int:
        """Bytes on disk, journal included."""
        return sum(
            p.stat().st_size
            for p in (self.path, self.path.with_name(self.path.name + "-wal"))
            if p.exists()
        )

    def search(self, q: BenchQuery, limit: int = LIMIT) -> tuple[int, list[tuple[Any, ...]]]:
        """Top `limit` rows (doc id, title, snippet or '') and the exact total."""
        if q.fts is None:
            return self._date_only(q, limit)
        where = "docs MATCH ?"
        params: list[Any] = [q.fts]
        join = ""
        if q.date_from is not None or q.date_to is not None:
            join = "JOIN meta m ON m.rowid = docs.rowid"
            where += " AND m.date BETWEEN ? AND ?"
            params += [q.date_from or "0000", q.date_to or "9999"]
        if q.sort == "date":
            if not join:
                join = "JOIN meta m ON m.rowid = docs.rowid"
            order = "m.date DESC"
        else:
            order = "rank"
        top = [
            r[0]
            for r in self.db.execute(
                f"SELECT docs.rowid FROM docs {join} WHERE {where} ORDER BY {order} LIMIT ?",
                [*params, limit],
            )
        ]
        (total,) = self.db.execute(
            f"SELECT count(*) FROM docs {join} WHERE {where}", params
        ).fetchone()
        return int(total), self._rows(top, q.fts)

    def _date_only(self, q: BenchQuery, limit: int) -> tuple[int, list[tuple[Any, ...]]]:
        lo, hi = q.date_from or "0000", q.date_to or "9999"
        top = [
            r[0]
            for r in self.db.execute(
                "SELECT rowid FROM meta WHERE date BETWEEN ? AND ? ORDER BY date DESC LIMIT ?",
                (lo, hi, limit),
            )
        ]
        (total,) = self.db.execute(
            "SELECT count(*) FROM meta WHERE date BETWEEN ? AND ?", (lo, hi)
        ).fetchone()
        return int(total), self._rows(top, None)

    def _rows(self, rowids: list[int], match: str | None) -> list[tuple[Any, ...]]:
        # Snippets only for the page shown: in the ranking statement SQLite would build one
        # for every match before sorting by date.
        out = []
        for rowid in rowids:
            (doc_id,) = self.db.execute(
                "SELECT doc_id FROM meta WHERE rowid = ?", (rowid,)
            ).fetchone()
            if match is None:
                # No terms to centre on: the opening of the body, as the app shows.
                title, snippet = self.db.execute(
                    "SELECT title, substr(body, 1, 160) FROM docs WHERE rowid = ?", (rowid,)
                ).fetchone()
            else:
                title, snippet = self.db.execute(
                    f"SELECT title, {_SNIPPET} FROM docs WHERE docs MATCH ? AND rowid = ?",
                    (match, rowid),
                ).fetchone()
            out.append((doc_id, title, snippet))
        return out

    def close(self) -> None:
        """Close the connection."""
        self.db.close()
