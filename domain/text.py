"""Checks of free text shared by every area: control, surrogate and bidirectional characters."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Bidirectional embedding, override and isolate controls (format characters, category Cf).
# They reorder how text is displayed, so a location or opinion could read differently
# from what is stored.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Line breaks and tabs allowed in multi-line free text such as opinions.
MULTILINE_CONTROLS = frozenset("\t\n\r")


@dataclass(frozen=True)
class InvalidCharacter:
    """The first invalid character of a text: its 1-based position and its code point as "U+0000"."""

    position: int
    character: str


def is_invalid_character(character: str, multiline: bool = False) -> bool:
    """Tell whether ``character`` is a control character, a lone surrogate or a bidirectional control.

    Tab, line feed and carriage return are allowed when ``multiline``.
    """
    category = unicodedata.category(character)
    if category == "Cc":
        return not (multiline and character in MULTILINE_CONTROLS)
    return category == "Cs" or character in BIDI_CONTROLS


def find_invalid_character(text: str, multiline: bool = False) -> InvalidCharacter | None:
    """Return the first invalid character of ``text`` (see ``is_invalid_character``), or None."""
    for index, character in enumerate(text):
        if is_invalid_character(character, multiline):
            return InvalidCharacter(position=index + 1, character=f"U+{ord(character):04X}")
    return None
