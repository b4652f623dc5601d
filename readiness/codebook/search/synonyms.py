"""Abbreviations, acronyms and lay terms coders meet in documentation ("CHF", "afib",
"heart attack"), read from an original curated list kept as data
(``readiness/resources/codesets/synonyms.json``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from readiness.codebook.search.normalize import content, words
from readiness.resources import resource_path

SYNONYMS_FILE = ("codesets", "synonyms.json")
_LONGEST = 5  # words in the longest phrase of the list
_QUALIFIERS = frozenset({"unspecified", "site", "other", "nos", "without", "complications"})


@dataclass(frozen=True)
class Synonym:
    say: tuple[str, ...]  # the phrase as typed, normalised ("a", "fib")
    means: tuple[str, ...]  # the words the book uses ("atrial", "fibrillation")
    code: str  # the everyday code the phrase stands for ("I48.91"), or ""
    label: str  # the first spelling of the entry, for "CHF = congestive heart failure"


@dataclass(frozen=True)
class Expansion:
    tokens: list[str]  # the query with every known phrase replaced by its meaning
    used: list[Synonym]


class Synonyms:
    def __init__(self, entries: list[Synonym]) -> None:
        self._by_phrase: dict[tuple[str, ...], Synonym] = {}
        for e in entries:
            self._by_phrase.setdefault(e.say, e)
        self.words = frozenset(w for phrase in self._by_phrase for w in phrase)

    def __len__(self) -> int:
        return len(self._by_phrase)

    def get(self, phrase: tuple[str, ...]) -> Synonym | None:
        """The entry whose phrase is ``phrase`` (glue words such as "of" ignored)."""
        return self._by_phrase.get(tuple(content(list(phrase))))

    def expand(self, tokens: list[str],
               keep: Callable[[tuple[str, ...]], bool] = lambda _p: False) -> Expansion:
        """Replace the longest known phrases, left to right; a phrase for which ``keep``
        says so stays as typed."""
        out: list[str] = []
        used: list[Synonym] = []
        i = 0
        while i < len(tokens):
            for n in range(min(_LONGEST, len(tokens) - i), 0, -1):
                hit = self._by_phrase.get(tuple(tokens[i:i + n]))
                if hit is not None and not keep(hit.say):
                    # inside a longer query the other words say which one is meant:
                    # "OA knee" is osteoarthritis of the knee, not of an unspecified site
                    out.extend(w for w in hit.means if w not in _QUALIFIERS)
                    used.append(hit)
                    i += n
                    break
            else:
                out.append(tokens[i])
                i += 1
        return Expansion(out, used)


def parse(data: object) -> list[Synonym]:
    """The entries of a synonyms document: ``{"entries": [{"say": [...], "means": "...",
    "code": "..."}]}``; every spelling in ``say`` becomes its own phrase."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ValueError("synonyms: expected an object with an 'entries' list")
    out: list[Synonym] = []
    for n, e in enumerate(data["entries"], start=1):
        say, means = e.get("say"), e.get("means")
        if not isinstance(say, list) or not say or not isinstance(means, str):
            raise ValueError(f"synonyms: entry {n} needs 'say' (a list) and 'means' (text)")
        meaning = tuple(words(means))
        for spelling in say:
            phrase = tuple(content(words(str(spelling))))
            if phrase:
                out.append(Synonym(phrase, meaning, str(e.get("code", "")), str(say[0])))
    return out


@lru_cache(maxsize=1)
def curated() -> Synonyms:
    """The shipped list (read once)."""
    path = resource_path(*SYNONYMS_FILE)
    return Synonyms(parse(json.loads(path.read_text(encoding="utf-8"))))
