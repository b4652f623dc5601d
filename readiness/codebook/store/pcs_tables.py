"""Reading ICD-10-PCS tables and definitions (and the JSON their axes are stored as)."""

from __future__ import annotations

import json
import sqlite3

from readiness.codebook.model import PcsAxis, PcsDefinition, PcsRow, PcsTable


class PcsReads:
    """The ICD-10-PCS part of :class:`~readiness.codebook.store.CodeSetStore`."""

    conn: sqlite3.Connection

    def pcs_table(self, prefix: str) -> PcsTable | None:
        row = self.conn.execute("SELECT prefix, seq, heads, rows FROM pcs_table WHERE prefix = ?",
                                (prefix,)).fetchone()
        return _table_from(row) if row else None

    def pcs_tables(self) -> list[PcsTable]:
        return [_table_from(r) for r in self.conn.execute(
            "SELECT prefix, seq, heads, rows FROM pcs_table ORDER BY seq")]

    def pcs_prefixes(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT prefix FROM pcs_table ORDER BY seq")]

    def pcs_definition(self, section: str, pos: int, title: str) -> PcsDefinition | None:
        row = self.conn.execute(
            "SELECT section, pos, axis_title, title, definition, explanation, includes "
            "FROM pcs_def WHERE section = ? AND pos = ? AND title = ? COLLATE NOCASE LIMIT 1",
            (section, pos, title)).fetchone()
        if row is None:
            return None
        s, p, at, t, d, e, inc = row
        return PcsDefinition(s, p, at, t, d, e, tuple(json.loads(inc)))

    def pcs_definition_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM pcs_def").fetchone()[0])


def axis_json(a: PcsAxis) -> dict[str, object]:
    return {"pos": a.pos, "title": a.title, "labels": [list(x) for x in a.labels],
            "definition": a.definition}


def _axis_from(d: dict[str, object]) -> PcsAxis:
    labels = d["labels"]
    assert isinstance(labels, list)
    return PcsAxis(
        pos=int(str(d["pos"])),
        title=str(d["title"]),
        labels=tuple((str(v), str(lab)) for v, lab in labels),
        definition=str(d.get("definition", "")),
    )


def _table_from(row: tuple[str, int, str, str]) -> PcsTable:
    prefix, seq, heads, rows = row
    return PcsTable(
        prefix=prefix,
        heads=tuple(_axis_from(a) for a in json.loads(heads)),
        rows=tuple(PcsRow(tuple(_axis_from(a) for a in r)) for r in json.loads(rows)),
        seq=seq,
    )
