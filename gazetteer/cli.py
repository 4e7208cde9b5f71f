"""Text output for ``geomap gazetteer build|info|search``."""

from __future__ import annotations

from gazetteer.rank import Context, rank
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
    ranked = rank(gaz.lookup(fold(name)), Context())
    if not ranked:
        print(f"no place named {name!r}")
        return 1
    print(f"{'score':>6}  {'id':<20} {'kind':<9} {'cc':<3} {'population':>11}  "
          f"{'lat':>9} {'lon':>10}  name")
    for place, s in ranked[:limit]:
        print(f"{s:6.2f}  {place.id:<20} {place.kind:<9} {place.country_code or '':<3} "
              f"{place.population:>11,}  {place.lat:9.4f} {place.lon:10.4f}  {place.name}")
    return 0
