"""Small helpers shared by the streaming XML parsers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from readiness.core.errors import ImportFailed

_SPACE = re.compile(r"\s+")


def clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def all_text(elem: ET.Element | None) -> str:
    return clean("".join(elem.itertext())) if elem is not None else ""


def iterparse(source: Path | IO[bytes], name: str) -> Iterator[tuple[str, ET.Element]]:
    """ElementTree iterparse that turns malformed XML into an ImportFailed naming the file."""
    try:
        yield from ET.iterparse(source, events=("start", "end"))
    except ET.ParseError as exc:
        raise ImportFailed(f"the file is not well-formed XML ({exc})", where=name) from None


def sniff_xml(path: Path, name: str, limit: int = 40) -> tuple[str, dict[str, str]]:
    """Root tag and a few leading facts (version, title, first heading) of an XML file."""
    facts: dict[str, str] = {}
    root = ""
    seen = 0
    for event, elem in iterparse(path, name):
        seen += 1
        if event == "start" and not root:
            root = elem.tag
            continue
        if event == "end" and elem.tag in ("version", "title") and elem.tag not in facts:
            facts[elem.tag] = all_text(elem)
        if event == "end" and elem.tag == "head" and elem.get("col") == "1":
            facts["head1"] = all_text(elem)
        if seen > limit:
            break
    return root, facts
