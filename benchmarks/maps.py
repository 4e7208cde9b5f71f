"""How the web map scales: write time, page size and browser time for 1k/10k/100k events.

    .venv/bin/python benchmarks/maps.py [--sizes 1000,10000,100000] [--repeat 3] [--no-browser]

For each size, synthetic events (places drawn from a pool of towns, every family, dates
over two years, a distinct evidence sentence per event) are mapped with
``geomap.maps.build_map`` and written with ``save_map``. Printed per size, the median
of ``--repeat`` runs:

- build, save: seconds in ``build_map`` (columns, escaping) and ``save_map`` (render,
  inline assets, write);
- bytes: page size, and bytes per event;
- load: Chromium's ``load`` event from ``file://`` (network refused), i.e. the page
  parsed and its script run;
- ready: until every marker is in the cluster group (clustering is chunked, so the map
  is drawn and usable before this);
- pan fps: frames per second while the map pans and zooms for two seconds.

Uses Debian's Chromium at /usr/bin/chromium; without it, browser columns are skipped.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geomap import maps  # noqa: E402

WORDS = (
    "forces shelling village residents officials reported attack near town council "
    "troops drone strike convoy aid workers protesters gathered outside ministry talks "
    "delegation ceasefire evacuated families shelter hospital damaged bridge"
).split()


def synthetic_events(n: int, seed: int = 0) -> gpd.GeoDataFrame:
    """*n* events at ~n/20 (at most 5,000) towns in a few regions, like a news corpus."""
    rng = np.random.default_rng(seed)
    regions = np.array([[49.0, 32.0], [34.0, 38.0], [15.0, 5.0], [4.0, 30.0], [31.5, 35.0]])
    n_towns = max(10, min(5000, n // 20))
    home = regions[rng.integers(0, len(regions), n_towns)]
    towns = home + rng.normal(0, 2.5, (n_towns, 2))
    town = rng.zipf(1.6, n) % n_towns  # a few towns get most of the news
    families = list(maps.FAMILY_COLOURS)
    family = rng.choice(len(families), n, p=np.linspace(2, 1, len(families)) / 16.5)
    start = np.datetime64("2022-02-24") + rng.integers(0, 730, n).astype("timedelta64[D]")
    length = np.where(rng.random(n) < 0.85, 0, rng.integers(1, 30, n)).astype("timedelta64[D]")
    words = np.array(WORDS)
    evidence = [
        " ".join(words[rng.integers(0, len(words), 14)]).capitalize() + f" (report {i})."
        for i in range(n)
    ]
    fatalities = np.where(rng.random(n) < 0.3, rng.integers(0, 40, n), -1)
    return gpd.GeoDataFrame(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "event_type": [families[f] for f in family],
            "sub_event_type": [None] * n,
            "event_date": start.astype(str),
            "date_precision": ["day"] * n,
            "event_start": start.astype(str),
            "event_end": (start + length).astype(str),
            "place_name": [f"Town {t}" for t in town],
            "country_code": ["UA"] * n,
            "fatalities": [int(f) if f >= 0 else None for f in fatalities],
            "injured": [None] * n,
            "actors": [None] * n,
            "evidence": evidence,
            "source": [f"https://news.example.com/{i // 7}" for i in range(n)],
        },
        geometry=gpd.points_from_xy(towns[town, 1], towns[town, 0]),
        crs="EPSG:4326",
    )


PAN_JS = """async () => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    let frames = 0, running = true;
    const count = () => { frames++; if (running) requestAnimationFrame(count); };
    requestAnimationFrame(count);
    const t0 = performance.now();
    const steps = [[300, 0], [0, 200], [-300, 0], [0, -200]];
    for (let i = 0; performance.now() - t0 < 2000; i++) {
        if (i % 5 === 4) map.setZoom(map.getZoom() + (i % 10 === 4 ? 1 : -1));
        else map.panBy(steps[i % 4], {duration: 0.25});
        await new Promise(r => setTimeout(r, 260));
    }
    running = false;
    return frames / ((performance.now() - t0) / 1000);
}"""


def browser_times(browser, path: Path) -> tuple[float, float, float]:
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:")
        else route.abort(),
    )
    try:
        start = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load", timeout=120_000)
        load = time.perf_counter() - start
        page.evaluate(
            "async () => { const m = Object.values(window).find(v => v instanceof L.Map);"
            " await m.geomap.events.whenIdle(); }"
        )
        ready = time.perf_counter() - start
        fps = page.evaluate(PAN_JS)
        if errors:
            raise RuntimeError(f"page errors: {errors[:3]}")
        return load, ready, fps
    finally:
        page.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median shown)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    browser = pw = None
    if not args.no_browser and Path(maps.CHROMIUM).exists():
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=maps.CHROMIUM, args=maps.CHROMIUM_ARGS)

    with tempfile.TemporaryDirectory() as tmp:  # warm caches: basemap, imports, browser
        warm = maps.save_map(maps.build_map(synthetic_events(10)), Path(tmp) / "warm.html")
        if browser is not None:
            browser_times(browser, warm)
    header = (f"{'events':>8} {'build s':>8} {'save s':>7} {'MB':>6} {'B/event':>8}"
              f" {'load s':>7} {'ready s':>8} {'pan fps':>8}")
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            events = synthetic_events(n)
            runs = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                m = maps.build_map(events)
                t1 = time.perf_counter()
                path = maps.save_map(m, Path(tmp) / f"map_{n}.html")
                t2 = time.perf_counter()
                times = browser_times(browser, path) if browser is not None else ()
                runs.append((t1 - t0, t2 - t1, *times))
            build, save, *browser_figures = (statistics.median(c) for c in zip(*runs, strict=True))
            size = path.stat().st_size
            line = (f"{n:>8} {build:>8.2f} {save:>7.2f} {size / 1e6:>6.1f}"
                    f" {size / n:>8.0f}")
            if browser_figures:
                load, ready, fps = browser_figures
                line += f" {load:>7.2f} {ready:>8.2f} {fps:>8.0f}"
            print(line, flush=True)
    if browser is not None:
        browser.close()
        pw.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
