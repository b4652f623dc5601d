"""ICD-10-PCS: streaming parsers for the tables and definitions XML, and the code checker.

The checker works on :class:`PcsTable` records only (no SQL): given a possibly partial
code it finds the first character that no table row allows and says why, and for the
code builder it lists the values that are still possible at the next position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from readiness.codebook.model import PcsAxis, PcsCheck, PcsDefinition, PcsRow, PcsTable
from readiness.codebook.xmlutil import all_text, iterparse
from readiness.core.errors import ImportFailed
from readiness.core.progress import NullProgress, Progress

POSITION_NAMES = {
    1: "section",
    2: "body system",
    3: "root operation",
    4: "body part",
    5: "approach",
    6: "device",
    7: "qualifier",
}


@dataclass
class PcsHeader:
    version: str = ""
    title: str = ""


def _axis(elem: object) -> PcsAxis:
    import xml.etree.ElementTree as ET

    assert isinstance(elem, ET.Element)
    labels = tuple((lab.get("code", ""), all_text(lab)) for lab in elem.findall("label"))
    definition = elem.find("definition")
    return PcsAxis(
        pos=int(elem.get("pos") or 0),
        title=all_text(elem.find("title")) if elem.find("title") is not None else "",
        labels=labels,
        definition=all_text(definition) if definition is not None else "",
    )


def parse_tables(source: Path | IO[bytes], name: str, header: PcsHeader | None = None,
                 progress: Progress | None = None) -> Iterator[PcsTable]:
    progress = progress or NullProgress()
    header = header if header is not None else PcsHeader()
    root = ""
    seq = 0
    for event, elem in iterparse(source, name):
        if event == "start":
            if not root:
                root = elem.tag
                if root != "ICD10PCS.tabular":
                    raise ImportFailed(f"this is not the ICD-10-PCS tables (root <{root}>)",
                                       where=name)
            continue
        tag = elem.tag
        if tag == "version" and not header.version:
            header.version = all_text(elem)
        elif tag == "title" and not header.title and not seq:
            header.title = all_text(elem)
        elif tag == "pcsTable":
            seq += 1
            heads = tuple(_axis(a) for a in elem.findall("axis"))
            rows = tuple(PcsRow(tuple(sorted((_axis(a) for a in r.findall("axis")),
                                             key=lambda a: a.pos)))
                         for r in elem.findall("pcsRow"))
            heads = tuple(sorted(heads, key=lambda a: a.pos))
            if [a.pos for a in heads] != [1, 2, 3] or any(len(a.labels) != 1 for a in heads):
                raise ImportFailed(f"table {seq} does not have one value for positions 1-3",
                                   where=name)
            for r in rows:
                if [a.pos for a in r.axes] != [4, 5, 6, 7]:
                    raise ImportFailed(
                        f"a row of table {''.join(a.labels[0][0] for a in heads)} does not "
                        "have positions 4-7", where=name)
            prefix = "".join(a.labels[0][0] for a in heads)
            yield PcsTable(prefix, heads, rows, seq)
            elem.clear()
            if seq % 100 == 0:
                progress.check()


def parse_definitions(source: Path | IO[bytes], name: str,
                      header: PcsHeader | None = None) -> Iterator[PcsDefinition]:
    header = header if header is not None else PcsHeader()
    root = ""
    section = ""
    for event, elem in iterparse(source, name):
        if event == "start":
            if not root:
                root = elem.tag
                if root != "ICD10PCS.definitions":
                    raise ImportFailed(
                        f"this is not the ICD-10-PCS definitions (root <{root}>)", where=name)
            if elem.tag == "section":
                section = elem.get("code", "")
            continue
        tag = elem.tag
        if tag == "version" and not header.version:
            header.version = all_text(elem)
        elif tag == "title" and not header.title and not section:
            header.title = all_text(elem)
        elif tag == "axis" and section:
            pos = int(elem.get("pos") or 0)
            title_el = elem.find("title")
            axis_title = all_text(title_el) if title_el is not None else ""
            for terms in elem.findall("terms"):
                d = terms.find("definition")
                e = terms.find("explanation")
                includes = tuple(all_text(i) for i in terms.findall("includes"))
                for t in terms.findall("title"):
                    yield PcsDefinition(section, pos, axis_title, all_text(t),
                                        all_text(d) if d is not None else "",
                                        all_text(e) if e is not None else "", includes)
            elem.clear()
        elif tag == "section":
            section = ""
            elem.clear()


def expand_rows(table: PcsTable) -> Iterator[str]:
    """Every valid 7-character code of a table."""
    for row in table.rows:
        for a in row.axis(4).labels:
            for b in row.axis(5).labels:
                for c in row.axis(6).labels:
                    for d in row.axis(7).labels:
                        yield table.prefix + a[0] + b[0] + c[0] + d[0]


def _label(axis: PcsAxis, value: str) -> str:
    for v, lab in axis.labels:
        if v == value:
            return lab
    return ""


class PcsChecker:
    """Checks codes against a set of tables (given as a lookup)."""

    def __init__(self, prefixes: list[str], table: Callable[[str], PcsTable | None]) -> None:
        self.prefixes = prefixes
        self._table = table
        self._prefix_set = set(prefixes)

    def table(self, prefix: str) -> PcsTable | None:
        return self._table(prefix) if prefix in self._prefix_set else None

    def head_label(self, partial: str) -> str:
        """Label of the last character of a 1-3 character prefix (from any matching table)."""
        for p in self.prefixes:
            if p.startswith(partial):
                t = self._table(p)
                if t is not None:
                    return t.heads[len(partial) - 1].labels[0][1]
        return ""

    def choices(self, partial: str) -> list[tuple[str, str]]:
        """Values allowed at position len(partial)+1 after ``partial``, with labels."""
        n = len(partial)
        if n >= 7:
            return []
        if n < 3:
            seen: dict[str, str] = {}
            for p in self.prefixes:
                if p.startswith(partial) and p[n] not in seen:
                    t = self._table(p)
                    seen[p[n]] = t.heads[n].labels[0][1] if t else ""
            return sorted(seen.items())
        table = self.table(partial[:3])
        if table is None:
            return []
        out: dict[str, str] = {}
        for row in table.rows:
            if all(partial[i] in {v for v, _ in row.axis(i + 1).labels} for i in range(3, n)):
                for v, lab in row.axis(n + 1).labels:
                    out.setdefault(v, lab)
        return sorted(out.items())

    def check(self, code: str) -> PcsCheck:
        code = code.strip().upper()
        for i, ch in enumerate(code, start=1):
            if ch in "IO":
                return PcsCheck(code, False, i, f"character {i} is the letter {ch}; ICD-10-PCS "
                                "never uses I or O (they look like 1 and 0)")
        for n in range(1, min(len(code), 3) + 1):
            if not any(p.startswith(code[:n]) for p in self.prefixes):
                what = POSITION_NAMES[n]
                where = self._context(code[: n - 1])
                return PcsCheck(code, False, n, f"character {n} ({what}) '{code[n - 1]}' does not "
                                f"exist{where}")
        if len(code) < 3:
            return PcsCheck(code, False, None, f"incomplete: {7 - len(code)} more characters")
        table = self.table(code[:3])
        assert table is not None
        rows = list(table.rows)
        for n in range(4, min(len(code), 7) + 1):
            ch = code[n - 1]
            matching = [r for r in rows if any(v == ch for v, _ in r.axis(n).labels)]
            if not matching:
                what = POSITION_NAMES[n]
                allowed = sorted({v for r in rows for v, _ in r.axis(n).labels})
                chosen = ", ".join(
                    f"{POSITION_NAMES[k]} {code[k - 1]} ({_label(rows[0].axis(k), code[k - 1])})"
                    for k in range(4, n)
                )
                context = f" with {chosen}" if chosen else ""
                return PcsCheck(
                    code, False, n,
                    f"character {n} ({what}) '{ch}' is not valid in table {table.prefix} "
                    f"({table.operation.labels[0][1]}, {table.body_system.labels[0][1]})"
                    f"{context}; allowed: {', '.join(allowed)}",
                )
            rows = matching
        if len(code) < 7:
            return PcsCheck(code, False, None, f"incomplete: {7 - len(code)} more characters")
        if len(code) > 7:
            return PcsCheck(code, False, 8, "an ICD-10-PCS code has exactly 7 characters")
        return PcsCheck(code, True, None, "valid", self.title(code, table, rows[0]))

    def _context(self, partial: str) -> str:
        if not partial:
            return " as an ICD-10-PCS section"
        labels = [self.head_label(partial[:k]) for k in range(1, len(partial) + 1)]
        return " in " + ", ".join(f"{partial[k]} {labels[k]}" for k in range(len(partial)))

    def title(self, code: str, table: PcsTable | None = None,
              row: PcsRow | None = None) -> str:
        """A full descriptive title composed from the table labels of a valid code."""
        table = table or self.table(code[:3])
        if table is None:
            return ""
        if row is None:
            for r in table.rows:
                if all(any(v == code[n - 1] for v, _ in r.axis(n).labels) for n in range(4, 8)):
                    row = r
                    break
        if row is None:
            return ""
        op = table.operation.labels[0][1]
        parts = [f"{op} of {_label(row.axis(4), code[3])}" if table.prefix[0] == "0"
                 else f"{op}: {_label(row.axis(4), code[3])}"]
        for n in (5, 6, 7):
            lab = _label(row.axis(n), code[n - 1])
            if lab and not lab.lower().startswith(("no ", "none")):
                parts.append(f"{lab} Approach" if n == 5 and table.prefix[0] == "0" else lab)
        return ", ".join(parts)
