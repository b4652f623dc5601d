"""Query words as the book spells them: one place for every spelling rule.

The rules are about how coders type, not about the book: "Alzheimer's" or "alzheimers",
"type II" for "type 2", "CKD3" for "CKD 3", "2nd degree" for "second degree", plurals.
"""

from __future__ import annotations

import re

from readiness.codebook.store import query_tokens

_APOSTROPHE = re.compile(r"(\w)['\u2019`](\w)")
_GLUED = re.compile(r"^([a-z]{3,})([0-9]+[a-z]?)$")  # "ckd3", "stage3a", "covid19"
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
_ROMAN_AFTER = {"type", "stage", "grade", "class", "degree", "level"}
_ORDINAL = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth"}
# Glue words the book's index paths leave out ("Fracture, femur, neck" for "fracture of
# the neck of the femur"); a query of nothing but these keeps them.
STOPWORDS = frozenset({"of", "the", "an", "in", "on", "to", "for", "at", "by", "and", "or"})
_KEEP_S = ("ss", "us", "is", "ous", "ys", "as")


def words(query: str) -> list[str]:
    """The query's words, lower case, with apostrophes joined and coders' shorthands spelt
    out ("CKD3" -> "ckd 3", "type II" -> "type 2", "2nd" -> "second")."""
    text = _APOSTROPHE.sub(r"\1\2", query)
    out: list[str] = []
    for tok in query_tokens(text):
        glued = _GLUED.match(tok)
        if glued:
            out.extend(glued.groups())
            continue
        if out and out[-1] in _ROMAN_AFTER and tok in _ROMAN:
            tok = _ROMAN[tok]
        out.append(_ORDINAL.get(tok, tok))
    return out


def content(tokens: list[str]) -> list[str]:
    """The words that must match: glue words dropped unless nothing else is left."""
    kept = [t for t in tokens if t not in STOPWORDS]
    return kept or tokens


def variants(token: str) -> tuple[str, ...]:
    """The spellings a query word stands for, each matched as a word prefix: itself and,
    for a plural, its singular ("injuries" -> injury, "abscesses" -> abscess,
    "fractures" -> fracture)."""
    if len(token) < 4 or not token.isalpha():
        return (token,)
    if token.endswith("ies") and len(token) > 4:
        return token, token[:-3] + "y"
    if token.endswith(("sses", "xes", "ches", "shes")):
        return token, token[:-2]
    if token.endswith("s") and not token.endswith(_KEEP_S):
        return token, token[:-1]
    return (token,)
