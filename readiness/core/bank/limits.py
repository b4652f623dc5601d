"""Limits on what a bank file may hold: how many questions, how deeply its JSON nests
(a file past them fails with a message, never with RecursionError or a slow start).
Its own module so the loader and the importers share it without importing each other."""

from __future__ import annotations

import json

from readiness.core.errors import ImportFailed

# Every bank file is read at every start: a 19 MB GIFT file made a 162 MB bank and start-up
# went from 1.5 s to 62 s.  A file with more questions than this is refused, not stored.
MAX_QUESTIONS_PER_FILE = 2000
# Bank JSON is a few levels deep; deeper is not a bank (and 100 000 levels crashed json).
MAX_JSON_DEPTH = 32


def check_size(count: int, where: str) -> None:
    if count > MAX_QUESTIONS_PER_FILE:
        raise ImportFailed(
            f"the file holds {count} questions; at most {MAX_QUESTIONS_PER_FILE} are imported "
            "from one file so that start-up stays fast (split it into smaller files)",
            where=where)


def json_depth(data: object) -> int:
    """How deeply lists and objects nest in ``data`` (iterative: no recursion limit)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = (value.values() if isinstance(value, dict)
                    else value if isinstance(value, list) else None)
        if children is None:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def loads_limited(text: str, where: str) -> object:
    """``json.loads`` that fails with a message, never with RecursionError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", where=where,
        ) from None
    except RecursionError:
        data = None
    if data is None or json_depth(data) > MAX_JSON_DEPTH:
        raise ImportFailed(f"lists and objects nest more than {MAX_JSON_DEPTH} levels deep; "
                           "this is not a question bank", where=where)
    return data
