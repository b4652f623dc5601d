"""Streaming parsers for index-shaped files.

The ICD-10-CM Alphabetic Index, External Cause Index, Neoplasm Table and Table of Drugs
share CDC's ``ICD10CM.index`` schema (``<letter>``, ``<mainTerm>``, nested
``<term level="n">``, ``<nemod>``, ``<see>``, ``<seeAlso>``, ``<cell col="n">``); the
ICD-10-PCS Index (``ICD10PCS.index``) uses the same shape with ``<use>``, ``<codes>`` and
``<tab>``.  The Table of Drugs is also published as CSV, with en dashes marking levels.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from readiness.codebook.model import IndexTerm, Kind
from readiness.codebook.xmlutil import all_text, clean, iterparse
from readiness.core.errors import ImportFailed
from readiness.core.progress import NullProgress, Progress


@dataclass
class _T:
    id: int
    parent: int | None
    main: int
    level: int
    letter: str
    title: str = ""
    nemod: str = ""
    tail: str = ""
    code: list[str] = field(default_factory=list)
    manif: list[str] = field(default_factory=list)
    see: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)
    see_cat: list[str] = field(default_factory=list)
    subcat: list[str] = field(default_factory=list)
    use: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    cells: dict[int, str] = field(default_factory=dict)
    path: str = ""
    has_children: bool = False

    def freeze(self, kind: Kind) -> IndexTerm:
        width = max(self.cells) - 1 if self.cells else 0
        cells = tuple(self.cells.get(c, "") for c in range(2, 2 + width))
        return IndexTerm(
            id=self.id, kind=kind, parent=self.parent, main=self.main, level=self.level,
            letter=self.letter, title=self.title, nemod=self.nemod, tail=self.tail,
            code=" ".join(self.code), manif=" ".join(self.manif), see="\n".join(self.see),
            see_also="\n".join(self.see_also), see_cat=" ".join(self.see_cat),
            subcat=" ".join(self.subcat), use="\n".join(self.use), codes=" ".join(self.codes),
            cells=cells, path=self.path, has_children=self.has_children,
        )


@dataclass
class IndexHeader:
    root: str = ""
    version: str = ""
    title: str = ""
    headings: dict[int, str] = field(default_factory=dict)


def split_title(elem: ET.Element) -> tuple[str, str, str]:
    """(words, nonessential modifiers, trailing words) of a <title> element."""
    title = clean(elem.text)
    mods = []
    tail_parts = []
    for child in elem:
        if child.tag == "nemod":
            mods.append(all_text(child))
        else:
            title = clean(f"{title} {all_text(child)}")
        if child.tail and child.tail.strip():
            tail_parts.append(clean(child.tail))
    tail = " " + " ".join(tail_parts) if tail_parts else ""
    return title, " ".join(mods), tail


_FIELD = {"code": "code", "manif": "manif", "see": "see", "seeAlso": "see_also",
          "seecat": "see_cat", "subcat": "subcat", "use": "use"}


def parse_index(source: Path | io.BufferedIOBase, name: str, kind: Kind,
                header: IndexHeader | None = None,
                progress: Progress | None = None) -> Iterator[IndexTerm]:
    """Yield every main term and subterm in book order (ids ascending)."""
    progress = progress or NullProgress()
    header = header if header is not None else IndexHeader()
    stack: list[_T] = []
    tags: list[str] = []
    letter = ""
    next_id = 0
    for event, elem in iterparse(source, name):  # type: ignore[arg-type]
        tag = elem.tag
        if event == "start":
            if not header.root:
                header.root = tag
                if tag not in ("ICD10CM.index", "ICD10PCS.index"):
                    raise ImportFailed(f"this is not an index file (root element <{tag}>)",
                                       where=name)
            if tag in ("mainTerm", "term"):
                next_id += 1
                parent = stack[-1] if stack else None
                if parent is not None:
                    parent.has_children = True
                level = 0 if tag == "mainTerm" else int(elem.get("level") or len(stack))
                stack.append(_T(next_id, parent.id if parent else None,
                                parent.main if parent else next_id, level, letter,
                                path=parent.path if parent else ""))
                if next_id % 2000 == 0:
                    progress.check()
            tags.append(tag)
            continue
        tags.pop()
        parent_tag = tags[-1] if tags else ""
        if tag in ("mainTerm", "term"):
            t = stack.pop()
            yield t.freeze(kind)
            elem.clear()
        elif tag == "title" and parent_tag in ("mainTerm", "term") and stack:
            t = stack[-1]
            t.title, t.nemod, t.tail = split_title(elem)
            words = (t.title + t.tail).strip()
            t.path = f"{t.path}, {words}" if t.path and words else (t.path or words)
        elif tag == "title" and parent_tag == "letter":
            letter = all_text(elem)
        elif tag == "title" and parent_tag == header.root and not header.title:
            header.title = all_text(elem)
        elif tag == "version" and parent_tag == header.root:
            header.version = all_text(elem)
        elif tag == "head" and parent_tag == "indexHeading":
            header.headings[int(elem.get("col") or 0)] = all_text(elem)
        elif tag == "cell" and stack and parent_tag in ("mainTerm", "term"):
            stack[-1].cells[int(elem.get("col") or 0)] = all_text(elem)
        elif tag in _FIELD and stack and parent_tag in ("mainTerm", "term"):
            t = stack[-1]
            text = clean(elem.text)
            for child in elem:
                if child.tag in ("codes", "tab", "code"):
                    t.codes.append(all_text(child))
                elif child.tag == "nemod":
                    text = clean(f"{text} {all_text(child)}")
                if child.tail and child.tail.strip():
                    text = clean(f"{text} {child.tail}")
            getattr(t, _FIELD[tag]).append(text)
        elif tag in ("codes", "tab") and stack and parent_tag in ("mainTerm", "term"):
            stack[-1].codes.append(all_text(elem))
        elif tag == "letter":
            elem.clear()


_NEMOD_TAIL = re.compile(r"^(.*?)\s*((?:\([^()]*\)\s*)+)$")


def parse_drug_csv(data: bytes, name: str) -> tuple[dict[int, str], list[IndexTerm]]:
    """The CDC CSV form of the Table of Drugs and Chemicals: headings and terms."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) < 2 or not rows[0] or "DRUGS" not in rows[0][0].upper():
        raise ImportFailed("this CSV is not the ICD-10-CM Table of Drugs and Chemicals "
                           "(its first line should be the table title)", where=name)
    head = [c.strip() for c in rows[1]]
    while head and not head[-1]:
        head.pop()
    headings = {i + 1: h for i, h in enumerate(head)}
    # CDC's CSV repeats the column headings at every page break of the printed table
    body = [(n, row) for n, row in enumerate(rows[2:], start=3)
            if row and any(c.strip() for c in row)
            and [c.strip() for c in row[:len(head)]] != head]
    split = [(n, row, *_csv_level(row[0])) for n, row in body]
    sections = iter(section_letters([raw for _n, _row, level, raw in split if level == 0]))
    terms: list[IndexTerm] = []
    stack: list[_T] = []
    letter = "#"
    for line_no, row, level, raw in split:
        if level == 0:
            letter = next(sections)
        if level > len(stack):
            raise ImportFailed(f"line {line_no}: a subterm has no term above it", where=name)
        del stack[level:]
        parent = stack[-1] if stack else None
        if parent is not None:
            parent.has_children = True
        m = _NEMOD_TAIL.match(raw)
        title, nemod = (clean(m.group(1)), clean(m.group(2))) if m and m.group(1) else (
            clean(raw), "")
        tid = len(terms) + 1
        t = _T(tid, parent.id if parent else None, parent.main if parent else tid, level,
               parent.letter if parent else letter, title=title, nemod=nemod)
        t.path = f"{parent.path}, {title}" if parent else title
        for col, value in enumerate(row[1:len(head)], start=2):
            t.cells[col] = value.strip()
        stack.append(t)
        terms.append(t.freeze(Kind.CM_DRUG))
    # has_children was set on the mutable records after freezing; rebuild in order.
    return headings, _renumber(terms)


