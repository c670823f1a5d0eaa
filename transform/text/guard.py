"""A first-character guard for long alternations: the same matches, found faster.

Python's regex engine skips quickly to the places a match can start only when the pattern opens
with a literal, a character class, or a branch of literals. A pattern such as the period
expressions of statistics texts (facts/patterns.py `PERIOD`: thirteen alternatives, most of them
opening with an optional year) gets no such help, so every alternative is tried at every character
of the text. `guarded(pattern)` reads the parsed pattern, collects the characters any match can
start with, and puts them in front as a lookahead (`(?=[…])(?:pattern)`): a character outside the
set is passed over with one test. The set is derived from the pattern itself, so it stays right
when the pattern changes; when it cannot be derived (a match may be empty or start with any
character, a back reference, case-insensitive matching) the pattern is compiled as it is.
"""
from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


class _Unknown(Exception):
    """The pattern holds something whose first characters are not read here."""


def _first_of_items(items: Any) -> tuple[list[str], bool]:
    """(class items a match of the sequence `items` can start with, whether it can be empty)."""
    out: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        first, nullable = _first_of_item(op, av)
        out += first
        if not nullable:
            return out, False
    return out, True


def _first_of_item(op: Any, av: Any) -> tuple[list[str], bool]:
    if op is C.LITERAL:
        return [re.escape(chr(av))], False
    if op is C.IN:
        return [_class_item(o, a) for o, a in av], False
    if op is C.BRANCH:
        out: list[str] = []
        nullable = False
        for alternative in av[1]:
            first, empty = _first_of_items(alternative)
            out += first
            nullable = nullable or empty
        return out, nullable
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unknown
        return _first_of_items(sub)
    if op in _REPEATS:
        low, _high, sub = av
        first, nullable = _first_of_items(sub)
        return first, nullable or low == 0
    if op is C.ATOMIC_GROUP:
        return _first_of_items(av)
    raise _Unknown  # ANY, NOT_LITERAL, group references, conditionals


def _class_item(op: Any, av: Any) -> str:
    if op is C.LITERAL:
        return re.escape(chr(av))
    if op is C.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is C.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _Unknown  # a negated class


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """The character class of the characters a match of `pattern` can start with, None when
    they cannot be told (see the module doc)."""
    if flags & re.IGNORECASE:
        return None
    parsed = _parser.parse(pattern, flags)
    if parsed.state.flags & re.IGNORECASE:
        return None
    try:
        first, nullable = _first_of_items(parsed)
    except _Unknown:
        return None
    if nullable or not first:
        return None
    return "[" + "".join(dict.fromkeys(first)) + "]"


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)` with a lookahead of its first characters in front: the same
    matches, group numbers and names (see the module doc)."""
    chars = first_chars(pattern, flags)
    if chars is None or pattern.startswith("(?") and re.match(r"\(\?[aiLmsux]+\)", pattern):
        return re.compile(pattern, flags)
    return re.compile(f"(?={chars})(?:{pattern})", flags)


def end_reach(pattern: re.Pattern[str]) -> int:
    """How far before the end of a text a match of `pattern` that ends there can start: its
    longest match, and one more for the final newline `$` may stand before. Lets a search for
    a match at the end of a text (`…$`) start near the end instead of at every character before
    it. A ValueError when the pattern's matches have no bound."""
    _low, high = _parser.parse(pattern.pattern, pattern.flags).getwidth()
    if high >= C.MAXREPEAT:
        raise ValueError(f"matches of {pattern.pattern!r} have no bound")
    return high + 1
