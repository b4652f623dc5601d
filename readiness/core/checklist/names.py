"""Name check: does the name on an ID match the Authorization to Test exactly?

:func:`compare_names` returns a character-level diff (for a highlighted view)
and a list of classified mismatches, each with advice: capitalization, accents,
hyphen or space, punctuation, a middle name against its initial, a missing
middle name, a suffix (Jr., III), word order, a likely typo, or a different
name altogether.  Leading, trailing and repeated spaces are typing slips and
are ignored; everything else counts, because the rule is an exact match.
"""

from __future__ import annotations

import difflib
import enum
import re
import unicodedata
from dataclasses import dataclass

_SEPARATORS = re.compile(r"[\s,\-\u2010\u2011\u2012\u2013\u2014]+")
_PUNCT = str.maketrans("", "", ".'’`")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "2nd", "3rd", "junior", "senior"}

GENERAL_ADVICE = (
    "AHIMA requires the names on both IDs to match the Authorization to Test exactly. "
    "If they differ, contact AHIMA to correct the name on your profile and ATT, or bring IDs "
    "that match, well before exam day: a correction can take several business days."
)


class NameIssue(enum.Enum):
    EMPTY = "empty"
    CASE = "case"
    ACCENT = "accent"
    PUNCTUATION = "punctuation"
    HYPHEN_SPACE = "hyphen-space"
    INITIAL = "initial"
    MIDDLE_MISSING = "middle-missing"
    PART_MISSING = "part-missing"
    SUFFIX = "suffix"
    ORDER = "order"
    TYPO = "typo"
    DIFFERENT = "different"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    NameIssue.EMPTY: "Name missing",
    NameIssue.CASE: "Capitalization",
    NameIssue.ACCENT: "Accent marks",
    NameIssue.PUNCTUATION: "Punctuation",
    NameIssue.HYPHEN_SPACE: "Hyphen or space",
    NameIssue.INITIAL: "Name vs initial",
    NameIssue.MIDDLE_MISSING: "Middle name missing",
    NameIssue.PART_MISSING: "Part of the name missing",
    NameIssue.SUFFIX: "Suffix",
    NameIssue.ORDER: "Word order",
    NameIssue.TYPO: "Spelling (likely typo)",
    NameIssue.DIFFERENT: "Different name",
}

_ADVICE = {
    NameIssue.EMPTY: "Type the name exactly as printed, letter by letter.",
    NameIssue.CASE: "Only capitalization differs. It is usually accepted, but the rule is an "
                    "exact match: if in doubt, ask AHIMA to confirm before exam day.",
    NameIssue.ACCENT: "Accent marks differ. Some systems drop accents; ask AHIMA whether the "
                      "ATT name can carry the same marks as your ID, or confirm it is accepted.",
    NameIssue.PUNCTUATION: "A period or apostrophe differs (e.g. 'J.' vs 'J', O'Neil vs ONeil). "
                           "Have the ATT name written as on your ID.",
    NameIssue.HYPHEN_SPACE: "A hyphen or space differs in a compound name. Ask AHIMA to write "
                            "the name on your ATT exactly as on your primary ID.",
    NameIssue.INITIAL: "One shows the full name, the other only its initial. Ask AHIMA to "
                       "confirm this is accepted, or have the ATT changed to match your IDs.",
    NameIssue.MIDDLE_MISSING: "A middle name appears on one but not the other. Have the ATT "
                              "name match your primary ID, or confirm with AHIMA in writing.",
    NameIssue.PART_MISSING: "Part of the name (e.g. one half of a compound surname) is missing. "
                            "Have the ATT name corrected to match your IDs.",
    NameIssue.SUFFIX: "A suffix (Jr., Sr., III) differs or is missing. Have the ATT carry the "
                      "same suffix as your IDs.",
    NameIssue.ORDER: "The same names appear in a different order. Check that the given and "
                     "family names are in the right fields of your AHIMA profile.",
    NameIssue.TYPO: "The spelling differs, probably a typo. If the ATT is misspelled, contact "
                    "AHIMA now to correct it; if you mistyped it here, fix it here.",
    NameIssue.DIFFERENT: "This is a different name (for example after a name change). Update "
                         "your AHIMA profile and ATT, or your ID, before exam day.",
}


@dataclass(frozen=True)
class Mismatch:
    kind: NameIssue
    expected: str  # as on the ATT
    found: str  # as on the ID
    advice: str

    def describe(self) -> str:
        left = f"'{self.expected}'" if self.expected else "nothing"
        right = f"'{self.found}'" if self.found else "nothing"
        return f"{self.kind.label}: ATT has {left}, ID has {right}"


@dataclass(frozen=True)
class Segment:
    op: str  # equal, replace, insert (only on the ID), delete (only on the ATT)
    expected: str
    found: str


@dataclass(frozen=True)
class NameCheck:
    expected: str
    found: str
    mismatches: tuple[Mismatch, ...]
    segments: tuple[Segment, ...]

    @property
    def matches(self) -> bool:
        return not self.mismatches

    @property
    def kinds(self) -> set[NameIssue]:
        return {m.kind for m in self.mismatches}


