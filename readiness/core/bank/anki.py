"""Missed and flagged questions as flash cards (pure: bank models in, card text out).

The writer (``readiness.services.anki``) turns these into an Anki package with genanki.
A card is keyed by the item's id, so its note GUID stays the same from one export to
the next and Anki updates the note instead of adding a duplicate.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from readiness.core.bank.models import MultipleChoiceItem, Scenario

DECK_ROOT = "CCS Readiness"
LETTERS = "ABCDEFGHIJ"


@dataclass(frozen=True)
class Card:
    ref: str  # the bank id: the note's identity across exports
    domain: str
    deck: str  # "CCS Readiness::Coding Knowledge and Skills"
    front: str  # HTML
    back: str  # HTML
    tags: tuple[str, ...]


def _p(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.strip().splitlines())


def _refs(references: tuple[str, ...]) -> str:
    if not references:
        return ""
    items = "".join(f"<li>{html.escape(r)}</li>" for r in references)
    return f"<div class=refs><b>References</b><ul>{items}</ul></div>"


def _tag(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_:" else "_" for c in text.strip())[:60]


def deck_name(domain_name: str) -> str:
    return f"{DECK_ROOT}::{domain_name}"


def item_card(item: MultipleChoiceItem, domain_name: str) -> Card:
    options = "".join(
        f"<li><b>{LETTERS[i]}.</b> {html.escape(o.text)}</li>" for i, o in enumerate(item.options))
    pick = f"<p><i>Select {item.select}.</i></p>" if item.select > 1 else ""
    front = f"<div class=stem>{_p(item.stem)}</div>{pick}<ol class=options>{options}</ol>"
    keyed = [f"<b>{LETTERS[i]}.</b> {html.escape(item.options[i].text)}" for i in item.key]
    why = "".join(
        f"<li><b>{LETTERS[i]}.</b> {html.escape(o.rationale)}</li>"
        for i, o in enumerate(item.options) if o.rationale)
    back = (f"<div class=answer>Answer: {'; '.join(keyed)}</div>"
            f"<div class=rationale>{_p(item.rationale)}</div>"
            + (f"<ul class=why>{why}</ul>" if why else "") + _refs(item.references))
    return Card(item.id, item.domain, deck_name(domain_name), front, back,
                tuple(_tag(t) for t in (item.domain, item.task, *item.tags) if t))


def scenario_card(s: Scenario, domain_name: str) -> Card:
    docs = "".join(f"<h4>{html.escape(d.title)}</h4><div class=doc>{_p(d.text)}</div>"
                   for d in s.documents)
    questions = "".join(f"<li>{html.escape(q.prompt)}</li>" for q in s.questions)
    front = (f"<h3>{html.escape(s.title)}</h3><p><i>{html.escape(s.setting)}</i></p>{docs}"
             f"<ol class=questions>{questions}</ol>")
    answers = []
    for q in s.questions:
        codes = ", ".join(
            str(a.code.code) + (f" (POA {a.poa})" if a.poa else "")
            + (f" or {', '.join(alt.code for alt in a.alternatives)}" if a.alternatives else "")
            for a in q.answers)
        note = f"<br><span class=rationale>{_p(q.rationale)}</span>" if q.rationale else ""
        answers.append(f"<li>{html.escape(codes)}{' (in this order)' if q.sequenced else ''}"
                       f"{note}</li>")
    back = f"<ol class=answers>{''.join(answers)}</ol>" + _refs(s.references)
    return Card(s.id, s.domain, deck_name(domain_name), front, back,
                tuple(_tag(t) for t in (s.domain, "scenario", s.setting, *s.tags) if t))
