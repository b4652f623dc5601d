"""Streaming parser for the CDC ICD-10-CM Tabular List XML (root ``ICD10CM.tabular``).

One pass with ``iterparse``: chapters, sections (blocks) and nested ``<diag>`` elements
become :class:`TabularEntry` records in book order, each with its instructional notes and
7th-character definitions.  Elements are cleared as soon as they are consumed, so memory
stays flat whatever the file size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from readiness.codebook.model import Note, SeventhChar, TabularEntry
from readiness.codebook.xmlutil import all_text, clean, iterparse
from readiness.core.errors import ImportFailed
from readiness.core.progress import NullProgress, Progress

NOTE_CONTAINERS = frozenset(
    {
        "includes",
        "inclusionTerm",
        "excludes1",
        "excludes2",
        "codeFirst",
        "useAdditionalCode",
        "codeAlso",
        "notes",
        "sevenChrNote",
    }
)


@dataclass
class _Frame:
    tag: str
    key: str = ""
    title: str = ""
    seq: int = 0
    depth: int = 0
    parent: str | None = None
    has_children: bool = False
    notes: list[Note] = field(default_factory=list)
    seventh: list[SeventhChar] = field(default_factory=list)


@dataclass(frozen=True)
class TabularRecord:
    entry: TabularEntry
    notes: tuple[Note, ...]
    seventh: tuple[SeventhChar, ...]


@dataclass
class TabularHeader:
    version: str = ""
    title: str = ""


def parse_tabular(
    source: Path | IO[bytes],
    name: str,
    header: TabularHeader | None = None,
    progress: Progress | None = None,
    total_bytes: int = 0,
) -> Iterator[TabularRecord]:
    """Yield every chapter, block and code of the tabular list with its notes."""
    progress = progress or NullProgress()
    header = header if header is not None else TabularHeader()
    frames: list[_Frame] = []
    tags: list[str] = []
    seq = 0
    root_seen = False
    stream = source if not isinstance(source, Path) else None
    for event, elem in iterparse(source, name):
        tag = elem.tag
        if event == "start":
            if not root_seen:
                root_seen = True
                if tag != "ICD10CM.tabular":
                    raise ImportFailed(
                        f"this is not an ICD-10-CM tabular list (root element <{tag}>)", where=name
                    )
            if tag in ("chapter", "section", "diag"):
                seq += 1
                parent = frames[-1] if frames else None
                if parent is not None:
                    parent.has_children = parent.has_children or tag == "diag"
                frame = _Frame(
                    tag=tag,
                    seq=seq,
                    depth=len(frames),
                    parent=parent.key if parent else None,
                )
                if tag == "section":
                    # one-category blocks have id "B10"; keep block keys apart from codes
                    sid = elem.get("id") or ""
                    frame.key = sid if "-" in sid or not sid else f"{sid}-{sid}"
                frames.append(frame)
                if seq % 2000 == 0:
                    progress.check()
                    if stream is not None and total_bytes:
                        progress.report(min(stream.tell(), total_bytes), total_bytes,
                                        "Reading the Tabular List")
            tags.append(tag)
            continue
        # end event
        tags.pop()
        parent_tag = tags[-1] if tags else ""
        if tag == "version" and not header.version:
            header.version = all_text(elem)
        elif tag == "name" and frames and parent_tag == frames[-1].tag:
            key = all_text(elem)
            frames[-1].key = f"chapter:{key}" if parent_tag == "chapter" else key
        elif tag == "desc" and frames and parent_tag == frames[-1].tag:
            frames[-1].title = all_text(elem)
        elif tag == "note" and frames and parent_tag in NOTE_CONTAINERS:
            text = all_text(elem)
            if text:
                frames[-1].notes.append(Note(parent_tag, text))
        elif tag == "note" and frames and parent_tag == "sevenChrDef":
            # A note under a 7th-character value ("initial encounter for open fracture NOS"
            # under B) is printed beneath it but is no part of the code's title: it is kept
            # as a row without a character of its own (see allowed_seventh).
            text = all_text(elem)
            if frames[-1].seventh and text:
                frames[-1].seventh.append(SeventhChar("", text))
        elif tag == "extension" and frames and parent_tag == "sevenChrDef":
            frames[-1].seventh.append(SeventhChar(elem.get("char", ""), all_text(elem)))
        elif tag == "visCategory" and frames:
            frames[-1].notes.append(Note("visualImpairment", _vis_category(elem)))
            elem.clear()
        elif tag in ("chapter", "section", "diag"):
            frame = frames.pop()
            if not frame.key:
                raise ImportFailed(f"a <{tag}> element has no name", where=name)
            yield _record(frame, frames)
            elem.clear()
        elif tag == "introduction":
            elem.clear()


def _vis_category(elem: object) -> str:
    import xml.etree.ElementTree as ET

    assert isinstance(elem, ET.Element)
    heading = clean(elem.findtext("heading"))
    value = clean(elem.findtext("value"))
    ranges = []
    for vr in elem.findall("visRange"):
        mx = all_text(vr.find("visMax")) if vr.find("visMax") is not None else ""
        mn = all_text(vr.find("visMin")) if vr.find("visMin") is not None else ""
        ranges.append(f"{mx} / {mn}".strip(" /"))
    head = heading or f"Category {value}"
    return f"{head}: " + "; ".join(r for r in ranges if r)


def _record(frame: _Frame, ancestors: list[_Frame]) -> TabularRecord:
    if frame.tag == "chapter":
        kind = "chapter"
    elif frame.tag == "section":
        kind = "block"
    else:
        depth_in_codes = sum(1 for a in ancestors if a.tag == "diag")
        kind = "category" if depth_in_codes == 0 else "subcategory"
    is_leaf = frame.tag == "diag" and not frame.has_children
    seventh_from: str | None = None
    if frame.tag == "diag":
        if frame.seventh:
            seventh_from = frame.key
        else:
            for anc in reversed(ancestors):
                if anc.seventh:
                    seventh_from = anc.key
                    break
    needs_seventh = is_leaf and seventh_from is not None
    if frame.tag == "diag" and is_leaf:
        kind = "code" if len(ancestors) and kind != "category" else kind
    entry = TabularEntry(
        key=frame.key,
        kind=kind,
        title=frame.title,
        parent=frame.parent,
        depth=frame.depth,
        billable=is_leaf and not needs_seventh,
        needs_seventh=needs_seventh,
        seventh_from=seventh_from,
        seq=frame.seq,
    )
    return TabularRecord(entry, tuple(frame.notes), tuple(frame.seventh))


_EXCEPT = re.compile(r"7th characters? ((?:[A-Z](?:, | and | or |,)?)+) do(?:es)? not apply "
                     r"to codes.*?with 6th character")
_SIXTH = re.compile(r"(?:6th character|, or) ([0-9A-Z]) -")


def allowed_seventh(code: str, seventh: list[SeventhChar], notes: list[Note]) -> list[SeventhChar]:
    """The 7th characters that apply to ``code``, honouring the book's printed exceptions.

    Rows without a character are notes printed under the one above (not characters).
    Category S06 says: "7th characters D and S do not apply to codes in category S06 with
    6th character 7 ... or 8 ..."; such notes sit beside the 7th-character table."""
    bare = code.replace(".", "").ljust(6, "X")
    banned: set[str] = set()
    for n in notes:
        m = _EXCEPT.search(n.text)
        if m and bare[5] in _SIXTH.findall(n.text):
            banned.update(re.findall(r"[A-Z]", m.group(1)))
    return [s for s in seventh if s.char and s.char not in banned]


def seventh_char_codes(base: str, chars: list[str]) -> list[str]:
    """The complete codes for a leaf that needs a 7th character, with placeholder X."""
    bare = base.replace(".", "")
    padded = bare.ljust(6, "X")
    return [f"{padded[:3]}.{padded[3:]}{c}" for c in chars]


def edition_from(version: str, file_name: str) -> str:
    """'ICD-10-CM FY2026, April 1 2026 update' from <version> and the CDC file name."""
    text = f"ICD-10-CM FY{version}" if version else "ICD-10-CM"
    m = re.search(
        r"(January|February|March|April|May|June|July|August|September|October|November|December)"
        r"[-_ ]?(\d{1,2})?[-_ ]?(\d{4})",
        file_name,
    )
    if m:
        month, day, year = m.group(1), m.group(2), m.group(3)
        when = f"{month} {day} {year}" if day else f"{month} {year}"
        text += f", {when} update"
    return text
