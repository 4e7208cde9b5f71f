"""Paragraphs and sentences of a document, with their offsets in it.

Events are read one sentence at a time, so a wrong split merges or cuts the evidence of
an event: abbreviations ("Gen.", "U.S.") and initials do not end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Abbreviations after which a period does not end a sentence (titles, months, Co.).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gov govs gen gens lt col sgt capt cpl pvt sen sens rep reps st jr sr "
    "prof rev adm maj cmdr cdr brig supt insp pres amb det no nos vs etc inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd rd fig approx dept "
    "est vol op cf al".split())
#: Capitalised words that start a new sentence after a dotted abbreviation ("U.S. The").
_STARTERS = frozenset(
    "the a an it he she they we i this that these those but and in on at after before "
    "meanwhile however there his her their its our officials police".split())

_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*")
_PREV_TOKEN = re.compile(r"([\w.\-']+)$")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line paragraphs when the text has them (hard-wrapped files), else lines."""
    sep = re.compile(r"\n[ \t]*\n\s*") if re.search(r"\n[ \t]*\n", text) else re.compile(r"\n")
    spans, pos = [], 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[1] > s[0]]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _token_before(text: str, end: int) -> str:
    """The word (with dots, hyphens, apostrophes) ending at ``end``, from at most 40
    characters back.  Most are short, and a 12-character window that holds the whole
    word (it starts past the window's edge) gives the 40-character search's answer at a
    third of the cost: the pattern is tried from every position of the window."""
    short = max(0, end - 12)
    m = _PREV_TOKEN.search(text, short, end)
    if m is not None and m.start() == short > 0:
        m = _PREV_TOKEN.search(text, max(0, end - 40), end)  # the word may go on
    return m.group(1) if m else ""


def _is_boundary(text: str, punct: re.Match, limit: int) -> bool:
    """Does this run of ``.!?`` (plus closing quotes) end a sentence?"""
    after = punct.end()
    if after >= limit:
        return True
    token = _token_before(text, punct.start())
    nxt = text[after]
    if not nxt.isspace():
        # "Pentagon.It": a word, a period, then a capitalised word glued on.
        return (punct.group(0) == "." and len(token) >= 2 and token[-1].islower()
                and "." not in token and nxt.isupper()
                and after + 1 < limit and text[after + 1].islower())
    rest = text[after:min(limit, after + 80)].lstrip()
    if not rest or rest[0].islower() or rest[0] in ",;:":
        return False
    if not punct.group(0).startswith("."):
        return True
    if "." in token or (len(token) == 1 and token.isupper()):
        # U.S., U.N., a.m. or an initial: only a boundary before an obvious starter.
        word = re.match(r"[\w']+", rest)
        return bool(word) and word.group(0).lower() in _STARTERS
    return token.lower() not in ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, never crossing a paragraph break.

    Parameters
    ----------
    text : str
        Article text.

    Returns
    -------
    list of (start, end)
        Character offsets (end exclusive), stripped of surrounding whitespace.
    """
    return [s for p_start, p_end in _paragraphs(text)
            for s in _paragraph_sentences(text, p_start, p_end)]


def _paragraph_sentences(text: str, p_start: int, p_end: int) -> list[tuple[int, int]]:
    """Sentence spans of the paragraph ``text[p_start:p_end]``."""
    spans = []
    start = p_start
    for punct in _END.finditer(text, p_start, p_end):
        if _is_boundary(text, punct, p_end):
            spans.append(_strip(text, start, punct.end()))
            start = punct.end()
    if start < p_end:
        spans.append(_strip(text, start, p_end))
    return [s for s in spans if s[1] > s[0]]


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    paragraph_start: int
    text: str
    #: The sentence before it ("" for the first), whose events a toll may count when it
    #: refers back through this one.
    before: str = ""
    before_start: int = 0
