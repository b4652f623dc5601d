"""The list of official release files the app can download on request (kept as data).

``readiness/resources/codesets/manifest.json`` names, per fiscal year, each CDC/CMS
file: what it holds, its address, the page to download it by hand, its expected
size and members (and a checksum where one was verified).  See the file's "about".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from readiness.core.errors import UserError
from readiness.resources import resource_path

MANIFEST_FORMAT = "ccs-readiness-release-files"


@dataclass(frozen=True)
class Member:
    pattern: str  # regular expression on the member's name (case-insensitive)
    root: str | None  # the XML root element it must have; None for text/xlsx

    def matches(self, name: str) -> bool:
        return re.search(self.pattern, name, re.IGNORECASE) is not None


@dataclass(frozen=True)
class ReleaseFile:
    id: str
    fiscal_year: int
    publisher: str
    holds: str
    file_name: str
    url: str
    page: str  # where a person downloads it by hand
    size: int | None
    size_exact: bool
    sha256: str | None
    members: tuple[Member, ...]
    confirmed: bool
    note: str = ""


def parse_manifest(data: object, where: str = "manifest.json") -> list[ReleaseFile]:
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise UserError(f"not a release-file manifest (format must be {MANIFEST_FORMAT!r})",
                        where=where)
    out = []
    for n, item in enumerate(data.get("files", []), start=1):
        try:
            members = tuple(Member(str(m["pattern"]), m.get("root")) for m in item["members"])
            for m in members:
                re.compile(m.pattern)
            out.append(ReleaseFile(
                id=str(item["id"]), fiscal_year=int(item["fiscal_year"]),
                publisher=str(item["publisher"]), holds=str(item["holds"]),
                file_name=str(item["file_name"]), url=str(item["url"]), page=str(item["page"]),
                size=int(item["size"]) if item.get("size") else None,
                size_exact=bool(item.get("size_exact", False)),
                sha256=str(item["sha256"]).lower() if item.get("sha256") else None,
                members=members, confirmed=bool(item.get("confirmed", False)),
                note=str(item.get("note", ""))))
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise UserError(f"entry {n} is malformed ({exc!r})", where=where) from None
        if not out[-1].url.startswith(("https://", "http://")):
            raise UserError(f"entry {n}: the address must be http(s)", where=where)
    return out


def load_manifest(path: Path | None = None) -> list[ReleaseFile]:
    path = path or resource_path("codesets", "manifest.json")
    return parse_manifest(json.loads(path.read_text(encoding="utf-8")), where=path.name)


def by_year(files: list[ReleaseFile]) -> dict[int, list[ReleaseFile]]:
    """Newest fiscal year first, files in manifest order."""
    out: dict[int, list[ReleaseFile]] = {}
    for f in sorted(files, key=lambda f: -f.fiscal_year):
        out.setdefault(f.fiscal_year, []).append(f)
    return out
