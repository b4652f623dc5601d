"""Recognise official code-set files, build their databases, install them atomically.

A file (or a CMS/CDC zip) is first *recognised* from its content, not its name: the root
element of the XML and its title or column headings.  Each recognised part is built into a
temporary database beside its final place; only when every part of the import has built
do the temporaries replace the installed files (``os.replace``).  A failure at any point
removes the temporaries and leaves every installed code set as it was.

Zip members are streamed into a private temporary folder under generated names (member
names never become paths), with limits on entry count and on the bytes actually read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tempfile
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from readiness.codebook import cm_index, cm_tabular, compressed, hcpcs_xlsx, pcs
from readiness.codebook.model import Kind, Note, SeventhChar, SourceFile
from readiness.codebook.store import StoreWriter, query_tokens, read_meta
from readiness.codebook.xmlutil import sniff_xml
from readiness.core.bank.models import CodeSystem
from readiness.core.codes import format_problem
from readiness.core.errors import ImportFailed, UserError
from readiness.core.progress import NullProgress, Progress

MAX_ZIP_ENTRIES = 500
MAX_MEMBER_BYTES = 400 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member

_DB_SUFFIX = ".sqlite3"


def db_path(codesets_dir: Path, kind: Kind) -> Path:
    return codesets_dir / f"{kind.value}{_DB_SUFFIX}"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Recognised:
    kind: Kind
    path: Path  # where the bytes are (may be in a temporary folder)
    name: str  # what the user would call it ("x.zip: icd10pcs_index_2025.xml")
    version: str


@dataclass(frozen=True)
class ImportResult:
    kind: Kind
    edition: str
    name: str
    counts: dict[str, int]


# -- recognition -------------------------------------------------------------------------

def recognise(path: Path, name: str) -> Recognised:
    """What official file this is, from its content."""
    with path.open("rb") as f:
        head = f.read(4096)
    if head.startswith(b"PK") and hcpcs_xlsx.is_xlsx(path):
        return Recognised(Kind.HCPCS, path, name, _year(name))
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        root, facts = sniff_xml(path, name)
        version = facts.get("version", "")
        title = facts.get("title", "").upper()
        if root == "ICD10CM.tabular":
            return Recognised(Kind.CM_TABULAR, path, name, version)
        if root == "ICD10CM.index":
            head1 = facts.get("head1", "").lower()
            if head1.startswith("neoplasm"):
                return Recognised(Kind.CM_NEOPLASM, path, name, version)
            if head1.startswith(("substance", "drug")):
                return Recognised(Kind.CM_DRUG, path, name, version)
            if "EXTERNAL CAUSE" in title:
                return Recognised(Kind.CM_EINDEX, path, name, version)
            return Recognised(Kind.CM_INDEX, path, name, version)
        if root == "ICD10PCS.tabular":
            return Recognised(Kind.PCS_TABLES, path, name, version)
        if root == "ICD10PCS.index":
            return Recognised(Kind.PCS_INDEX, path, name, version)
        if root == "ICD10PCS.definitions":
            return Recognised(Kind.PCS_DEFINITIONS, path, name, version)
        raise ImportFailed(f"this XML file (root element <{root}>) is not an ICD-10-CM or "
                           "ICD-10-PCS release file", where=name)
    text = _decode(head)
    first = text.splitlines()[0] if text.splitlines() else ""
    if _is_hcpcs_fixed_width(text):
        return Recognised(Kind.HCPCS, path, name, _year(name))
    order = _order_file_system(text)
    if order == "icd10pcs":
        return Recognised(Kind.PCS_ORDER, path, name, _year(name))
    if order == "icd10cm":
        raise ImportFailed("this is the ICD-10-CM order file; the code book reads ICD-10-CM from "
                           "the tabular XML instead (icd10cm-tabular-<year>.xml)", where=name)
    if "TABLE of DRUGS".upper() in first.upper():
        return Recognised(Kind.CM_DRUG, path, name, _year(name))
    if "," in first or "\t" in first:
        kind = _code_list_kind(path, name)
        return Recognised(kind, path, name, _year(name))
    raise ImportFailed("this file is neither an ICD-10 XML release file nor a code list CSV",
                       where=name)


# CMS's names: HCPC2019_CONTR_ANWEB.txt (annual), HCPC2025_OCT_ANWEB_v2.txt (quarterly);
# never the Transreport or notes files beside them.
_HCPCS_MEMBER = re.compile(r"^HCPC\d{4}_(?:CONTR_|[A-Z]{3}_)?ANWEB(?:_v\d+)?\.(?:txt|xlsx)$",
                           re.IGNORECASE)
_HCPCS_LEVEL2 = re.compile(r"^[A-V][0-9]{4}$")


def _is_hcpcs_fixed_width(text: str) -> bool:
    """CMS's annual HCPCS file: 320-character records, record type in column 11."""
    lines = [ln for ln in text.splitlines()[:-1] if ln.strip()]
    records = [ln for ln in lines if len(ln) >= 119 and ln[10:11] in ("3", "4", "7", "8")]
    return bool(lines) and len(records) >= max(1, len(lines) // 2)


def _hcpcs_fixed_width_rows(path: Path) -> list[tuple[str, str]]:
    """(code, long description) of the Level II procedure records; modifiers are skipped."""
    desc: dict[str, list[str]] = {}
    with path.open("r", encoding="cp1252", errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if len(line) < 91 or line[10] not in "34":
                continue
            code = line[:5]
            if not _HCPCS_LEVEL2.match(code):
                continue  # never Level I (CPT) text
            desc.setdefault(code, []).append(line[11:91].strip())
    return [(code, " ".join(p for p in parts if p)) for code, parts in desc.items()]


_PCS_ORDER_MEMBER = re.compile(r"^icd10pcs_order_\d{4}\.txt$", re.IGNORECASE)
_ORDER_LINE = re.compile(r"^\d{5} ([0-9A-Z]{3,7}) *([01]) (.{60})(.*)$")


def _order_file_system(text: str) -> str | None:
    """'icd10pcs' / 'icd10cm' for CMS's order files (fixed columns), else None."""
    lines = [ln.rstrip("\r") for ln in text.splitlines()[:-1] if ln.strip()]
    if not lines or not all(_ORDER_LINE.match(ln) for ln in lines):
        return None
    codes = [m.group(1) for ln in lines if (m := _ORDER_LINE.match(ln))]
    # the PCS file opens with section 0 (digits); the CM file with A00
    return "icd10pcs" if any(c[0].isdigit() for c in codes) else "icd10cm"


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _year(name: str) -> str:
    m = re.search(r"(20\d\d)", name)
    return m.group(1) if m else ""


def _code_list_rows(path: Path, name: str) -> list[tuple[str, str]]:
    text = _decode(path.read_bytes())
    dialect = "excel-tab" if "\t" in text.splitlines()[0] and "," not in text.splitlines()[0] \
        else "excel"
    rows: list[tuple[str, str]] = []
    for line_no, row in enumerate(csv.reader(io.StringIO(text), dialect=dialect), start=1):
        if not row or not row[0].strip():
            continue
        code = row[0].strip().upper()
        desc = row[1].strip() if len(row) > 1 else ""
        if line_no == 1 and format_problem("cpt", code) and format_problem("hcpcs", code):
            continue  # header line
        rows.append((code, desc))
    if not rows:
        raise ImportFailed("the code list is empty (expected lines of code,description)",
                           where=name)
    return rows


def _code_list_kind(path: Path, name: str) -> Kind:
    rows = _code_list_rows(path, name)
    cpt = sum(1 for c, _ in rows if format_problem("cpt", c) is None)
    hcpcs = sum(1 for c, _ in rows if format_problem("hcpcs", c) is None)
    if cpt == 0 and hcpcs == 0:
        raise ImportFailed(f"the first column holds no CPT or HCPCS codes (first: {rows[0][0]!r})",
                           where=name)
    return Kind.CPT if cpt >= hcpcs else Kind.HCPCS


# -- zip handling ------------------------------------------------------------------------

def _extract_zip(path: Path, tmp: Path, name: str) -> list[tuple[Path, str]]:
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
            if member.lower().endswith((".txt", ".xlsx")) and not (_HCPCS_MEMBER.match(base)
                                                        or _PCS_ORDER_MEMBER.match(base)):
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
        members = _extract_zip(path, tmp, name)
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


# -- builders ----------------------------------------------------------------------------

def _edition(kind: Kind, version: str, name: str) -> str:
    system = "ICD-10-PCS" if kind.value.startswith("icd10pcs") else "ICD-10-CM"
    base_name = Path(name.split(": ")[-1]).name
    if kind == Kind.HCPCS and re.search(r"HCPC\d{4}_[A-Z]{3}_ANWEB", base_name, re.IGNORECASE):
        return hcpcs_xlsx.edition(base_name)
    if kind == Kind.HCPCS and _HCPCS_MEMBER.match(base_name):
        return f"HCPCS Level II {version} (CMS annual file)".replace("  ", " ")
    if kind in (Kind.CPT, Kind.HCPCS):
        return f"{kind.label} ({Path(name).name})"
    base = cm_tabular.edition_from(version, name)
    return base.replace("ICD-10-CM", system, 1)


def build(rec: Recognised, out: Path, sources: Iterable[SourceFile],
          progress: Progress | None = None, extra: dict[str, str] | None = None
          ) -> dict[str, int]:
    """Build the database of one recognised file at ``out``; returns its counts.

    ``extra`` goes into the set's meta table (the shipped books record their origin)."""
    progress = progress or NullProgress()
    writer = StoreWriter(out)
    try:
        counts, version = _BUILDERS[rec.kind](rec, writer, progress)
        writer.finish(rec.kind, _edition(rec.kind, version or rec.version, rec.name),
                      sources, counts, _now(), extra)
    except BaseException:
        writer.abort()
        raise
    return counts


def _build_cm_tabular(rec: Recognised, w: StoreWriter,
                      progress: Progress) -> tuple[dict[str, int], str]:
    header = cm_tabular.TabularHeader()
    counts = {"chapters": 0, "blocks": 0, "codes": 0, "billable": 0, "notes": 0}
    needing: list[tuple[str, str]] = []  # leaves that take a 7th character, and whose table
    tables: dict[str, tuple[list[SeventhChar], list[Note]]] = {}
    size = rec.path.stat().st_size
    with rec.path.open("rb") as f:
        for r in cm_tabular.parse_tabular(f, rec.name, header, progress, size):
            e = r.entry
            w.add_entry(e, r.notes, r.seventh)
            counts["notes"] += len(r.notes)
            if e.kind == "chapter":
                counts["chapters"] += 1
            elif e.kind == "block":
                counts["blocks"] += 1
            else:
                counts["codes"] += 1
            counts["billable"] += int(e.billable)
            if e.needs_seventh and e.seventh_from:
                needing.append((e.key, e.seventh_from))
            if r.seventh:
                tables[e.key] = (list(r.seventh), list(r.notes))
            rank_kind = 0 if e.is_code else 1
            w.add_doc((rank_kind, len(e.title), e.seq), e.title, e.key, "title")
            for n in r.notes:
                if n.kind == "inclusionTerm":
                    w.add_doc((2, len(n.text), e.seq), n.text, e.key, "inclusion")
                elif n.kind == "includes":  # "Includes:" notes are searchable too
                    w.add_doc((2, len(n.text), e.seq), n.text, e.key, "includes")
    # billable = reportable codes: plain leaves plus every valid 7th-character completion
    for key, source in needing:
        seventh, notes = tables.get(source, ([], []))
        counts["billable"] += len(cm_tabular.allowed_seventh(key, seventh, notes))
    if counts["codes"] == 0:
        raise ImportFailed("the tabular list holds no codes", where=rec.name)
    return counts, header.version


def _build_index(rec: Recognised, w: StoreWriter,
                 progress: Progress) -> tuple[dict[str, int], str]:
    header = cm_index.IndexHeader()
    counts = {"main_terms": 0, "terms": 0}
    if rec.kind == Kind.CM_DRUG and not rec.path.read_bytes()[:64].lstrip().startswith(b"<"):
        headings, terms = cm_index.parse_drug_csv(rec.path.read_bytes(), rec.name)
        header.headings = headings
        it: Iterable = terms
    else:
        it = cm_index.parse_index(rec.path, rec.name, rec.kind, header, progress)
    for t in it:
        w.add_term(t)
        counts["terms"] += 1
        if t.level == 0:
            counts["main_terms"] += 1
        own = (t.title + t.tail).strip()
        above = t.path[: -len(own)].rstrip(", ") if own and t.path.endswith(own) else ""
        text = f"{above}, {t.full_title}" if above else t.full_title
        if t.title or t.level == 0:
            w.add_doc((t.level, len(t.path), t.id), text, str(t.id),
                      "index" if t.level == 0 else "subterm")
    if rec.kind in (Kind.CM_NEOPLASM, Kind.CM_DRUG) and not header.headings:
        raise ImportFailed("the table has no column headings (<indexHeading>)", where=rec.name)
    if counts["main_terms"] == 0:
        raise ImportFailed("the index holds no main terms", where=rec.name)
    w.set_headings(header.headings)
    return counts, header.version


def _build_pcs_tables(rec: Recognised, w: StoreWriter,
                      progress: Progress) -> tuple[dict[str, int], str]:
    header = pcs.PcsHeader()
    counts = {"tables": 0, "rows": 0, "codes": 0}
    for t in pcs.parse_tables(rec.path, rec.name, header, progress):
        w.add_pcs_table(t)
        counts["tables"] += 1
        counts["rows"] += len(t.rows)
        counts["codes"] += sum(r.count() for r in t.rows)
        op = t.operation.labels[0][1]
        system = t.body_system.labels[0][1]
        w.add_doc((3, len(op) + len(system), t.seq), f"{op} {system} ({t.section.labels[0][1]})",
                  t.prefix, "pcs")
        seen: set[str] = set()
        for r in t.rows:
            for value, label in r.axis(4).labels:
                if value in seen:
                    continue
                seen.add(value)
                w.add_doc((4, len(label), t.seq), f"{op} {label} ({system})", t.prefix + value,
                          "pcs")
    if counts["tables"] == 0:
        raise ImportFailed("the file holds no <pcsTable>", where=rec.name)
    return counts, header.version


def _build_pcs_definitions(rec: Recognised, w: StoreWriter,
                           progress: Progress) -> tuple[dict[str, int], str]:
    header = pcs.PcsHeader()
    counts = {"definitions": 0}
    for d in pcs.parse_definitions(rec.path, rec.name, header):
        w.add_pcs_definition(d)
        counts["definitions"] += 1
    if counts["definitions"] == 0:
        raise ImportFailed("the file holds no definitions", where=rec.name)
    return counts, header.version


def _build_code_list(rec: Recognised, w: StoreWriter,
                     progress: Progress) -> tuple[dict[str, int], str]:
    from readiness.codebook.model import TabularEntry

    with rec.path.open("rb") as f:
        head = f.read(4096)
    if head.startswith(b"PK"):
        rows = hcpcs_xlsx.rows(rec.path, rec.name, progress)
    elif _is_hcpcs_fixed_width(_decode(head)):
        rows = _hcpcs_fixed_width_rows(rec.path)
    else:
        rows = _code_list_rows(rec.path, rec.name)
    system: CodeSystem = "cpt" if rec.kind == Kind.CPT else "hcpcs"
    seen: set[str] = set()
    for i, (code, desc) in enumerate(rows, start=1):
        problem = format_problem(system, code)
        if problem:
            raise ImportFailed(f"line {i}: {problem}", where=rec.name)
        if code in seen:
            continue
        seen.add(code)
        w.add_entry(TabularEntry(code, "code", desc, None, 0, True, False, None, i))
        if desc and query_tokens(desc):
            w.add_doc((5, len(desc), i), desc, code, "title")
    return {"codes": len(seen)}, ""


def _build_pcs_order(rec: Recognised, w: StoreWriter,
                     progress: Progress) -> tuple[dict[str, int], str]:
    from readiness.codebook.model import TabularEntry

    counts = {"codes": 0, "headers": 0}
    entries: list[TabularEntry] = []
    with rec.path.open("r", encoding="cp1252", errors="replace") as f:
        for n, line in enumerate(f, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            m = _ORDER_LINE.match(line)
            if m is None:
                raise ImportFailed(f"line {n} is not an order-file record", where=rec.name)
            code, flag, long_title = m.group(1), m.group(2), m.group(4).strip()
            billable = flag == "1"
            entries.append(TabularEntry(code, "code" if billable else "header", long_title,
                                        None, 0, billable, False, None, n))
            counts["codes" if billable else "headers"] += 1
            if billable:
                w.add_doc((6, len(long_title), n), long_title, code, "pcstitle")
            if n % 5000 == 0:
                progress.check()
                progress.report(n, 80_000, "")  # about 80,000 lines in every year's file
    w.add_plain_entries(entries)
    if counts["codes"] == 0:
        raise ImportFailed("the order file holds no codes", where=rec.name)
    return counts, _year(rec.name)


_BUILDERS = {
    Kind.CM_TABULAR: _build_cm_tabular,
    Kind.CM_INDEX: _build_index,
    Kind.CM_EINDEX: _build_index,
    Kind.CM_NEOPLASM: _build_index,
    Kind.CM_DRUG: _build_index,
    Kind.PCS_INDEX: _build_index,
    Kind.PCS_TABLES: _build_pcs_tables,
    Kind.PCS_DEFINITIONS: _build_pcs_definitions,
    Kind.PCS_ORDER: _build_pcs_order,
    Kind.CPT: _build_code_list,
    Kind.HCPCS: _build_code_list,
}


# -- install -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Pending:
    """A built database waiting to replace (or become) an installed code set."""

    kind: Kind
    partial: Path
    final: Path


def partial_path(final: Path) -> Path:
    return final.with_name(f"{final.name}.building-{uuid.uuid4().hex[:12]}")


def prepare_import(path: Path, codesets_dir: Path, expect: Kind | None = None,
                   progress: Progress | None = None
                   ) -> tuple[list[ImportResult], list[Pending]]:
    """Recognise and build every part of ``path`` beside the installed sets (worker-safe).

    Nothing installed changes; :func:`install` swaps the results in, :func:`discard`
    throws them away.  On any failure the partial files are already removed."""
    progress = progress or NullProgress()
    codesets_dir.mkdir(parents=True, exist_ok=True)
    source = SourceFile(path.name, sha256_file(path), path.stat().st_size) if path.is_file() \
        else None
    built: list[Pending] = []
    results: list[ImportResult] = []
    with tempfile.TemporaryDirectory(prefix="codebook-import-") as tmpdir:
        tmp = Path(tmpdir)
        try:
            found = gather(path, tmp, expect)
            assert source is not None
            for n, rec in enumerate(found):
                progress.report(n, len(found), f"Building {rec.kind.label}")
                final = db_path(codesets_dir, rec.kind)
                partial = partial_path(final)
                inner = SourceFile(rec.name, sha256_file(rec.path), rec.path.stat().st_size)
                sources = [source] if inner.sha256 == source.sha256 else [source, inner]
                counts = build(rec, partial, sources, progress)
                built.append(Pending(rec.kind, partial, final))
                meta = read_meta(partial) or {}
                results.append(ImportResult(rec.kind, meta.get("edition", ""), rec.name, counts))
            progress.check()
        except BaseException:
            discard(built)
            raise
    return results, built


def install(pending: list[Pending]) -> None:
    """Move built databases into place.  The caller closes its connections to the old files
    first (Windows cannot replace an open file)."""
    for p in pending:
        os.replace(p.partial, p.final)


def discard(pending: list[Pending]) -> None:
    for p in pending:
        p.partial.unlink(missing_ok=True)


def import_file(path: Path, codesets_dir: Path, expect: Kind | None = None,
                progress: Progress | None = None) -> list[ImportResult]:
    """Import an official file or zip (or a code list CSV); all parts or nothing."""
    results, pending = prepare_import(path, codesets_dir, expect, progress)
    install(pending)
    return results


def remove_stale_partials(codesets_dir: Path, older_than_s: float = 3600) -> None:
    """Partial databases left by a crash during a build (never ones still being written)."""
    import time

    if not codesets_dir.is_dir():
        return
    now = time.time()
    for f in codesets_dir.glob("*.building-*"):
        try:
            if now - f.stat().st_mtime > older_than_s:
                f.unlink()
        except OSError:
            continue


def remove(codesets_dir: Path, kind: Kind) -> None:
    db_path(codesets_dir, kind).unlink(missing_ok=True)


# -- the bundled default -----------------------------------------------------------------

# The FY2026 Tabular XML inside simple-icd-10-cm 1.5.0 (pinned in pyproject.toml), the
# file the billable set was verified with (74,719 codes, equal to CDC's FY2026 list).
# A different file — an upgraded package — is refused rather than built, so an upgrade
# can never silently swap the candidate's book.
BUNDLED_TABULAR_SHA256 = "f161f8182aff3ce3a2a78e202f8259c08eaee2c670a9e45b0072445c52302935"

def bundled_tabular() -> Path | None:
    """CMS's tabular XML shipped inside the simple-icd-10-cm package, if installed.

    Found without importing the package (its import loads every code, slowly)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("simple_icd_10_cm")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    if not folder.is_dir():
        return None
    for entry in sorted(folder.iterdir()):
        if entry.name.endswith(".xml") and "tabular" in entry.name:
            return entry
    return None


def default_is_current(codesets_dir: Path, source: Path) -> bool:
    from readiness.codebook.store import SCHEMA_VERSION

    meta = read_meta(db_path(codesets_dir, Kind.CM_TABULAR))
    if not meta:
        return False
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        return False
    if meta.get("origin") != "bundled":
        return True  # the user imported a tabular list; keep it
    st = source.stat()
    return meta.get("source_stamp") == f"{source.name}:{st.st_size}:{st.st_mtime_ns}"


def prepare_default(codesets_dir: Path, source: Path,
                    progress: Progress | None = None) -> Pending:
    """Build the bundled CM tabular list beside the installed one (worker-safe)."""
    progress = progress or NullProgress()
    codesets_dir.mkdir(parents=True, exist_ok=True)
    final = db_path(codesets_dir, Kind.CM_TABULAR)
    partial = partial_path(final)
    st = source.stat()
    digest = sha256_file(source)
    if digest != BUNDLED_TABULAR_SHA256:
        raise UserError(
            f"The ICD-10-CM Tabular List that came with simple-icd-10-cm ({source}) is not "
            "the file this version of CCS Readiness was verified with (SHA-256 "
            f"{digest[:12]}…, expected {BUNDLED_TABULAR_SHA256[:12]}…). The installed code "
            "book is kept; reinstall CCS Readiness to get the verified file, or import an "
            "official Tabular List on the Code sets page.")
    rec = Recognised(Kind.CM_TABULAR, source, source.name, "")
    writer = StoreWriter(partial)
    try:
        counts, version = _build_cm_tabular(rec, writer, progress)
        sources = [SourceFile(source.name, digest, st.st_size)]
        writer.finish(Kind.CM_TABULAR, _edition(Kind.CM_TABULAR, version, source.name), sources,
                      counts, _now(), extra={
                          "origin": "bundled",
                          "source_stamp": f"{source.name}:{st.st_size}:{st.st_mtime_ns}"})
    except BaseException:
        writer.abort()
        raise
    return Pending(Kind.CM_TABULAR, partial, final)


def build_default(codesets_dir: Path, source: Path, progress: Progress | None = None) -> None:
    """Build and install the bundled CM tabular list (atomic)."""
    install([prepare_default(codesets_dir, source, progress)])
