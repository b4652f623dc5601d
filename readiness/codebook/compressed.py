"""Single-file compression the importer accepts besides zip: ``.xz`` and ``.gz``.

The shipped books are kept as ``xz -9`` copies (the wheel stays small) and CDC/CMS
files are often passed around gzipped, so both are unpacked into the importer's
private temporary folder before recognition, with the same size limit as a zip
member: a compressed file never becomes a path of its own choosing.
"""

from __future__ import annotations

import gzip
import lzma
from pathlib import Path
from typing import BinaryIO, cast

from readiness.core.errors import ImportFailed
from readiness.core.progress import NullProgress, Progress

XZ_MAGIC = b"\xfd7zXZ\x00"
GZ_MAGIC = b"\x1f\x8b"


def compression_of(magic: bytes) -> str | None:
    """'xz' / 'gz' from the first bytes of a file, else None."""
    if magic.startswith(XZ_MAGIC):
        return "xz"
    if magic.startswith(GZ_MAGIC):
        return "gz"
    return None


def inner_name(name: str) -> str:
    """'icd10pcs_tables_2026.xml' for 'icd10pcs_tables_2026.xml.xz' (the name a user knows)."""
    for suffix in (".xz", ".gz"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def _open(path: Path, kind: str) -> BinaryIO:
    if kind == "xz":
        return cast(BinaryIO, lzma.open(path))
    return cast(BinaryIO, gzip.open(path))


def unpack(path: Path, tmp: Path, name: str, limit: int,
           progress: Progress | None = None) -> Path:
    """Decompress ``path`` (xz or gz) into ``tmp``; ImportFailed if damaged or too large."""
    progress = progress or NullProgress()
    with path.open("rb") as f:
        kind = compression_of(f.read(6))
    if kind is None:
        raise ImportFailed("the file is neither xz- nor gzip-compressed", where=name)
    suffix = Path(inner_name(name)).suffix.lower() or ".dat"
    target = tmp / f"unpacked{suffix}"
    written = 0
    try:
        with _open(path, kind) as src, target.open("wb") as dst:
            while chunk := src.read(1 << 20):
                written += len(chunk)
                if written > limit:
                    raise ImportFailed(f"the file unpacks to more than {limit:,} bytes, over "
                                       "the limit", where=name)
                dst.write(chunk)
                progress.check()
    except (lzma.LZMAError, OSError, EOFError) as exc:
        target.unlink(missing_ok=True)
        raise ImportFailed(f"the {kind} file is damaged or cut short ({exc})",
                           where=name) from None
    return target
