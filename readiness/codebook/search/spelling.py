"""Typo tolerance against the installed books' own vocabulary.

A query word that begins no word of any installed book ("diabetis", "pnuemonia") is
replaced by the closest book word within two edits; ties go to the word the books use
most.  Candidates come from the deletion index each code-set file carries (see
``StoreWriter._write_vocabulary``), so a suggestion is one indexed look-up per file.
"""

from __future__ import annotations

from collections.abc import Sequence

from readiness.codebook.store import SPELL_MIN, CodeSetStore, deletions

MAX_EDITS = 2


def edit_distance(a: str, b: str, cap: int = MAX_EDITS) -> int:
    """Optimal-string-alignment distance (a swap of neighbours counts once), or cap + 1
    as soon as it must exceed ``cap``."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > cap:
            return cap + 1
        prev2, prev = prev, cur
    return prev[-1]


def known(token: str, stores: Sequence[CodeSetStore]) -> bool:
    return any(s.knows_prefix(token) for s in stores)


def correct(token: str, stores: Sequence[CodeSetStore]) -> str | None:
    """The book word meant by a misspelt ``token``, or None (known, too short, or no
    word near enough)."""
    if len(token) < SPELL_MIN or not token.isalpha() or known(token, stores):
        return None
    keys = {token} | deletions(token)
    freq: dict[str, int] = {}
    for s in stores:
        for word, n in s.spelling_candidates(keys):
            freq[word] = freq.get(word, 0) + int(n)
    best: tuple[int, int, str] | None = None
    for word, n in freq.items():
        d = edit_distance(token, word)
        if d <= MAX_EDITS and (best is None or (d, -n, word) < best):
            best = (d, -n, word)
    return best[2] if best else None
