"""The one-page exam-day card, written to PDF with QPdfWriter.

The card is laid out as rich text and scaled down, if it must be, to fit one
Letter page: a card that spills onto a second sheet is a card that gets lost.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from readiness.core.errors import UserError
from readiness.services.checklist import ExamCard

RESOLUTION = 300  # dots per inch for layout on the PDF page


def card_html(card: ExamCard) -> str:
    def items(values: tuple[str, ...], empty: str, box: str = "☐") -> str:
        if not values:
            return f"<p><i>{escape(empty)}</i></p>"
        return "".join(f"<p style='margin:1px 0 1px 14px'>{box} {escape(v)}</p>"
                       for v in values)

    where = escape(card.center_name) or "<i>Test center not set</i>"
    address = escape(card.center_address).replace("\n", "<br>") or "<i>Address not set</i>"
    notes = "".join(f"<p><b>Note:</b> {escape(n)}</p>" for n in card.notes)
    return f"""
<h1 style="margin-bottom:2px">{escape(card.title)}</h1>
<p style="margin-top:0">{escape(card.exam_when)}</p>
<table cellpadding="6" style="border:1px solid #000; margin:6px 0">
<tr><td><b style="font-size:20pt">LEAVE BY {escape(card.leave_by)}</b></td>
<td valign="middle"><b>Arrive by {escape(card.arrive_by)}</b></td></tr>
</table>
{notes}
<h3>Where</h3><p>{where}<br>{address}</p>
<h3>What to bring</h3>{items(card.bring, "Nothing listed")}
<h3>Still open</h3>{items(card.open_items, "Everything is checked.")}
<h3>Code book rules</h3>{items(card.book_rules, "", "•")}
<p style="font-size:8pt">CCS Readiness. AHIMA's current candidate guide wins over this card.</p>
"""


def write_card_pdf(card: ExamCard, path: Path) -> None:
    """Render ``card`` to a one-page PDF at ``path``."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle("CCS exam-day card")
    writer.setCreator("CCS Readiness")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.Letter),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    rect = writer.pageLayout().paintRectPixels(RESOLUTION)
    document = QTextDocument()
    document.setDefaultStyleSheet("body { font-family: sans-serif; } li { margin: 2px; }")
    document.setHtml(card_html(card))
    # Lay out at a readable width (about 7 inches at 96 dpi), then scale to the page.
    layout_width = 680.0
    document.setTextWidth(layout_width)
    size = document.size()
    scale = min(rect.width() / layout_width, rect.height() / max(size.height(), 1.0))
    painter = QPainter()
    if not painter.begin(writer):
        raise UserError("cannot write the PDF (is the folder writable?)", where=str(path))
    try:
        painter.scale(scale, scale)
        document.drawContents(painter)
    finally:
        painter.end()
    if not path.exists() or path.stat().st_size == 0:
        raise UserError("the PDF was not written", where=str(path))
