"""Finding a sentence's trigger phrases fast.

A vocabulary of several hundred regexes run on every sentence would dominate the cost of
a document, so one scan of the document's text for the rows' literal prefixes tells
which rows can match which sentence, and only those are run.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import product

from geomap.events.modality import _HABIT_AFTER, _Modality
from geomap.events.vocabulary import VIOLENT, Trigger, _generic_violent


def _first_chars(items) -> tuple[frozenset[str] | None, bool]:
    """Lowercase ASCII characters a parsed regex can start with (None: any), and
    whether it can match the empty string.  A superset is always safe."""
    from re import _constants as c

    first: set[str] = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width
        if op is c.LITERAL:
            ch = chr(av)
            if not ch.isascii():
                return None, False
            chars, nullable = {ch.lower()}, False
        elif op is c.IN:
            chars, nullable = set(), False
            for iop, iav in av:
                if iop is c.LITERAL and chr(iav).isascii():
                    chars.add(chr(iav).lower())
                elif iop is c.RANGE and iav[1] < 128:
                    chars.update(chr(x).lower() for x in range(iav[0], iav[1] + 1))
                else:
                    return None, False
        elif op is c.SUBPATTERN:
            chars, nullable = _first_chars(av[3])
        elif op is c.ATOMIC_GROUP:
            chars, nullable = _first_chars(av)
        elif op is c.BRANCH:
            chars, nullable = set(), False
            for alt in av[1]:
                sub, sub_null = _first_chars(alt)
                if sub is None:
                    return None, False
                chars |= sub
                nullable = nullable or sub_null
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            chars, nullable = _first_chars(av[2])
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if chars is None:
            return None, False
        first |= chars
        if not nullable:
            return frozenset(first), False
    return frozenset(first), True


def _row_first_chars(trig: Trigger) -> frozenset[str] | None:
    from re import _parser  # the regex parser's internals

    try:
        chars, nullable = _first_chars(_parser.parse(trig.regex.pattern, trig.regex.flags))
    except Exception:  # an unusual pattern: try the row everywhere
        return None
    return None if nullable else chars


#: Characters of a row's start read by :func:`_prefixes` (more: a sharper scan).
_PREFIX_LEN = 6
#: Above this many distinct starts a row's prefixes are not worth spelling out.
_MAX_PREFIXES = 400
_ASCII = frozenset(map(chr, range(128)))
#: What ``\w``, ``\s`` and ``\d`` match in ASCII text (lowercase).
_CATEGORIES = {
    "CATEGORY_WORD": frozenset(ch.lower() for ch in _ASCII if ch.isalnum() or ch == "_"),
    "CATEGORY_SPACE": frozenset(ch for ch in _ASCII if ch.isspace()),
    "CATEGORY_DIGIT": frozenset("0123456789"),
}
_ANY = frozenset(ch.lower() for ch in _ASCII)

Prefix = tuple[frozenset[str], ...]


def _char_class(items) -> frozenset[str] | None:
    """The lowercase ASCII characters a parsed literal or ``[...]`` matches, ignoring
    case (None: it is negated or names a category not handled)."""
    from re import _constants as c

    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars |= _ascii_folds(chr(av))
        elif op is c.RANGE and av[1] - av[0] < 1024:
            for x in range(av[0], av[1] + 1):
                chars |= _ascii_folds(chr(x))
        elif op is c.CATEGORY and str(av) in _CATEGORIES:
            chars |= _CATEGORIES[str(av)]
        else:
            return None
    return frozenset(chars)


@cache
def _ascii_folds(ch: str) -> frozenset[str]:
    """The ASCII characters (lowercase) that ``ch`` matches ignoring case: its own
    lowercase, or for a few others the letter they fold to (the Kelvin sign: k)."""
    if ch.isascii():
        return frozenset(ch.lower())
    return frozenset(x.lower() for x in _ASCII if re.fullmatch(re.escape(ch), x, re.IGNORECASE))


def _prefixes(items, k: int = _PREFIX_LEN) -> set[Prefix] | None:
    """How a parsed regex can start in ASCII text: each prefix is a tuple of up to ``k``
    character sets (shorter: the match can end there), and every match starts with one
    of them.  None when that cannot be spelled out cheaply."""
    from re import _constants as c

    result: set[Prefix] = {()}
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: a superset is safe
        step: set[Prefix] | None
        if op is c.LITERAL or op is c.IN:
            chars = _char_class([(op, av)] if op is c.LITERAL else av)
            step = None if chars is None else {(chars,)}
        elif op in (c.ANY, c.NOT_LITERAL):
            step = {(_ANY,)}
        elif op is c.SUBPATTERN:
            step = _prefixes(av[3], k)
        elif op is c.BRANCH:
            alts = [_prefixes(alt, k) for alt in av[1]]
            step = None if None in alts else set().union(*alts)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            step = _repeat(av[0], av[1], _prefixes(av[2], k), k)
        else:
            step = None
        if step is None:
            return None
        result = _concat(result, step, k)
        if len(result) > _MAX_PREFIXES:
            return None
        if all(len(p) == k for p in result):
            break
    return result


def _concat(left: set[Prefix], right: set[Prefix], k: int) -> set[Prefix]:
    return {p if len(p) == k else (p + q)[:k] for p in left for q in right}


def _repeat(lo: int, hi: int, item: set[Prefix] | None, k: int) -> set[Prefix] | None:
    """Prefixes of ``item{lo,hi}``: past ``lo + k`` repetitions nothing new can start."""
    if item is None:
        return None
    result: set[Prefix] = set()
    current: set[Prefix] = {()}
    for n in range(min(hi, lo + k) + 1):
        if n >= lo:
            result |= current
        current = _concat(current, item, k)
        if len(current) > _MAX_PREFIXES:
            return None
    return result


def _row_prefixes(trig: Trigger) -> set[Prefix] | None:
    from re import _parser

    try:
        prefixes = _prefixes(_parser.parse(trig.regex.pattern, trig.regex.flags))
    except Exception:  # an unusual pattern: no prefixes, the exact scan is used
        return None
    return None if not prefixes or () in prefixes else prefixes


def _class_regex(chars: frozenset[str]) -> str:
    """``chars`` (lowercase) as a literal, or a class when there are several."""
    if len(chars) == 1:
        return re.escape(next(iter(chars)))
    return "[" + "".join(map(re.escape, sorted(chars))) + "]"


def _prefix_scan(all_prefixes: list[set[Prefix]]) -> re.Pattern:
    """A case-sensitive scan for lowercased ASCII sentences: every word start where some
    row's first characters stand.  Its branches each start with a plain letter, which
    the regex engine tests without entering them, so it runs several times faster than
    the exact scan, at the cost of some hits where no row matches."""
    trie: dict = {}
    for prefixes in all_prefixes:
        for prefix in prefixes:
            if not all(prefix):
                continue  # a character ASCII text cannot hold
            node = trie
            for chars in prefix:
                node = node.setdefault(chars, {})
            node[None] = {}  # a row can start with just this

    def alternation(node: dict) -> str:
        if None in node:
            return ""
        if not node:
            return "(?!)"  # no row can match ASCII text
        return "(?:" + "|".join(_class_regex(chars) + alternation(child)
                                for chars, child in node.items()) + ")"

    return re.compile(rf"(?<![\w-]){alternation(trie)}")


#: How many characters of lowercased ASCII text choose the rows to try at a position
#: (three leave about one row per word where any row may start; two left four).
_LEAD_LEN = 3


def _lead_rows(all_prefixes: list[set[Prefix]]) -> dict[str, tuple[int, ...]]:
    """Rows by the first :data:`_LEAD_LEN` characters (lowercase) of the ASCII text
    where they may start."""
    leads: dict[str, list[int]] = {}
    for i, prefixes in enumerate(all_prefixes):
        keys = {"".join(chars) for p in prefixes for chars in product(
            *(p[j] if j < len(p) else _ANY for j in range(_LEAD_LEN)))}
        for key in sorted(keys):
            leads.setdefault(key, []).append(i)
    return {key: tuple(rows) for key, rows in leads.items()}


@dataclass(frozen=True, slots=True)
class _TriggerIndex:
    """Where a sentence can hold a trigger, and which rows to try there."""

    scan: re.Pattern  # finds every position where some row may match
    ascii_scan: re.Pattern | None  # the same for ASCII text, faster; more hits
    lead_rows: dict[str, tuple[int, ...]]  # ASCII text: first characters (lowercase) -> rows
    rows: dict[str, tuple[int, ...]]  # first character (lowercase ASCII) -> rows, in order
    anywhere: tuple[int, ...]  # rows to try at any other ASCII character
    everywhere: tuple[int, ...]  # every row: for a non-ASCII character
    keys: tuple[tuple, ...]  # each row's :func:`_row_key`


def _row_key(trig: Trigger) -> tuple:
    """What :func:`_triggers` keeps one trigger of: event type, sub-event type and
    whether it refers back ("a second raid")."""
    return trig.event_type, trig.sub_event_type, "anaphor" in trig.needs


_INDEX_MEMO: list[tuple[tuple[Trigger, ...], _TriggerIndex | None]] = []


def _trigger_index(vocab: tuple[Trigger, ...]) -> _TriggerIndex | None:
    """One scan per sentence finds where to try the rows; the first character there
    narrows 105 rows down to the few that can start with it.  Memoised by identity
    (hashing 105 rows per document costs more than the lookup saves)."""
    for known, index in _INDEX_MEMO:
        if known is vocab:
            return index
    index = _build_trigger_index(vocab)
    _INDEX_MEMO[:] = [*_INDEX_MEMO[-7:], (vocab, index)]
    return index


def _build_trigger_index(vocab: tuple[Trigger, ...]) -> _TriggerIndex | None:
    if not vocab:
        return None
    firsts = [_row_first_chars(t) for t in vocab]
    anywhere = [i for i, f in enumerate(firsts) if f is None]
    chars = sorted(set().union(*(f for f in firsts if f is not None)))
    rows = {ch: tuple(i for i, f in enumerate(firsts) if f is None or ch in f) for ch in chars}

    def body(i: int) -> str:
        return f"(?:{vocab[i].pattern or vocab[i].regex.pattern})"

    groups = [f"(?={re.escape(ch)})(?:{'|'.join(body(i) for i in idx if firsts[i])})"
              for ch, idx in rows.items() if any(firsts[i] for i in idx)]
    if anywhere:
        groups.append("|".join(body(i) for i in anywhere))
    # One word-start check per position, not one per row: most positions are mid-word.
    scan = re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})", re.IGNORECASE)
    prefixes = [_row_prefixes(t) for t in vocab]
    if None in prefixes:
        ascii_scan, lead_rows = None, {}
    else:
        ascii_scan, lead_rows = _prefix_scan(prefixes), _lead_rows(prefixes)
    return _TriggerIndex(scan, ascii_scan, lead_rows, rows, tuple(anywhere),
                         tuple(range(len(vocab))), tuple(map(_row_key, vocab)))


def _rows_at(text: str, at: int, index: _TriggerIndex, lower: str | None
             ) -> tuple[int, ...]:
    """The rows that can match at ``at``, in vocabulary order; ``lower``: the text
    lowercased, when its characters from ``at`` on that choose the rows are ASCII."""
    if lower is not None and at + _LEAD_LEN <= len(lower):
        return index.lead_rows.get(lower[at:at + _LEAD_LEN], ())
    ch = text[at]
    return index.rows.get(ch.lower(), index.anywhere) if ch.isascii() else index.everywhere


Positions = list[tuple[int, tuple[int, ...]]]


def _triggers(sentence: str, vocab: tuple[Trigger, ...], positions: Positions,
              keys: tuple[tuple, ...], allowed: Callable[[Trigger, int], bool] | None = None,
              ) -> dict[tuple, tuple[Trigger, int, int]]:
    """Best realis trigger per :func:`_row_key` (``keys``: of each row) in one sentence
    (offsets relative to it), trying the rows at the ``positions`` :class:`_TriggerScan`
    gives: "annexed Crimea ... and recognized the republics as independent" is two
    strategic developments, at their own places.  ``allowed``: whether the sentence
    has what a row with ``needs`` asks (a row that fails them neither counts nor hides a
    lighter one: "Soldiers opened fire after militants attacked their checkpoint" is
    no attack on civilians, so its "attacked" is the battle)."""
    best: dict[tuple, tuple[Trigger, int, int]] = {}
    modality = _Modality(sentence)
    for at, rows in positions:
        for i in rows:
            trig, key = vocab[i], keys[i]
            held = best.get(key)
            if held is not None and trig.weight <= held[0].weight:
                continue  # the first of the heaviest stays, here and at later positions
            m = trig.regex.match(sentence, at)
            if m is None:
                continue
            start, end = m.span()
            if modality.irrealis(start, end) or _inside_heavier(trig, start, end, best):
                continue  # (the "attack" of "a missile attack": see _outermost)
            if "year" in sentence and _RECALLED.search(sentence, max(0, start - 60), start):
                continue  # "last year's deadly protests": recalled, and no lighter
                # trigger of this sentence's own event should yield to it
            if _HABIT_AFTER.match(sentence, end):
                continue  # "Kidnappings have become common in Kaduna": a habit (and a
                # later "gunmen kidnapped 20 pupils" still tells one)
            if sentence.endswith(("their ", "its "), max(0, start - 6), start) and (
                    _ARE_AFTER.match(sentence, end)):
                continue  # "say their attacks are in solidarity with Gaza": what the
                # attacks are, no attack told
            if sentence.endswith("s", start, end) and _LIKE_AFTER.match(sentence, end):
                continue  # "hard to square with attacks like Djibo": a kind, by example
            if "armed" in sentence and _carried(sentence, trig, start, end):
                continue  # "militants armed with rifles and grenades attacked": what
                # they carried, not what exploded (and their attack still counts)
            if allowed is not None and trig.needs and not allowed(trig, start):
                continue
            best[key] = (trig, start, end)
    return _outermost(best, sentence) if len(best) > 1 else best


#: Weapons carried, before a weapon's name: "armed with rifles and grenades" (not past
#: a comma: "armed with machine guns, ambushed the convoy and detonated a bomb").
_ARMED_WITH = re.compile(r"\b(?:armed|equipped)\s+with\b[^.;:(),]{0,70}$", re.IGNORECASE)


def _carried(sentence: str, trig: Trigger, start: int, end: int) -> bool:
    """Whether an explosion's trigger at ``start:end`` names a weapon armed men carried
    (a noun after "armed with", not a verb: "armed with mortars shelled the town")."""
    return (trig.event_type == "explosions_remote_violence"
            and not sentence[start:end].endswith(("ed", "ing"))
            and _ARMED_WITH.search(sentence, max(0, start - 80), start) is not None)


#: A present "are" after a trigger (and its target): "their attacks (on Israel) are".
_ARE_AFTER = re.compile(r"(?:\s+(?:on|against)\s+(?:[\w'\u2019-]+\s+){0,3}?[\w'\u2019-]+)?\s+are\b")
#: Examples after a plural trigger: "attacks like Djibo", "protests such as those".
_LIKE_AFTER = re.compile(r"\s+(?:like|such\s+as)\b")
#: A trigger's modifier that makes it an event of last year: "last year's protests".
_RECALLED = re.compile(r"\b(?:last|previous)\s+year['\u2019]s\s+(?:[\w-]+\s+){0,3}$",
                       re.IGNORECASE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class _TriggerScan:
    """Where triggers may start in a document: one prefix scan of the whole text, its
    hits handed out to the sentences by offset (a scan per sentence cost more in calls
    than in scanning).

    The hits in a sentence are a superset of those the scan of the sentence alone
    finds, which is all :func:`_triggers` needs (extra positions and rows match
    nothing): the scan has no lookahead, so text after the sentence only adds hits;
    its lookbehind sees before a sentence a space or closing punctuation, as good as
    the start of the text; and the rows chosen by the characters at a hit are a
    superset of those that can match there, whatever follows the match."""

    __slots__ = ("index", "hits", "rows", "near")

    def __init__(self, text: str, index: _TriggerIndex | None):
        self.index = index
        self.hits: list[int] = []
        self.rows: list[tuple[int, ...]] = []  # to try at each hit
        self.near: list[int] = []
        if index is None or index.ascii_scan is None:
            return
        # The fast prefix scan reads the text lowercased, every character beyond ASCII
        # as "?"; where it may have read one, the exact scan of the sentence decides.
        near = _near_non_ascii(text)
        lower = (text.encode("ascii", "replace").decode("ascii") if near else text).lower()
        self.hits = [hit.start() for hit in _overlapping(index.ascii_scan, lower)
                     if hit.start() not in near]
        # ASCII from each hit on; the lookup of :func:`_rows_at` inlined, but at the end
        leads, last = index.lead_rows, len(lower) - _LEAD_LEN
        self.rows = [leads.get(lower[at:at + _LEAD_LEN], ()) if at <= last
                     else _rows_at(lower, at, index, lower) for at in self.hits]
        self.near = sorted(near)

    def positions(self, sentence: str, start: int) -> Positions:
        """Each position of ``sentence`` (at ``start`` in the text) where a trigger may
        start, with the vocabulary rows to try there (a superset of the rows whose
        regex matches there), in order; offsets relative to the sentence."""
        index = self.index
        if index is None:
            return []
        if index.ascii_scan is None:  # a vocabulary the prefix scan cannot spell out
            return [(hit.start(), _rows_at(sentence, hit.start(), index, None))
                    for hit in _overlapping(index.scan, sentence)]
        end = start + len(sentence)
        i, j = bisect_left(self.hits, start), bisect_left(self.hits, end)
        found = [(at - start, rows)
                 for at, rows in zip(self.hits[i:j], self.rows[i:j], strict=True)]
        near = self.near[bisect_left(self.near, start):bisect_left(self.near, end)]
        if near:
            found += [(at - start, _rows_at(sentence, at - start, index, None))
                      for at in near if index.scan.match(sentence, at - start)]
            found.sort()
        return found


def _trigger_positions(sentence: str, index: _TriggerIndex | None) -> Positions:
    """:meth:`_TriggerScan.positions` of a text that is one sentence."""
    return _TriggerScan(sentence, index).positions(sentence, 0)


def _near_non_ascii(text: str) -> set[int]:
    """The positions where the prefix scan reads a character beyond ASCII: the one
    before the position or one of the :data:`_PREFIX_LEN` from it (none in ASCII text)."""
    if text.isascii():
        return set()
    return {at for ch in _NON_ASCII.finditer(text)
            for at in range(max(0, ch.start() - _PREFIX_LEN + 1),
                            min(ch.start() + 2, len(text)))}


def _overlapping(scan: re.Pattern, text: str) -> Iterator[re.Match]:
    """Every match of ``scan`` in ``text``, each searched from one past the last start
    (a trigger may start inside the prefix another one starts with)."""
    pos = 0
    while hit := scan.search(text, pos):
        yield hit
        pos = hit.start() + 1


def _outermost(found: dict[tuple, tuple[Trigger, int, int]], sentence: str
               ) -> dict[tuple, tuple[Trigger, int, int]]:
    """``found`` without the triggers inside a heavier one: the "attack" of "a missile
    attack" or "attack drones" is part of that event, not a battle of its own.  Nor is
    a generic violent word after a specific one ("..., one of the deadliest attacks of
    the war", "a drone strike hit the city, the latest attack on it"), or before one in
    its own clause, which tells how it was done ("attacked the city, shelling homes";
    but "Rebels attacked a post, and a missile attack hit the city" is two)."""
    specific = [start for trig, start, _ in found.values()
                if trig.event_type in VIOLENT and not _generic_violent(trig)]

    def told_by_specific(start: int, end: int) -> bool:
        return any(at < start or not _NEW_CLAUSE.search(sentence, end, at) for at in specific)

    return {key: (trig, start, end) for key, (trig, start, end) in found.items()
            if not _inside_heavier(trig, start, end, found)
            and not (specific and _generic_violent(trig) and told_by_specific(start, end))}


#: What opens a clause of its own between two triggers: "and", "while", a semicolon.
_NEW_CLAUSE = re.compile(r"\b(?:and|while|but|as|then|before|after)\b|;", re.IGNORECASE)


def _inside_heavier(trig: Trigger, start: int, end: int,
                    found: dict[tuple, tuple[Trigger, int, int]]) -> bool:
    """Whether ``start:end`` lies inside a match of a heavier trigger in ``found``."""
    return any(o_start <= start and end <= o_end and other.weight > trig.weight
               for other, o_start, o_end in found.values())
