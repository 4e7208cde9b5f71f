"""Text output for ``geomap gazetteer build|info|search``."""

from __future__ import annotations

from gazetteer.store import Gazetteer, default_path
from gazetteer.text import fold


def run(action: str, name: str | None = None, limit: int = 10) -> int:
    if action == "build":
        from gazetteer.build import build

        counts = build(default_path())
        print(f"built {default_path()}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        return 0
    gaz = Gazetteer()
    if action == "info":
        meta = gaz.meta()
        print(f"gazetteer: {gaz.path}")
        print(f"version:   {meta.get('version')}")
        for key, value in sorted(meta.items()):
            if key.startswith("count."):
                print(f"  {key[6:]:<10} {int(value):>9,}")
        print(f"  {'names':<10} {int(meta.get('names', 0)):>9,}")
        print(meta.get("attribution", ""))
        return 0
    assert name is not None
    return search(name, limit=limit)


def search(name: str, *, limit: int = 10, country_codes=None, kinds=None,
           min_score: float | None = None) -> int:
    """Print the ranked candidates for ``name`` the way the geocoder reads it.

    Exact and alternate names first; when none matches (after qualifiers such as
    ``"Kherson, Ukraine"`` and spelling variants), fuzzy matches with their similarity.
    """
    from gazetteer.geocoder import DEFAULT_MIN_SCORE, GazetteerGeocoder, parse_query

    geocoder = GazetteerGeocoder()
    threshold = DEFAULT_MIN_SCORE if min_score is None else min_score
    found = geocoder.search(" ".join(name.split()), country_codes=country_codes or (),
                            kinds=kinds or (), min_score=threshold)
    if not found:
        print(f"no place named {name!r} (fuzzy matches need similarity >= {threshold:g})")
        return 1
    print(f"{'score':>6} {'match':<7} {'sim':>5}  {'id':<20} {'kind':<9} {'cc':<3} "
          f"{'population':>11}  {'lat':>9} {'lon':>10}  name / address")
    for c in found[:limit]:
        p = c.place
        print(f"{c.rank_score:6.2f} {c.match:<7} {c.similarity:5.1f}  {p.id:<20} {p.kind:<9} "
              f"{p.country_code or '':<3} {p.population:>11,}  {p.lat:9.4f} {p.lon:10.4f}  "
              f"{geocoder.address(p)}")
    if len(found) > limit:
        print(f"... {len(found) - limit} more (use -n)")
    parsed = parse_query(name)
    kinds_of_match = {c.match for c in found}
    if parsed.qualifiers and fold(parsed.text) != found[0].key:
        print(f"qualified by: {'; '.join(parsed.qualifiers)}")
    if "fuzzy" in kinds_of_match:
        print(f"no exact name: fuzzy matches (similarity >= {threshold:g}) of {name!r}")
    return 0


def geocode_command(queries: list[str], *, reverse: bool = False, exactly_one: bool = True,
                    country_codes=None, kinds=None, min_score: float | None = None,
                    fallback: str | None = None, user_agent: str | None = None,
                    cache: bool = True, as_json: bool = False) -> int:
    """``geomap geocode``: one result line (TSV or JSON) per query; 1 if some found nothing."""
    import json
    import sys

    from gazetteer.geocoder import DEFAULT_MIN_SCORE, GazetteerGeocoder

    if fallback and not user_agent:
        raise ValueError(f"--fallback {fallback} needs --user-agent NAME (the service's "
                         "usage policy asks every application to identify itself)")
    if queries == ["-"]:
        queries = [line.strip() for line in sys.stdin if line.strip()]
    geocoder = GazetteerGeocoder(
        country_codes=country_codes, kinds=kinds,
        min_score=DEFAULT_MIN_SCORE if min_score is None else min_score,
        fallback=fallback, user_agent=user_agent, cache=cache)
    missing = 0
    if not as_json:
        print("query\tlat\tlon\tscore\tmatch\tsource\tid\taddress")
    for q in queries:
        if reverse:
            found = geocoder.reverse(q, exactly_one=exactly_one)
        else:
            found = geocoder.geocode(q, exactly_one=exactly_one)
        if found is None:
            missing += 1
            found = []
        elif exactly_one:
            found = [found]
        if as_json:
            print(json.dumps({"query": q, "results": [
                {"address": loc.address, "lat": loc.latitude, "lon": loc.longitude,
                 "raw": loc.raw} for loc in found]}, ensure_ascii=False, default=str))
            continue
        if not found:
            print(f"{q}\t\t\t\t\t\t\t")
        for loc in found:
            raw = loc.raw
            score = raw.get("score")
            print(f"{q}\t{loc.latitude:.5f}\t{loc.longitude:.5f}\t"
                  f"{'' if score is None else score}\t{raw.get('match', '')}\t"
                  f"{raw.get('source', '')}\t{raw.get('id', '')}\t{loc.address}")
    if missing:
        print(f"geomap: {missing} of {len(queries)} queries found nothing", file=sys.stderr)
    return 1 if missing else 0
