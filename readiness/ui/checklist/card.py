"""The one-page exam-day card: written to PDF with QPdfWriter, or printed
through QPrinter (Qt's print dialog picks the printer, or a file).

The card is laid out as rich text and scaled down, if it must be, to fit one
page of whatever size the printer has (Letter, A4): a card that spills onto a
second sheet is a card that gets lost.  Open problems the checks found come
first, in a box, so they cannot be missed; a card without any says so.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from readiness.core.errors import UserError
from readiness.services.checklist import ExamCard

RESOLUTION = 300  # dots per inch for layout on the PDF page
LAYOUT_WIDTH = 680.0  # lay out at a readable width (about 7 inches at 96 dpi), then scale
MARGINS_MM = QMarginsF(15, 15, 15, 15)


def _items(values: tuple[str, ...], empty: str, box: str = "☐") -> str:
    if not values:
        return f"<p><i>{escape(empty)}</i></p>" if empty else ""
    return "".join(f"<p style='margin:1px 0 1px 14px'>{box} {escape(v)}</p>" for v in values)


def _problems(card: ExamCard) -> str:
    if not card.problems:
        return (f"<table cellpadding='6' width='100%' style='border:1px solid #000; "
                f"margin:4px 0'><tr><td>✓ {escape(card.no_problems)}</td></tr></table>")
    rows = "".join(f"<p style='margin:2px 0'>⚠ {escape(p)}</p>" for p in card.problems)
    return ("<table cellpadding='6' width='100%' style='border:2px solid #000; margin:4px 0'>"
            f"<tr><td><b>Open problems ({len(card.problems)})</b>{rows}</td></tr></table>")


def _big_time(text: str) -> str:
    """The time in large type; "(08:00 your time)" on its own smaller line."""
    main, mark, rest = text.partition(" (")
    return escape(main) + (f"<br><span style='font-size:11pt'>({escape(rest)}</span>"
                           if mark else "")


def card_html(card: ExamCard) -> str:
    where = escape(card.center_name) or "<i>Test center not set</i>"
    address = (escape(card.center_address).replace("\n", "<br>")
               or ("" if card.where_title != "Where" else "<i>Address not set</i>"))
    notes = "".join(f"<p><b>Note:</b> {escape(n)}</p>" for n in card.notes)
    mode_rules = (f"<h3>Online rules</h3>{_items(card.mode_rules, '', '•')}"
                  if card.mode_rules else "")
    return f"""
<h1 style="margin-bottom:2px">{escape(card.title)}</h1>
<p style="margin-top:0">{escape(card.exam_when)}</p>
<table cellpadding="6" style="border:1px solid #000; margin:6px 0">
<tr><td><b style="font-size:20pt">{escape(card.leave_label.upper())}
{_big_time(card.leave_by)}</b></td>
<td valign="middle"><b>{escape(card.arrive_label)} {escape(card.arrive_by)}</b></td></tr>
</table>
{_problems(card)}
{notes}
<h3>{escape(card.where_title)}</h3><p>{where}<br>{address}</p>
<h3>{escape(card.bring_title)}</h3>{_items(card.bring, "Nothing listed")}
<h3>Still open</h3>{_items(card.open_items, "Everything is checked.")}
{mode_rules}
<h3>Code book rules</h3>{_items(card.book_rules, "", "•")}
<p style="font-size:8pt">CCS Readiness. AHIMA's current candidate guide and Pearson VUE's rules
win over this card.</p>
"""


def paint_card(card: ExamCard, device: QPagedPaintDevice, resolution: int,
               where: str) -> None:
    """Paint ``card`` on one page of ``device`` (a PDF writer or a printer)."""
    rect = device.pageLayout().paintRectPixels(resolution)
    document = QTextDocument()
    document.setDefaultStyleSheet("body { font-family: sans-serif; } li { margin: 2px; }")
    document.setHtml(card_html(card))
    document.setTextWidth(LAYOUT_WIDTH)
    size = document.size()
    scale = min(rect.width() / LAYOUT_WIDTH, rect.height() / max(size.height(), 1.0))
    painter = QPainter()
    if not painter.begin(device):
        raise UserError("cannot print the card (is the printer ready, the folder writable?)",
                        where=where)
    try:
        painter.scale(scale, scale)
        document.drawContents(painter)
    finally:
        painter.end()


def write_card_pdf(card: ExamCard, path: Path,
                   page: QPageSize.PageSizeId = QPageSize.PageSizeId.Letter) -> None:
    """Render ``card`` to a one-page PDF at ``path``."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle("CCS exam-day card")
    writer.setCreator("CCS Readiness")
    writer.setPageLayout(QPageLayout(QPageSize(page), QPageLayout.Orientation.Portrait,
                                     MARGINS_MM, QPageLayout.Unit.Millimeter))
    paint_card(card, writer, RESOLUTION, str(path))
    del writer  # the file is complete once the writer is gone
    if not path.exists() or path.stat().st_size == 0:
        raise UserError("the PDF was not written", where=str(path))


def card_printer() -> QPrinter:
    """A printer set up for the card: portrait, the card's margins, the card's title."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName("CCS exam-day card")
    printer.setCreator("CCS Readiness")
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    return printer


def print_card(card: ExamCard, printer: QPrinter) -> None:
    """Print ``card`` on the printer the print dialog set up (or its output file)."""
    where = printer.outputFileName() or printer.printerName() or "printer"
    paint_card(card, printer, printer.resolution(), where)