def _csv_level(cell: str) -> tuple[int, str]:
    """A CSV term's level (one "– " per level) and its words."""
    level, raw = 0, cell
    while True:
        stripped = raw.lstrip()
        if stripped[:1] in ("\u2013", "-", "\u2014") and stripped[1:2] == " ":
            level += 1
            raw = stripped[2:]
        else:
            return level, stripped


_LOCANT = re.compile(r"^(?:[0-9][0-9,]*|[A-Za-z]{1,3})-(?=[A-Za-z])")


def section_letters(titles: list[str]) -> list[str]:
    """The letter section each main term is printed in.  The table files terms by their
    name without a locant ("P-Acetamidophenol" among the A's, "2,4-D" among the D's, after
    the numbered ones at the top), so a term whose own first letter differs from both
    neighbours takes the section its locant-free name falls in, or else the next one's."""
    own = [t[:1].upper() if t[:1].isalpha() else "#" for t in titles]
    out: list[str] = []
    for i, letter in enumerate(own):
        before = out[-1] if out else "#"
        after = own[i + 1] if i + 1 < len(own) else letter
        if letter in (before, after) or (letter > before and letter <= after):
            out.append(letter)
            continue
        bare = _LOCANT.sub("", titles[i])[:1].upper()
        out.append(bare if bare in (before, after) else after)
    return out


def _renumber(terms: list[IndexTerm]) -> list[IndexTerm]:
    from dataclasses import replace

    ids = {t.id: i + 1 for i, t in enumerate(terms)}
    parents = {ids[t.parent] for t in terms if t.parent is not None and t.parent in ids}
    out = []
    for i, t in enumerate(terms, start=1):
        parent = ids.get(t.parent) if t.parent is not None else None
        out.append(replace(t, id=i, parent=parent, main=ids.get(t.main, i),
                           has_children=i in parents))
    return out
