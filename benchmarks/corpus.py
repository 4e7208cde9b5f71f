"""A synthetic news corpus for speed and memory benchmarks.

Articles read like wire copy: a dated header, a dateline, and paragraphs from templates
whose slots take towns, regions and countries drawn from the gazetteer (towns of more
than 50,000 people with their own country), numbers and weekdays.  Seeded, so every run
of a benchmark sees the same corpus.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

TEMPLATES = [
    "{actor} forces shelled the outskirts of {city} on {weekday}, local officials said, "
    "and at least {n} people were killed in the strikes.",
    "Residents of {city} described a night of explosions, with power cut across the "
    "{country2} city and water supplies disrupted.",
    "Thousands of people have fled {city2} for neighbouring {country3} since the start of "
    "the month, according to the United Nations refugee agency.",
    "Talks between the two sides are due to resume in {city3} next week, the foreign "
    "ministry in {capital} said in a statement.",
    "Protesters gathered in the centre of {city} on {weekday} to demand an end to the "
    "fighting, and police detained {n} people.",
    "The governor of the region said {n} civilians had been wounded and more than "
    "{big:,} residents remained without heating.",
    "Aid convoys reached {city2} after a humanitarian corridor was opened, officials in "
    "{country} said, but deliveries to {city3} were halted.",
    "Analysts in {capital} said the offensive around {city} was likely to stall before "
    "the spring thaw, as supply lines stretched back to {city2}.",
    "The prime minister of {country} held a phone call with his counterpart in "
    "{country3} on {weekday} and discussed new sanctions.",
    "Markets in {capital} fell sharply after reports of fighting near {city}, and the "
    "central bank said it was monitoring the situation.",
    "A spokesman for the military said troops had recaptured two villages north of "
    "{city} and were advancing toward {city2}.",
    "Hospitals in {city3} reported treating {n} injured, among them {small} children, "
    "after a missile strike hit a residential block.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ACTORS = ["Government", "Rebel", "Allied", "Opposition", "Federal", "Separatist"]


def _places(gazetteer_path: Path) -> list[tuple[str, str, str]]:
    """(town, its country's name, that country's capital) for towns over 50,000 people."""
    con = sqlite3.connect(f"file:{gazetteer_path}?mode=ro", uri=True)
    countries = dict(con.execute("SELECT country_code, name FROM places WHERE kind='country'"))
    capitals = dict(con.execute("SELECT country_code, name FROM places WHERE capital = 1"))
    rows = con.execute("SELECT name, country_code FROM places WHERE kind = 'city' AND "
                       "population > 50000 ORDER BY id").fetchall()
    con.close()
    return [(n, countries[c], capitals.get(c, n)) for n, c in rows if c in countries]


def articles(n: int, gazetteer_path: Path, seed: int = 7) -> Iterator[dict]:
    """``n`` articles as ``{"id", "date", "text"}`` records of about 5 KB each."""
    rng = random.Random(seed)
    places = _places(gazetteer_path)
    start = date(2022, 1, 1)
    for i in range(n):
        city, country, capital = rng.choice(places)
        others = rng.sample(places, 3)
        slots = {
            "city": city, "country": country, "capital": capital,
            "city2": others[0][0], "country2": country, "city3": others[1][0],
            "country3": others[2][1], "weekday": rng.choice(WEEKDAYS),
            "actor": rng.choice(ACTORS), "n": rng.randint(2, 90),
            "big": rng.randint(1000, 300000), "small": rng.randint(1, 12),
        }
        published = start + timedelta(days=rng.randint(0, 700))
        paragraphs = [rng.choice(TEMPLATES).format(**slots) for _ in range(34)]
        text = f"{city.upper()}, {country} - " + "\n".join(paragraphs)
        yield {"id": f"synthetic-{i:07d}", "date": published.isoformat(), "text": text}


def write_jsonl(path: Path, n: int, gazetteer_path: Path, seed: int = 7) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for rec in articles(n, gazetteer_path, seed):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
