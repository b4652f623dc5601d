"""Open what the user picked: a compressed file or a CMS/CDC zip, within safe limits.

Zip members are streamed into a private temporary folder under generated names (member
names never become paths), with limits on entry count and on the bytes actually read.
Each part is then recognised (:mod:`readiness.codebook.recognition`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from readiness.codebook import compressed, hcpcs_xlsx
from readiness.codebook.model import Kind
from readiness.codebook.recognition import (
    HCPCS_MEMBER,
    PCS_ORDER_MEMBER,
    Recognised,
    recognise,
)
from readiness.core.errors import ImportFailed

MAX_ZIP_ENTRIES = 500
MAX_MEMBER_BYTES = 400 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member


def extract_zip(path: Path, tmp: Path, name: str) -> list[tuple[Path, str]]:
    """Stream the members worth looking at into ``tmp``; returns (file, display name)."""
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ImportFailed("the file is not a readable zip archive", where=name) from None
    out: list[tuple[Path, str]] = []
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise ImportFailed(f"the zip has {len(infos)} entries; more than {MAX_ZIP_ENTRIES} "
                               "is not an official release file", where=name)
        total = 0
        for i, info in enumerate(infos):
            member = info.filename
            if info.is_dir() or not member.lower().endswith((".xml", ".csv", ".txt", ".xlsx")):
                continue
            base = member.rsplit("/", 1)[-1]
            if member.lower().endswith((".txt", ".xlsx")) and not (HCPCS_MEMBER.match(base)
                                                        or PCS_ORDER_MEMBER.match(base)):
                continue  # order/description text files are not imported
            if info.file_size > MAX_MEMBER_BYTES:
                raise ImportFailed(f"member {base} would unpack to {info.file_size:,} bytes, "
                                   "over the limit", where=name)
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                raise ImportFailed(f"member {base} is compressed suspiciously well "
                                   "(a zip bomb?)", where=name)
            target = tmp / f"member-{i}{Path(base).suffix.lower()}"
            written = 0
            try:
                with zf.open(info) as src, target.open("wb") as dst:
                    while chunk := src.read(1 << 20):
                        written += len(chunk)
                        total += len(chunk)
                        if written > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                            raise ImportFailed(f"member {base} unpacks to more than the size "
                                               "limit", where=name)
                        dst.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise ImportFailed(f"member {base} cannot be read: {exc}", where=name) from None
            out.append((target, f"{name}: {base}"))
    return out


def gather(path: Path, tmp: Path, expect: Kind | None = None) -> list[Recognised]:
    """Recognise the importable parts of a file or zip; check them against ``expect``."""
    name = path.name
    if not path.is_file():
        raise ImportFailed("the file does not exist or is not a regular file", where=name)
    with path.open("rb") as f:
        magic = f.read(6)
    if compressed.compression_of(magic):
        # one compressed file (.xz / .gz): unpack it and recognise what is inside
        unpacked = compressed.unpack(path, tmp, name, MAX_MEMBER_BYTES)
        inner = tmp / compressed.inner_name(name).rsplit("/", 1)[-1]
        if inner.suffix.lower() not in (".xml", ".csv", ".txt", ".zip", ".xlsx"):
            inner = unpacked
        elif inner != unpacked:
            unpacked.replace(inner)
        return gather(inner, tmp, expect)
    if magic.startswith(b"PK") and not hcpcs_xlsx.is_xlsx(path):
        members = extract_zip(path, tmp, name)
        found: list[Recognised] = []
        for file, display in members:
            try:
                found.append(recognise(file, display))
            except ImportFailed:
                continue
        if not found:
            raise ImportFailed("the zip holds no ICD-10-CM/PCS XML release file this code book "
                               "can import (tabular, index, neoplasm, drugs, PCS tables, index, "
                               "definitions or order file, HCPCS annual file)", where=name)
    else:
        found = [recognise(path, name)]
    if expect is not None:
        wanted = [r for r in found if r.kind == expect]
        if not wanted:
            got = " and ".join(sorted({r.kind.label for r in found}))
            raise ImportFailed(f"this is the {got}, not the {expect.label}", where=name)
        found = wanted
    hcpcs = [r for r in found if r.kind == Kind.HCPCS]
    if len(hcpcs) > 1:  # CMS ships the same list as .txt and .xlsx: read the text one
        keep = min(hcpcs, key=lambda r: r.name.lower().endswith(".xlsx"))
        found = [r for r in found if r.kind != Kind.HCPCS or r is keep]
    kinds = [r.kind for r in found]
    dup = {k for k in kinds if kinds.count(k) > 1}
    if dup:
        raise ImportFailed("the zip holds more than one " + ", ".join(k.label for k in dup),
                           where=name)
    return found
