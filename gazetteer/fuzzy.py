"""Typo-tolerant name search over the gazetteer's folded name keys.

Candidates are generated cheaply and then scored with ``rapidfuzz``:

* the ~1M distinct keys of the ``names`` table are split into buckets by their first
  character (the one letter people rarely get wrong), each loaded from SQLite on first
  use (an index range scan, ~25 ms for the largest bucket) and kept in memory;
* inside a bucket the keys are sorted by length, so only keys of a length that *can*
  reach the score threshold are compared: with the Indel similarity ``fuzz.ratio``
  (``100 * (1 - distance / (len(a) + len(b)))``) a length difference ``d`` costs at
  least ``d`` edits, which bounds the window exactly and loses no candidate;
* a character-set filter drops most of that slice with numpy: each key carries a
  64-bit mask of the characters it contains (``ord(c) % 64``), and every character
  one string has and the other lacks costs an insertion or deletion, so
  ``popcount(mask_a ^ mask_b)`` is a lower bound of the Indel distance (collisions
  only lower it further); keys whose bound already misses the threshold are skipped;
* ``rapidfuzz.process.extract`` scores the survivors in C with an early cut-off.

Similarity is 0..100 (100: the same folded name).  A typo in the first letter is not
found; the key must also be at least :data:`MIN_QUERY_LENGTH` characters long.
"""

from __future__ import annotations

import bisect
import os
import sqlite3
import threading
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

#: Shorter queries are not fuzzy-matched: one edit in "Ufa" is a different place.
MIN_QUERY_LENGTH = 4


def length_window(length: int, min_score: float) -> tuple[int, int]:
    """Key lengths that can reach ``min_score`` against a query of ``length``."""
    c = max(min(min_score, 100.0), 1.0) / 100.0
    spread = int(2 * length * (1 - c) / c + 1e-9)  # from d <= (1 - c) * (2n + d)
    low = int(length * c / (2 - c))  # the same bound seen from the shorter side
    return max(low, length - spread, 1), length + spread


def char_mask(text: str) -> int:
    """64-bit set of the characters in ``text`` (bit ``ord(c) % 64``)."""
    mask = 0
    for c in set(text):
        mask |= 1 << (ord(c) & 63)
    return mask


class FuzzyIndex:
    """Folded name keys bucketed by first character, loaded lazily.

    Parameters
    ----------
    path : path-like
        The gazetteer SQLite file (opened read-only, with a connection of our own).
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._con: sqlite3.Connection | None = None
        self._buckets: dict[str, tuple[list[str], list[int], np.ndarray, np.ndarray]] = {}
        self._lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        if self._con is None:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                        check_same_thread=False)
        return self._con

    def bucket(self, first: str) -> tuple[list[str], list[int], np.ndarray, np.ndarray]:
        """Keys starting with ``first`` sorted by length; their lengths (as a list and an
        array) and character masks."""
        found = self._buckets.get(first)
        if found is not None:
            return found
        with self._lock:
            found = self._buckets.get(first)
            if found is None:
                # BINARY collation orders UTF-8 by code point, so this is a range scan.
                rows = self._connection().execute(
                    "SELECT DISTINCT key FROM names WHERE key >= ? AND key < ?",
                    (first, chr(ord(first) + 1)),
                ).fetchall()
                keys = sorted((k for (k,) in rows), key=len)
                lengths = [len(k) for k in keys]
                masks = np.fromiter((char_mask(k) for k in keys), dtype=np.uint64,
                                    count=len(keys))
                found = (keys, lengths, np.array(lengths, dtype=np.float64), masks)
                self._buckets[first] = found
        return found

    def search(self, key: str, *, min_score: float = 80.0, limit: int = 10,
               ) -> list[tuple[str, float]]:
        """Folded keys similar to the folded ``key``, best first, as (key, similarity)."""
        if len(key) < MIN_QUERY_LENGTH:
            return []
        keys, lengths, lens, masks = self.bucket(key[0])
        low, high = length_window(len(key), min_score)
        lo = bisect.bisect_left(lengths, low)
        hi = bisect.bisect_right(lengths, high)
        if lo >= hi:
            return []
        # Indel distance allowed at each key length, against its lower bound
        allowed = (1.0 - min_score / 100.0) * (len(key) + lens[lo:hi]) + 1e-9
        bound = np.bitwise_count(masks[lo:hi] ^ np.uint64(char_mask(key)))
        survivors = np.flatnonzero(bound <= allowed)
        if not len(survivors):
            return []
        choices = [keys[lo + i] for i in survivors.tolist()]
        hits = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=min_score,
                               limit=limit)
        return [(k, float(s)) for k, s, _ in hits]

    def similarity(self, a: str, b: str) -> float:
        return float(fuzz.ratio(a, b))

    def loaded(self) -> int:
        """How many keys are held in memory."""
        return sum(len(b[0]) for b in self._buckets.values())


_INDEXES: dict[Path, FuzzyIndex] = {}
_INDEXES_LOCK = threading.Lock()


def index_for(path: str | os.PathLike) -> FuzzyIndex:
    """The shared index of one gazetteer file (one per process)."""
    path = Path(path)
    with _INDEXES_LOCK:
        if path not in _INDEXES:
            _INDEXES[path] = FuzzyIndex(path)
        return _INDEXES[path]
