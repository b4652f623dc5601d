"""Build one recognised file into its code-set database, one builder per kind of book."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from readiness.codebook import cm_index, cm_tabular, hcpcs_xlsx, pcs
from readiness.codebook.model import Kind, Note, SeventhChar, SourceFile
from readiness.codebook.recognition import (
    HCPCS_MEMBER,
    ORDER_LINE,
    Recognised,
    code_list_rows,
    decode,
    hcpcs_fixed_width_rows,
    is_hcpcs_fixed_width,
    year_of,
)
from readiness.codebook.store import StoreWriter, query_tokens
from readiness.core.bank.models import CodeSystem
from readiness.core.codes import format_problem
from readiness.core.errors import ImportFailed
from readiness.core.progress import NullProgress, Progress


def now_stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def edition(kind: Kind, version: str, name: str) -> str:
    system = "ICD-10-PCS" if kind.value.startswith("icd10pcs") else "ICD-10-CM"
    base_name = Path(name.split(": ")[-1]).name
    if kind == Kind.HCPCS and re.search(r"HCPC\d{4}_[A-Z]{3}_ANWEB", base_name, re.IGNORECASE):
        return hcpcs_xlsx.edition(base_name)
    if kind == Kind.HCPCS and HCPCS_MEMBER.match(base_name):
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
        writer.finish(rec.kind, edition(rec.kind, version or rec.version, rec.name),
                      sources, counts, now_stamp(), extra)
    except BaseException:
        writer.abort()
        raise
    return counts


def build_cm_tabular(rec: Recognised, w: StoreWriter,
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


def _head(path: Path, size: int = 64) -> bytes:
    """The first bytes of a file (telling CSV from XML without reading it all)."""
    with path.open("rb") as f:
        return f.read(size)


def _build_index(rec: Recognised, w: StoreWriter,
                 progress: Progress) -> tuple[dict[str, int], str]:
    header = cm_index.IndexHeader()
    counts = {"main_terms": 0, "terms": 0}
    if rec.kind == Kind.CM_DRUG and not _head(rec.path).lstrip().startswith(b"<"):
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
    elif is_hcpcs_fixed_width(decode(head)):
        rows = hcpcs_fixed_width_rows(rec.path)
    else:
        rows = code_list_rows(rec.path, rec.name)
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
            m = ORDER_LINE.match(line)
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
    return counts, year_of(rec.name)


_BUILDERS = {
    Kind.CM_TABULAR: build_cm_tabular,
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
