"""Book-like HTML for the code-book pages (Qt-free, so it is tested without a screen).

The browser shows these pages in a rich-text view.  Links use small private schemes that
the view turns into navigation:

* ``cm:S72.001A``            a Tabular List entry (any code, with or without 7th character)
* ``idx:<kind>:<id>``        a term of an index or table (kind = Kind value)
* ``see:<kind>:<text>``      a cross-reference, resolved when followed
* ``pcs:0DT`` / ``pcs:0DTJ`` an ICD-10-PCS table (optionally its rows for one body part)
* ``build:0DTJ4ZZ``          the PCS code builder with a code filled in
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, unquote

from readiness.codebook.model import (
    NOTE_LABELS,
    IndexTerm,
    Kind,
    Note,
    PcsDefinition,
    PcsTable,
    TabularEntry,
)

_CM_IN_TEXT = re.compile(r"(?<![A-Za-z0-9.])((?:[A-Z][0-9]|Q[A-Z])[0-9A-Z](?:\.[0-9A-Z]{1,4})?)"
                         r"(\.?-)?(?![A-Za-z0-9])")


@dataclass(frozen=True)
class Theme:
    text: str = "#1b1b1b"
    muted: str = "#5f6368"
    link: str = "#0b57d0"
    billable: str = "#1e7b34"
    seventh: str = "#9a5b00"
    header: str = "#5f6368"
    focus_bg: str = "#fff4c2"
    rule: str = "#c7c7c7"
    note_label: str = "#8a1c1c"
    grid_head_bg: str = "#e8eef7"

    @staticmethod
    def dark() -> Theme:
        return Theme(text="#e8e8e8", muted="#a0a4a8", link="#8ab4f8", billable="#81c995",
                     seventh="#fdd663", header="#a0a4a8", focus_bg="#4a4220", rule="#5f6368",
                     note_label="#f28b82", grid_head_bg="#2d3540")

    @staticmethod
    def high_contrast() -> Theme:
        """White, yellow and cyan on black: every colour at least 7:1 on the background."""
        return Theme(text="#ffffff", muted="#d8d8d8", link="#00ffff", billable="#7cff7c",
                     seventh="#ffff00", header="#d8d8d8", focus_bg="#2e2e00", rule="#ffffff",
                     note_label="#ffb4b4", grid_head_bg="#1c1c1c")


def parse_link(url: str) -> tuple[str, list[str]]:
    """('cm', ['S72.001A']), ('idx', ['icd10cm-index', '42']), ('see', [kind, text])..."""
    scheme, _, rest = url.partition(":")
    if scheme == "see":  # see:<kind>:<text>[:<PCS table>]
        kind, _, value = rest.partition(":")
        text, _, table = value.partition(":")
        return scheme, [kind, unquote(text), unquote(table)]
    if scheme == "idx":
        kind, _, value = rest.partition(":")
        return scheme, [kind, unquote(value)]
    return scheme, [unquote(rest)]


def see_link(kind: Kind, text: str, table: str = "") -> str:
    link = f"see:{kind.value}:{quote(text, safe='')}"
    return f"{link}:{quote(table, safe='')}" if table else link


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def linkify_codes(text: str, exists: Callable[[str], bool] | None = None) -> str:
    """Escape ``text`` and turn the ICD-10-CM codes in it into ``cm:`` links."""

    def repl(m: re.Match[str]) -> str:
        code = m.group(1)
        if exists is not None and not exists(code):
            return m.group(0)
        return f'<a href="cm:{code}">{m.group(0)}</a>'

    return _CM_IN_TEXT.sub(repl, esc(text))


def _code_cell(value: str, exists: Callable[[str], bool] | None) -> str:
    v = value.strip()
    if not v or set(v) <= {"-", "\u2014"}:
        return "\u2014"
    return linkify_codes(v, exists)


def _style(theme: Theme) -> str:
    return (
        "<style>"
        f"body {{ color: {theme.text}; }}"
        f"a {{ color: {theme.link}; text-decoration: none; }}"
        f".muted {{ color: {theme.muted}; }}"
        f".bill {{ color: {theme.billable}; font-weight: bold; }}"
        f".sev {{ color: {theme.seventh}; font-weight: bold; }}"
        f".head {{ color: {theme.header}; }}"
        f".nl {{ color: {theme.note_label}; font-weight: bold; }}"
        "h2 { margin-bottom: 2px; } h3 { margin-bottom: 2px; margin-top: 8px; }"
        "p { margin-top: 1px; margin-bottom: 1px; }"
        "</style>"
    )


def _p(indent_px: int, body: str, bg: str = "") -> str:
    style = f"margin-left:{indent_px}px;"
    if bg:
        style += f" background-color:{bg};"
    return f'<p style="{style}">{body}</p>'


def note_groups(notes: list[Note]) -> list[tuple[str, list[Note]]]:
    """Notes as the book prints them: in the XML's order, each run of one kind under one
    label (E11 prints Includes, Use additional code, then Excludes1, as CDC wrote it)."""
    groups: list[tuple[str, list[Note]]] = []
    for n in notes:
        if groups and groups[-1][0] == n.kind:
            groups[-1][1].append(n)
        else:
            groups.append((n.kind, [n]))
    return groups


def _notes_html(notes: list[Note], indent: int, theme: Theme,
                exists: Callable[[str], bool] | None) -> str:
    out = []
    for kind, group in note_groups(notes):
        label = NOTE_LABELS.get(kind, kind)
        if label:
            first = group[0]
            # "Code first, if applicable, ..." continues the label instead of following it
            sep = "" if first.text.startswith(",") else ":"
            space = " " if sep else ""
            out.append(_p(indent, f'<span class="nl">{esc(label)}{sep}</span>{space}'
                                  f"{linkify_codes(first.text, exists)}"))
            for n in group[1:]:
                out.append(_p(indent + 22, linkify_codes(n.text, exists)))
        else:  # inclusion terms print plainly under the code
            for n in group:
                out.append(_p(indent, f'<span class="muted">{linkify_codes(n.text, exists)}'
                                      "</span>"))
    return "".join(out)


def status_badge(entry: TabularEntry) -> str:
    if entry.billable:
        return '<span class="bill">\u2714 billable</span>'
    if entry.needs_seventh:
        return '<span class="sev">7th character required</span>'
    if entry.kind in ("chapter", "block"):
        return ""
    return '<span class="head">header \u2013 not billable</span>'


def tabular_html(
    trail: list[TabularEntry],
    entries: list[TabularEntry],
    notes: dict[str, list[Note]],
    seventh: dict[str, list[tuple[str, str]]],
    focus_key: str,
    banner: str,
    theme: Theme,
    exists: Callable[[str], bool] | None = None,
) -> str:
    out = [_style(theme)]
    if banner:
        out.append(f'<p style="background-color:{theme.focus_bg}; padding:4px">{banner}</p>')
    for head in trail:
        if head.kind == "chapter":
            out.append(f"<h2>Chapter {esc(head.key.split(':', 1)[1])}. {esc(head.title)}</h2>")
        else:
            out.append(f"<h3>{esc(head.title)}</h3>")
        out.append(_notes_html(notes.get(head.key, []), 12, theme, exists))
    if trail:
        out.append(f'<hr style="color:{theme.rule}"/>')
    base_depth = min((e.depth for e in entries), default=0)
    for e in entries:
        indent = 24 * (e.depth - base_depth)
        bg = theme.focus_bg if e.key == focus_key else ""
        anchor = f'<a name="{esc(e.key)}"></a>'
        if e.kind == "chapter":
            out.append(f"{anchor}<h2>Chapter {esc(e.key.split(':', 1)[1])}. {esc(e.title)}</h2>")
        elif e.kind == "block":
            link = f'<a href="cm:{esc(e.key)}">{esc(e.title)}</a>' if e.key != focus_key \
                else esc(e.title)
            out.append(anchor + (_p(indent, link, bg) if e.key != focus_key
                                 else f"<h3>{esc(e.title)}</h3>"))
        else:
            cls = "bill" if e.billable else "sev" if e.needs_seventh else "head"
            code = f'<a href="cm:{esc(e.key)}"><span class="{cls}">{esc(e.key)}</span></a>'
            out.append(anchor + _p(indent, f"{code}&nbsp;&nbsp;{esc(e.title)}&nbsp;&nbsp;"
                                           f"<small>{status_badge(e)}</small>", bg))
        out.append(_notes_html(notes.get(e.key, []), indent + 36, theme, exists))
        table = seventh.get(e.key)
        if table:
            rows = "".join(  # a row without a character is a note under the one above
                f'<tr><td><b>{esc(c)}</b></td><td>{esc(t)}</td></tr>' if c else
                f'<tr><td></td><td><span class="muted">&nbsp;&nbsp;{esc(t)}</span></td></tr>'
                for c, t in table)
            out.append(
                f'<table style="margin-left:{indent + 36}px" cellspacing="0" cellpadding="2" '
                f'border="0"><tr><td colspan="2"><span class="nl">7th characters for '
                f"{esc(e.key)}</span> <span class='muted'>(use placeholder X to fill "
                "codes shorter than 6 characters)</span></td></tr>" + rows + "</table>")
    return "".join(out)


def _term_refs(t: IndexTerm, theme: Theme, exists: Callable[[str], bool] | None) -> str:
    parts = []
    pcs = t.kind == Kind.PCS_INDEX
    if t.code:
        for code in t.code.split():
            if pcs:
                parts.append(f'<a href="build:{esc(code)}"><b>{esc(code)}</b></a>')
            else:
                parts.append(f"<b>{_code_cell(code, exists)}</b>")
    if t.manif and all(_CM_IN_TEXT.fullmatch(c) for c in t.manif.split()):
        for code in t.manif.split():  # manifestation codes print in brackets: [E11.9]
            parts.append(f"<i>[{_code_cell(code, exists)}]</i>")
    elif t.manif:  # words (the Neoplasm Table's "book-leaf (mouth)" row): printed as words
        parts.append(esc(t.manif))
    # a PCS reference names the table it leads into ("see Excision, Lower Bones 0QB")
    table = next((c for c in t.codes.split() if len(c) == 3), "") if pcs else ""
    for label, field in (("see", t.see), ("see also", t.see_also)):
        for text in filter(None, field.split("\n")):
            parts.append(_see(label, text, t.kind, exists, table))
    for text in filter(None, t.use.split("\n")):
        parts.append(f"<i>use</i> {esc(text)}")
    if t.see_cat:
        parts.append(f"<i>see category</i> {linkify_codes(t.see_cat, exists)}")
    if t.subcat:
        parts.append(f"<i>see subcategory</i> {linkify_codes(t.subcat, exists)}")
    if t.codes:
        for code in t.codes.split():
            target = f"pcs:{code}" if len(code) < 7 else f"build:{code}"
            parts.append(f'<a href="{target}"><b>{esc(code)}</b></a>')
    return " ".join(parts)


def _see(label: str, text: str, kind: Kind, exists: Callable[[str], bool] | None,
         table: str = "") -> str:
    """A cross-reference: to a term (navigates), to codes (linked), or generic ("condition")."""
    if text.lower() in ("condition", "also condition", "by site", "condition, by site"):
        return f"<i>{esc(label)} {esc(text)}</i>"
    if kind != Kind.PCS_INDEX and _CM_IN_TEXT.search(text):
        return f"<i>{esc(label)}</i> {linkify_codes(text, exists)}"
    return f'<i>{esc(label)}</i> <a href="{see_link(kind, text, table)}">{esc(text)}</a>'


def term_line(t: IndexTerm) -> str:
    """The words of a term as the book prints them, with modifiers in plain type."""
    words = esc(t.title)
    if t.level == 0:
        words = f"<b>{words}</b>"
    if t.nemod:
        words += f" {esc(t.nemod)}"
    if t.tail:
        words += esc(t.tail)
    return words


def index_html(terms: list[IndexTerm], focus: int, headings: dict[int, str], theme: Theme,
               exists: Callable[[str], bool] | None = None, kind_label: str = "") -> str:
    out = [_style(theme)]
    if kind_label:
        out.append(f'<p class="muted">{esc(kind_label)}</p>')
    grid = bool(headings) and len(headings) > 2
    if grid:
        cols = sorted(c for c in headings if c >= 2)
        head = "".join(f'<th align="left" bgcolor="{theme.grid_head_bg}">{esc(headings[c])}</th>'
                       for c in cols)
        out.append('<table cellspacing="0" cellpadding="3" border="1" '
                   f'style="border-color:{theme.rule}" width="100%">'
                   f'<tr><th align="left" bgcolor="{theme.grid_head_bg}">'
                   f"{esc(headings.get(1, ''))}</th>{head}</tr>")
    parents = {t.parent for t in terms}
    for t in terms:
        dashes = "\u2013 " * t.level
        anchor = f'<a name="t{t.id}"></a>'
        line = f"{anchor}{dashes}{term_line(t)}"
        refs = _term_refs(t, theme, exists)
        if t.has_children and t.id not in parents:
            more = f'<a href="idx:{t.kind.value}:{t.id}">\u25b8 subterms</a>'
            refs = f"{refs} {more}" if refs else more
        bg = theme.focus_bg if t.id == focus else ""
        if grid:
            cells = "".join(
                f"<td>{_code_cell(t.cells[i] if i < len(t.cells) else '', exists)}</td>"
                for i in range(len(cols)))
            first = f'<span style="margin-left:{14 * t.level}px">{line}</span>'
            if refs:
                first += f" {refs}"
            bgattr = f' bgcolor="{bg}"' if bg else ""
            out.append(f"<tr{bgattr}><td>{first}</td>{cells}</tr>")
        else:
            out.append(_p(22 * t.level, f"{line}&nbsp;&nbsp;{refs}", bg))
    if grid:
        out.append("</table>")
    return "".join(out)


def pcs_table_html(table: PcsTable, body_part: str, theme: Theme,
                   op_definition: PcsDefinition | None = None) -> str:
    out = [_style(theme)]
    heads = []
    for axis in table.heads:
        value, label = axis.labels[0]
        line = f"<b>{esc(axis.title)}</b>&nbsp; {esc(value)}&nbsp; {esc(label)}"
        if axis.definition:
            line += f'<br/><span class="muted">{esc(axis.definition)}</span>'
        heads.append(f"<tr><td>{line}</td></tr>")
    out.append(f'<table cellspacing="0" cellpadding="4" border="1" width="100%" '
               f'style="border-color:{theme.rule}">{"".join(heads)}</table>')
    if op_definition and op_definition.explanation:
        out.append(f'<p class="muted">{esc(op_definition.explanation)}</p>')
    if op_definition and op_definition.includes:
        out.append(f'<p class="muted">Includes: {esc("; ".join(op_definition.includes))}</p>')
    for n, row in enumerate(table.rows, start=1):
        titles = "".join(f'<th align="left" bgcolor="{theme.grid_head_bg}">{esc(a.title)} '
                         f"(character {a.pos})</th>" for a in row.axes)
        cells = []
        for a in row.axes:
            lines = []
            for value, label in a.labels:
                text = f"{esc(value)}&nbsp; {esc(label)}"
                if a.pos == 4 and value == body_part:
                    text = f'<span style="background-color:{theme.focus_bg}">{text}</span>'
                lines.append(text)
            cells.append(f'<td valign="top">{"<br/>".join(lines)}</td>')
        values = [v for v, _ in row.axis(4).labels]
        first = body_part if body_part in values else values[0]
        build = (f'<a href="build:{esc(table.prefix + first)}">Build a code from row {n}</a>')
        out.append(f'<p style="margin-top:10px">{build}</p>'
                   f'<table cellspacing="0" cellpadding="4" border="1" width="100%" '
                   f'style="border-color:{theme.rule}"><tr>{titles}</tr>'
                   f'<tr>{"".join(cells)}</tr></table>')
    return "".join(out)
