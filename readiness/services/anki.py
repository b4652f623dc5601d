"""Write flash cards as an Anki package (.apkg) with genanki.

Identities are fixed numbers and hashes, never random: the note type and every deck
keep their ids from one export to the next, and each note's GUID comes from the bank
id, so importing a newer export into Anki updates the cards already there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import genanki

from readiness.core.bank.anki import DECK_ROOT, Card, item_card, scenario_card
from readiness.core.bank.models import Bank
from readiness.core.clock import Clock
from readiness.core.errors import UserError

MODEL_ID = 1_734_250_613  # the note type "CCS Readiness question"; never change it
GUID_SALT = "ccs-readiness"
CSS = """.card { font-family: sans-serif; font-size: 17px; text-align: left; }
.options li, .answers li { margin: 4px 0; } .refs { color: #666; font-size: 14px; }
.doc { white-space: normal; margin-bottom: 8px; }"""

MODEL = genanki.Model(
    MODEL_ID, "CCS Readiness question",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Ref"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
    css=CSS, sort_field_index=2,
)


def deck_id(name: str) -> int:
    """A stable deck id from its name (Anki ids are 64-bit; stay well inside)."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:6], "big") + 1


def note_guid(ref: str) -> str:
    return str(genanki.guid_for(GUID_SALT, ref))


@dataclass(frozen=True)
class AnkiExport:
    path: Path
    notes: int
    decks: tuple[str, ...]


def cards_for(bank: Bank, refs: Iterable[str], domain_names: dict[str, str]) -> list[Card]:
    """Cards for the bank ids in ``refs`` (ids no longer in the bank are left out)."""
    items = {i.id: i for i in bank.items}
    scenarios = {s.id: s for s in bank.scenarios}
    cards = []
    for ref in dict.fromkeys(refs):
        if ref in items:
            item = items[ref]
            cards.append(item_card(item, domain_names.get(item.domain, item.domain)))
        elif ref in scenarios:
            s = scenarios[ref]
            cards.append(scenario_card(s, domain_names.get(s.domain, s.domain)))
    return cards


def write_package(cards: list[Card], path: Path, clock: Clock) -> AnkiExport:
    decks: dict[str, genanki.Deck] = {}
    for card in cards:
        deck = decks.get(card.deck)
        if deck is None:
            deck = decks[card.deck] = genanki.Deck(deck_id(card.deck), card.deck)
        deck.add_note(genanki.Note(model=MODEL, fields=[card.front, card.back, card.ref],
                                   tags=list(card.tags), guid=note_guid(card.ref)))
    package = genanki.Package(list(decks.values()))
    tmp = path.with_name(path.name + ".part")
    try:
        package.write_to_file(str(tmp), timestamp=clock.now().timestamp())
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"could not write {path.name}: {exc.strerror or exc}",
                        where=str(path.parent)) from exc
    return AnkiExport(path, len(cards), tuple(sorted(decks)))


class AnkiService:
    """Missed and flagged practice questions → one .apkg, a deck per domain."""

    def __init__(self, bank: Callable[[], Bank], refs: Callable[[], list[str]],
                 domain_names: Callable[[], dict[str, str]], clock: Clock) -> None:
        self._bank = bank
        self._refs = refs
        self._domain_names = domain_names
        self._clock = clock

    def cards(self) -> list[Card]:
        return cards_for(self._bank(), self._refs(), self._domain_names())

    def export(self, path: Path) -> AnkiExport:
        cards = self.cards()
        if not cards:
            raise UserError("there are no missed or flagged questions yet: finish a practice "
                            "set first", where="Anki export")
        return write_package(cards, path, self._clock)


__all__ = ["DECK_ROOT", "AnkiExport", "AnkiService"]
