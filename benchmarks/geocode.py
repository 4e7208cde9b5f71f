"""Geocodes per second of ``GazetteerGeocoder``: exact, fuzzy and reverse.

Usage: python benchmarks/geocode.py [-n 3000] [--seed 8]

Queries are real gazetteer names (populated places of 1,000 or more people, drawn
with a fixed seed), as they are and with one typo (a character dropped, doubled or
swapped, never the first).  Each line gives the rate and, as a yardstick run in the
same process, how many times slower it is than a plain Python dict lookup of the same
strings (``{name: (lat, lon)}``), which is what a hand-made offline geocoder would be.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time

from gazetteer.geocoder import GazetteerGeocoder
from gazetteer.text import fold


def typo(name: str, rng: random.Random) -> str:
    """One edit that is not in the first character."""
    if len(name) < 5:
        return name
    i = rng.randrange(1, len(name) - 1)
    op = rng.choice(("drop", "double", "swap"))
    if op == "drop":
        return name[:i] + name[i + 1:]
    if op == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def rate(fn, items) -> tuple[float, float, list]:
    start = time.perf_counter()
    out = [fn(x) for x in items]
    elapsed = time.perf_counter() - start
    return len(items) / elapsed, elapsed, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=3000, help="queries per test (default 3000)")
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    geocoder = GazetteerGeocoder()
    t = time.perf_counter()
    geocoder.geocode("Kyiv")
    print(f"gazetteer open: {time.perf_counter() - t:.2f} s  ({geocoder.gazetteer.path})")

    con = sqlite3.connect(f"file:{geocoder.gazetteer.path}?mode=ro", uri=True)
    rows = con.execute("SELECT name, lat, lon FROM places WHERE kind = 'city' "
                       "AND population >= 1000 ORDER BY rowid").fetchall()
    con.close()
    sample = rng.sample(rows, min(3 * args.n, len(rows)))
    exact_cold = [r[0] for r in sample[: args.n]]
    fuzzy_rows = [r for r in sample[args.n : 2 * args.n] if len(r[0]) >= 5]
    typos = [typo(r[0], rng) for r in fuzzy_rows]
    points = [(lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05))
              for _, lat, lon in sample[2 * args.n :]]
    table = {name: (lat, lon) for name, lat, lon in rows}

    def baseline(names: list[str]) -> float:
        def get(name):
            return table.get(name)
        return rate(get, names)[0]

    print(f"{'test':<34} {'queries':>7} {'geocodes/s':>11} {'dict/s':>11} {'x slower':>8}  notes")

    def line(label, n, per_s, base=None, note=""):
        ratio = f"{base / per_s:8.0f}" if base else f"{'':>8}"
        base_s = f"{base:11,.0f}" if base else f"{'':>11}"
        print(f"{label:<34} {n:>7} {per_s:11,.0f} {base_s} {ratio}  {note}")

    per_s, _, out = rate(geocoder.geocode, exact_cold)
    found = sum(1 for loc in out if loc is not None)
    line("exact, distinct names (cold)", len(exact_cold), per_s, baseline(exact_cold),
         f"{found / len(out):.1%} found")
    per_s, _, _ = rate(geocoder.geocode, exact_cold)
    line("exact, same names again (warm)", len(exact_cold), per_s, baseline(exact_cold),
         "store lookups cached")

    t = time.perf_counter()
    index = geocoder._fuzzy_index()
    for first in sorted({fold(q)[0] for q in typos}):
        index.bucket(first)
    load = time.perf_counter() - t
    per_s, _, out = rate(geocoder.geocode, typos)
    hit = sum(1 for loc, r in zip(out, fuzzy_rows, strict=True)
              if loc is not None and loc.raw["matched"] == fold(r[0]))
    fuzzy_n = sum(1 for loc in out if loc is not None and loc.raw["match"] == "fuzzy")
    line("one typo (fuzzy)", len(typos), per_s, baseline(typos),
         f"{hit / len(out):.1%} back to the name, {fuzzy_n} fuzzy; "
         f"index load {load:.1f} s, {index.loaded():,} keys")

    per_s, _, _ = rate(geocoder.reverse, points)
    line("reverse (point -> place, country)", len(points), per_s)

    import geopandas

    names = exact_cold[:1000]
    start = time.perf_counter()
    geopandas.tools.geocode(names, provider=GazetteerGeocoder)
    line("geopandas.tools.geocode", len(names), len(names) / (time.perf_counter() - start))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
