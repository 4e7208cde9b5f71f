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
    "Officials in {country} said a new round of evacuations from {city2} would begin at "
    "dawn, with buses leaving from the railway station.",
    "Electricity was restored to parts of {city} late on {weekday}, the energy ministry "
    "said, though {big:,} homes were still without power.",
    "{actor} commanders said their units had taken up positions along the road from "
    "{city3} to {city}, a claim that could not be independently verified.",
    "The United Nations said it was alarmed by reports of civilian deaths in {city2} "
    "and called for an independent investigation.",
    "In {capital}, lawmakers voted to extend martial law for another {small} months, "
    "and the defence minister asked allies for more air defence systems.",
    "Satellite images taken on {weekday} showed craters around the airfield near "
    "{city3} and several damaged hangars.",
    "Schools in {city} will stay closed until further notice, the mayor said, after "
    "{n} buildings were damaged overnight.",
    "A convoy of {small} trucks carrying food and medicine left {city2} for {city3} on "
    "{weekday}, the Red Cross said.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
#: Paragraphs an article has (about 5 KB of text).
PARAGRAPHS = 34
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
    """``n`` articles as ``{"id", "date", "text"}`` records of about 5 KB each.

    An article is about one town, with four others and their countries around it; each
    paragraph draws its own slots from them (and its own numbers and weekday), and the
    templates come in shuffled rounds, so no article repeats a sentence word for word
    the way a handful of templates with fixed slots would (which flattered anything
    that remembers what it read).
    """
    rng = random.Random(seed)
    places = _places(gazetteer_path)
    start = date(2022, 1, 1)
    for i in range(n):
        city, country, capital = rng.choice(places)
        others = rng.sample(places, 4)
        towns = list(dict.fromkeys([city, *(o[0] for o in others)]))
        published = start + timedelta(days=rng.randint(0, 700))
        order: list[str] = []
        while len(order) < PARAGRAPHS:
            order += rng.sample(TEMPLATES, len(TEMPLATES))
        paragraphs = []
        for template in order[:PARAGRAPHS]:
            here = city if rng.random() < 2 / 3 else towns[1]  # mostly the story's town
            near = rng.sample([t for t in towns if t != here], 2)
            paragraphs.append(template.format(
                city=here, country=country, capital=capital,
                city2=near[0], country2=country, city3=near[1],
                country3=rng.choice(others)[1], weekday=rng.choice(WEEKDAYS),
                actor=rng.choice(ACTORS), n=rng.randint(2, 90),
                big=rng.randint(1000, 300000), small=rng.randint(1, 12)))
        text = f"{city.upper()}, {country} - " + "\n".join(paragraphs)
        yield {"id": f"synthetic-{i:07d}", "date": published.isoformat(), "text": text}


def write_jsonl(path: Path, n: int, gazetteer_path: Path, seed: int = 7) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for rec in articles(n, gazetteer_path, seed):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