def tidy(name: str) -> str:
    """NFC with runs of whitespace collapsed and the ends trimmed."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _depunct(text: str) -> str:
    return text.translate(_PUNCT)


def _key(token: str) -> str:
    return strip_marks(_depunct(token).casefold())


def _tokens(name: str) -> tuple[list[str], list[str]]:
    """Words and the separators between them (len(seps) == len(words) - 1)."""
    words = [w for w in _SEPARATORS.split(name) if w]
    seps = [s for s in _SEPARATORS.findall(name.strip(" ,-"))]
    if len(seps) != max(len(words) - 1, 0):
        seps = [" "] * max(len(words) - 1, 0)
    return words, seps


def _sep_kind(sep: str) -> str:
    if "," in sep:
        return ","
    if any(c in sep for c in "-\u2010\u2011\u2012\u2013\u2014"):
        return "-"
    return " "


def _token_differences(a: str, b: str) -> list[NameIssue]:
    """Which normalizations are needed to make two same-key tokens equal."""
    if a == b:
        return []
    steps = {
        NameIssue.PUNCTUATION: lambda s: strip_marks(s.casefold()),
        NameIssue.ACCENT: lambda s: _depunct(s).casefold(),
        NameIssue.CASE: lambda s: strip_marks(_depunct(s)),
    }
    # A dimension differs if the tokens still differ after normalizing every
    # other dimension away.
    return [kind for kind, others in steps.items() if others(a) != others(b)]


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _is_suffix(key: str) -> bool:
    return key in _SUFFIXES


def _classify_change(a_words: list[str], b_words: list[str], middle: bool) -> NameIssue:
    a_keys = [_key(w) for w in a_words]
    b_keys = [_key(w) for w in b_words]
    if a_keys and b_keys and "".join(a_keys) == "".join(b_keys):
        return NameIssue.HYPHEN_SPACE
    if not a_keys or not b_keys:
        present = a_keys or b_keys
        if all(_is_suffix(k) for k in present):
            return NameIssue.SUFFIX
        return NameIssue.MIDDLE_MISSING if middle else NameIssue.PART_MISSING
    if all(_is_suffix(k) for k in a_keys + b_keys):
        return NameIssue.SUFFIX
    if len(a_keys) == len(b_keys) and all(
        (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
        for x, y in zip(a_keys, b_keys, strict=True)
    ):
        return NameIssue.INITIAL
    if len(a_keys) == 1 and len(b_keys) == 1:
        x, y = a_keys[0], b_keys[0]
        if _edit_distance(x, y) <= max(1, min(len(x), len(y)) // 3):
            return NameIssue.TYPO
    if len(a_keys) != len(b_keys):
        shorter, longer = sorted((a_keys, b_keys), key=len)
        if all(any(k == x or (len(k) == 1 and x.startswith(k)) for x in longer) for k in shorter):
            return NameIssue.MIDDLE_MISSING if middle else NameIssue.PART_MISSING
    return NameIssue.DIFFERENT


def _mismatch(kind: NameIssue, expected: str, found: str) -> Mismatch:
    return Mismatch(kind, expected, found, _ADVICE[kind])


def compare_names(expected: str, found: str) -> NameCheck:
    """Compare the name on the ATT (``expected``) with the name on an ID (``found``)."""
    a, b = tidy(expected), tidy(found)
    segments = tuple(
        Segment(op, a[i1:i2], b[j1:j2])
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False)
        .get_opcodes()
    )
    if not a or not b:
        if not a and not b:
            return NameCheck(a, b, (_mismatch(NameIssue.EMPTY, a, b),), segments)
        return NameCheck(a, b, (_mismatch(NameIssue.EMPTY, a, b),), segments)
    if a == b:
        return NameCheck(a, b, (), segments)
    a_words, a_seps = _tokens(a)
    b_words, b_seps = _tokens(b)
    a_keys = [_key(w) for w in a_words]
    b_keys = [_key(w) for w in b_words]
    found_issues: list[Mismatch] = []
    if a_keys != b_keys and sorted(a_keys) == sorted(b_keys):
        found_issues.append(_mismatch(NameIssue.ORDER, a, b))
        pairs = dict(zip(b_keys, b_words, strict=True))
        for word, key in zip(a_words, a_keys, strict=True):
            for kind in _token_differences(word, pairs[key]):
                found_issues.append(_mismatch(kind, word, pairs[key]))
        return NameCheck(a, b, tuple(found_issues), segments)
    last_core = max((i for i, k in enumerate(a_keys) if not _is_suffix(k)), default=0)
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for offset in range(i2 - i1):
                wa, wb = a_words[i1 + offset], b_words[j1 + offset]
                for kind in _token_differences(wa, wb):
                    found_issues.append(_mismatch(kind, wa, wb))
                if offset < i2 - i1 - 1:
                    sa, sb = a_seps[i1 + offset], b_seps[j1 + offset]
                    if _sep_kind(sa) != _sep_kind(sb):
                        kind = (NameIssue.PUNCTUATION if "," in (_sep_kind(sa) + _sep_kind(sb))
                                and "-" not in (_sep_kind(sa) + _sep_kind(sb))
                                else NameIssue.HYPHEN_SPACE)
                        found_issues.append(_mismatch(
                            kind, f"{wa}{sa}{a_words[i1 + offset + 1]}",
                            f"{wb}{sb}{b_words[j1 + offset + 1]}"))
            continue
        middle = 0 < i1 <= last_core if op == "insert" else i1 > 0 and i2 - 1 < last_core
        kind = _classify_change(a_words[i1:i2], b_words[j1:j2], middle)
        found_issues.append(_mismatch(kind, " ".join(a_words[i1:i2]), " ".join(b_words[j1:j2])))
    if not found_issues:
        # Same words and separators yet different text (e.g. a separator at
        # the very end): still not an exact match.
        found_issues.append(_mismatch(NameIssue.PUNCTUATION, a, b))
    return NameCheck(a, b, tuple(found_issues), segments)
