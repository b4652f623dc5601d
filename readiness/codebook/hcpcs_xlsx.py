"""CMS's HCPCS Level II alpha-numeric file as the spreadsheet CMS ships (``HCPC*_ANWEB.xlsx``).

Read with python-calamine (the Rust calamine reader, MIT licence; pandas' fast
engine), with openpyxl (MIT) as the pure-Python fallback: xlsx is a zip of XML
parts with shared strings and cell styles, and a hand-written reader would have
to re-implement that format.  Only Level II
procedure/supply records (RECID 3 and 4) are kept; modifiers (RECID 7/8) are
not codes, and the file holds no CPT (Level I) text.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from readiness.core.errors import ImportFailed
from readiness.core.progress import NullProgress, Progress

_LEVEL2 = re.compile(r"^[A-V][0-9]{4}$")
_NAME = re.compile(r"HCPC(\d{4})_([A-Z]{3})_ANWEB", re.IGNORECASE)
_MONTHS = {"JAN": "January", "APR": "April", "JUL": "July", "OCT": "October"}
_WANTED = ("HCPC", "RECID", "LONG DESCRIPTION")


def is_xlsx(path: Path) -> bool:
    """A zip holding a workbook (so it is read as a spreadsheet, not as a release zip)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return "xl/workbook.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def edition(name: str) -> str:
    """'HCPCS Level II October 2025 (CMS quarterly file)' from CMS's file name."""
    m = _NAME.search(name)
    if not m:
        return "HCPCS Level II (CMS file)"
    month = _MONTHS.get(m.group(2).upper(), m.group(2))
    return f"HCPCS Level II {month} {m.group(1)} (CMS quarterly file)"


def rows(path: Path, name: str, progress: Progress | None = None) -> list[tuple[str, str]]:
    """(code, long description) for every Level II procedure/supply code of the sheet."""
    progress = progress or NullProgress()
    sheet = _sheet_rows(path, name)
    header = [_text(c).upper() for c in next(sheet, ())]
    if not all(w in header for w in _WANTED):
        raise ImportFailed("the spreadsheet is not CMS's HCPCS file (its first row lacks "
                           "the HCPC, RECID and LONG DESCRIPTION columns)", where=name)
    code_col, rec_col, desc_col = (header.index(w) for w in _WANTED)
    last = max(code_col, rec_col, desc_col)
    desc: dict[str, list[str]] = {}
    for n, row in enumerate(sheet):
        if n % 1000 == 0:
            progress.check()
        if len(row) <= last:
            continue  # a short (empty) row
        code = _text(row[code_col]).upper()
        if _text(row[rec_col]) not in ("3", "4") or not _LEVEL2.match(code):
            continue  # modifiers, continuation lines, never a Level I code
        desc.setdefault(code, []).append(" ".join(_text(row[desc_col]).split()))
    out = [(code, " ".join(p for p in parts if p)) for code, parts in desc.items()]
    if not out:
        raise ImportFailed("the spreadsheet holds no HCPCS Level II codes", where=name)
    return out


def _text(value: object) -> str:
    """A cell as text: RECID 3 may arrive as the number 3 or 3.0, an empty cell as None/''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _sheet_rows(path: Path, name: str) -> Iterator[Sequence[object]]:
    """The rows of the workbook's first sheet, read in full before the first is returned
    (so a damaged workbook fails here, named, and no file handle outlives the call).

    python-calamine (Rust, MIT) reads CMS's 8,800-row sheet in ~0.4 s; openpyxl, the
    pure-Python reader, takes ~4 s of CPU and is the fallback where no calamine wheel
    exists for the platform."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - calamine is a dependency; openpyxl as spare
        return iter(_openpyxl_rows(path, name))
    try:
        wb = CalamineWorkbook.from_path(str(path))
        try:
            data = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
        finally:
            wb.close()
    except Exception as exc:  # calamine raises its own kinds for a damaged workbook
        raise ImportFailed(f"the spreadsheet cannot be read ({exc})", where=name) from None
    return iter(data)


def _openpyxl_rows(path: Path, name: str) -> list[tuple[object, ...]]:
    import openpyxl  # imported here: only this fallback needs it, and it takes ~0.2 s

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ImportFailed(f"the spreadsheet cannot be read ({exc})", where=name) from None
    try:
        return list(wb.worksheets[0].iter_rows(values_only=True))
    finally:
        wb.close()
