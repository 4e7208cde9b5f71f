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
#: Sentences of the rest of a news story (quotes, people, background, institutions):
#: no violent event, fewer places.  ``typical`` articles are mostly these.  Each has
#: numbers, days or people in slots, so sentences seldom recur word for word (5% do in
#: 3,000 articles, 11% of the event templates'), as memos keyed by text would notice.
CONTEXT = [
    "\"We have not slept properly for {n} days,\" said {first} {last}, a {job} who has "
    "lived in {city} all her life.",
    "{first} {last}, a senior fellow at the {institute}, said on {weekday} that the "
    "government's strategy had changed little in {small} months.",
    "The {institute} estimates that the economy shrank by {small}.{n} percent last year, "
    "and that {big:,} jobs were lost.",
    "{title} {last} told reporters on {weekday} that the budget of {big:,} million would "
    "be presented to parliament within {small} weeks.",
    "Prices of bread and fuel have risen by {n} percent since {weekday}, and many "
    "families now rely on help from relatives abroad, {first} {last} said.",
    "The {institute} published a report on {weekday} calling for {big:,} million more "
    "for schools, roads and hospitals across the country.",
    "{first} {last}, who has run a bakery near the central market for {n} years, said "
    "business had fallen by half since the winter.",
    "The European Commission and the World Bank have promised loans of {big:,} euros, "
    "but {first} {last}, an adviser to the {institute}, says the money arrives slowly.",
    "In an interview with a local newspaper on {weekday}, {title} {last} said {small} "
    "rounds of talks with creditors had gone well and a deal was close.",
    "{city}, a river port of some {big:,} people, was an industrial centre known for its "
    "steelworks and shipyards.",
    "\"Nobody here trusts the promises any more,\" said {first} {last}, a {n}-year-old "
    "retired {job} sitting on a bench outside the town hall.",
    "The ministry did not respond to a request for comment on {weekday}, and a "
    "spokeswoman for the {institute} declined to discuss the {big:,} figure.",
    "Opinion polls published on {weekday} suggested that support for the governing "
    "party had slipped to {n} percent, from {small}{small} percent in the spring.",
    "{first} {last}, a {job} from the eastern suburbs, said her {small} children had "
    "not been to school in person for {n} weeks.",
    "The central bank kept its main interest rate at {small}.{n} percent on {weekday}, "
    "citing uncertainty about inflation and the harvest.",
    "Trade with {country3} has grown to {big:,} million a year, and both governments "
    "hope to sign a new agreement on energy within {small} months.",
    "According to the {institute}, about {n} percent of households, or {big:,} families, "
    "cannot afford to heat their homes for the whole winter.",
    "{title} {last} is expected to visit {capital} on {weekday} for meetings with "
    "{n} business leaders and diplomats.",
    "Local volunteers have served {big:,} meals in church halls and schools since "
    "{weekday}, {first} {last}, one of the organisers, said.",
    "The story could not be independently confirmed on {weekday}, and the {institute} "
    "said it was still gathering information from {n} sources.",
]
JOBS = ["teacher", "nurse", "engineer", "shopkeeper", "taxi driver", "pensioner", "doctor"]
FIRST = ["Anna", "Maria", "Olena", "Sarah", "Ahmed", "David", "Ivan", "Fatima", "Elena",
         "Peter", "Laura", "Mohammed", "Sofia", "James", "Nadia", "Thomas", "Irina", "Marco"]
LAST = ["Kovalenko", "Hassan", "Petrov", "Miller", "Nguyen", "Rossi", "Okafor", "Schmidt",
        "Haddad", "Novak", "Garcia", "Jensen", "Brown", "Ibrahim", "Walker", "Dubois"]
TITLES = ["Finance Minister", "Prime Minister", "President", "Governor", "Mayor",
          "Ambassador", "Foreign Minister"]
INSTITUTES = ["Institute for Economic Research", "Centre for Strategic Studies",
              "National Statistics Office", "International Crisis Group",
              "Chamber of Commerce", "Red Cross"]
#: Share of an article's sentences that tell an event (``TEMPLATES``) by corpus mix:
#: ``dense`` is all events (a stress case: 3.9 events and 12.7 place mentions per KB);
#: ``typical`` is a news story (about 1.1 events and 4.5 mentions per KB, the five dev
#: corpora of ``../shared/eval`` giving 0.2-0.65 events and 4-6 mentions per KB).
EVENT_SHARE = {"dense": 1.0, "typical": 0.25}
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


def articles(n: int, gazetteer_path: Path, seed: int = 7, mix: str = "dense") -> Iterator[dict]:
    """``n`` articles as ``{"id", "date", "text"}`` records of about 5 KB each.

    An article is about one town, with four others and their countries around it; each
    paragraph draws its own slots from them (and its own numbers and weekday), and the
    templates come in shuffled rounds, so no article repeats a sentence word for word
    the way a handful of templates with fixed slots would (which flattered anything
    that remembers what it read).  ``mix`` (:data:`EVENT_SHARE`) says how many
    paragraphs tell events; the others are :data:`CONTEXT` sentences.
    """
    share = EVENT_SHARE[mix]
    rng = random.Random(seed)
    who = random.Random(seed + 1)  # people's slots: the dense corpus stays as it was
    places = _places(gazetteer_path)
    start = date(2022, 1, 1)
    for i in range(n):
        city, country, capital = rng.choice(places)
        others = rng.sample(places, 4)
        towns = list(dict.fromkeys([city, *(o[0] for o in others)]))
        published = start + timedelta(days=rng.randint(0, 700))
        events = round(PARAGRAPHS * share)
        order: list[str] = []
        while len(order) < events:
            order += rng.sample(TEMPLATES, len(TEMPLATES))
        context: list[str] = []
        while len(context) < PARAGRAPHS - events:
            context += rng.sample(CONTEXT, len(CONTEXT))
        order = order[:events] + context[: PARAGRAPHS - events]
        if mix != "dense":
            rng.shuffle(order)
        paragraphs = []
        for template in order:
            here = city if rng.random() < 2 / 3 else towns[1]  # mostly the story's town
            near = rng.sample([t for t in towns if t != here], 2)
            paragraphs.append(template.format(
                city=here, country=country, capital=capital,
                city2=near[0], country2=country, city3=near[1],
                country3=rng.choice(others)[1], weekday=rng.choice(WEEKDAYS),
                actor=rng.choice(ACTORS), n=rng.randint(2, 90),
                big=rng.randint(1000, 300000), small=rng.randint(1, 12),
                first=who.choice(FIRST), last=who.choice(LAST), title=who.choice(TITLES),
                job=who.choice(JOBS), institute=who.choice(INSTITUTES)))
        text = f"{city.upper()}, {country} - " + "\n".join(paragraphs)
        yield {"id": f"synthetic-{i:07d}", "date": published.isoformat(), "text": text}


def write_jsonl(path: Path, n: int, gazetteer_path: Path, seed: int = 7,
                mix: str = "dense") -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for rec in articles(n, gazetteer_path, seed, mix):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
