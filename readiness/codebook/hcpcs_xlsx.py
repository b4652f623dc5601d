"""CMS's HCPCS Level II alpha-numeric file as the spreadsheet CMS ships (``HCPC*_ANWEB.xlsx``).

Read with openpyxl: xlsx is a zip of XML parts with shared strings and cell
styles, and a hand-written reader would have to re-implement that format;
openpyxl is the well-kept, pure-Python reader of it (MIT licence).  Only Level II
procedure/supply records (RECID 3 and 4) are kept; modifiers (RECID 7/8) are
not codes, and the file holds no CPT (Level I) text.
"""

from __future__ import annotations

import re
import zipfile
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
    import openpyxl  # imported here: only this importer needs it, and it takes ~0.2 s

    progress = progress or NullProgress()
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ImportFailed(f"the spreadsheet cannot be read ({exc})", where=name) from None
    try:
        ws = wb.worksheets[0]
        it = ws.iter_rows(max_row=1, values_only=True)
        header = [str(c or "").strip().upper() for c in next(it, ())]
        it.close()  # a half-read row generator keeps the workbook's file open
        if not all(w in header for w in _WANTED):
            raise ImportFailed("the spreadsheet is not CMS's HCPCS file (its first row lacks "
                               "the HCPC, RECID and LONG DESCRIPTION columns)", where=name)
        code_col, rec_col, desc_col = (header.index(w) for w in _WANTED)
        last = max(code_col, rec_col, desc_col) + 1
        desc: dict[str, list[str]] = {}
        for n, row in enumerate(ws.iter_rows(min_row=2, max_col=last, values_only=True)):
            if n % 1000 == 0:
                progress.check()
            code = str(row[code_col] or "").strip().upper()
            if str(row[rec_col] or "").strip() not in ("3", "4") or not _LEVEL2.match(code):
                continue  # modifiers, continuation lines, never a Level I code
            desc.setdefault(code, []).append(" ".join(str(row[desc_col] or "").split()))
    finally:
        wb.close()
    out = [(code, " ".join(p for p in parts if p)) for code, parts in desc.items()]
    if not out:
        raise ImportFailed("the spreadsheet holds no HCPCS Level II codes", where=name)
    return out
