"""File → Export missed and flagged to Anki…: asks where, writes, says what it wrote."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from readiness.core.errors import UserError
from readiness.ui.context import UiContext


def export_anki(ctx: UiContext, parent: QWidget | None) -> None:
    path = ctx.dialogs.save_file(parent, "Export missed and flagged questions to Anki",
                                 "ccs-readiness-missed.apkg", "Anki packages (*.apkg)")
    if path is None:
        return
    if path.suffix.lower() != ".apkg":
        path = path.with_name(path.name + ".apkg")
    try:
        result = ctx.workspace.anki.export(path)
    except UserError as exc:
        ctx.dialogs.show_error(parent, exc, "Could not export to Anki")
        return
    decks = "\n".join(f"• {d}" for d in result.decks)
    ctx.dialogs.inform(parent, "Exported to Anki",
                       f"{result.notes} question{'s' if result.notes != 1 else ''} in "
                       f"{len(result.decks)} deck{'s' if len(result.decks) != 1 else ''}:\n"
                       f"{decks}\n\nSaved to {result.path}. Import it in Anki (File → Import); "
                       "importing a newer export updates these cards instead of adding copies.")
