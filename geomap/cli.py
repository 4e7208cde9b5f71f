"""The ``geomap`` command: a thin layer over the Python API.

Exit status: 0 all inputs processed, 1 some documents failed (they are in the
report), 2 usage or environment errors.  Errors are one line; ``--debug`` shows the
traceback.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import date
from pathlib import Path

from geomap.batch import tune_gc
from geomap.parallel import WorkerDied

EXAMPLES = """examples:
  geomap map seeds/ -o maps/
  geomap map article.txt --date 2022-03-03 -o out/ --png map.png
  geomap geoparse corpus.jsonl -o predictions.jsonl
  geomap gazetteer search Kherson
  geomap geocode "Kherson, Ukraine" Mariupl
"""


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {value!r}")
    return n


def _formats(value: str) -> list[str]:
    return [f.strip() for f in value.split(",") if f.strip()]


def build_parser() -> argparse.ArgumentParser:
    from geomap import __version__
    from geomap.ingest import DEFAULT_MAX_DOC_BYTES
    from geomap.run import DEFAULT_FORMATS, FORMATS, MAP_LIMIT

    parser = argparse.ArgumentParser(
        prog="geomap", description="Turn news text into maps, offline.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"geomap {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    # Options of every command that parses text.
    parsing = argparse.ArgumentParser(add_help=False)
    parsing.add_argument("--places", metavar="FILE",
                         help="your own places (CSV: name,aliases,lat,lon,kind,country; or "
                              "GeoJSON points) that add to or override the gazetteer")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("map", parents=[common, parsing],
                       help="map articles: GeoJSON layers, map.html, report.json",
                       description="Find places and events in articles and map them.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="text files (.txt/.md), JSON Lines files, or folders of them")
    p.add_argument("-o", "--out", default="maps", metavar="OUTDIR",
                   help="output folder (default: %(default)s)")
    p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                   help="publication date for articles that carry none")
    p.add_argument("--offline", action="store_true",
                   help="never use the network (the default; no online service is used)")
    p.add_argument("--tiles", choices=["offline", "osm"], default="offline",
                   help="map.html basemap: inlined Natural Earth countries (default) or "
                        "online OpenStreetMap tiles")
    p.add_argument("--max-doc-bytes", type=int, default=DEFAULT_MAX_DOC_BYTES, metavar="N",
                   help="refuse (and report) documents larger than N bytes "
                        "(default: %(default)s)")
    p.add_argument("--png", metavar="FILE", help="also write a static map picture "
                   "(a relative path lands in OUTDIR)")
    p.add_argument("--format", type=_formats, default=list(DEFAULT_FORMATS), metavar="LIST",
                   help=f"comma-separated outputs from {','.join(FORMATS)} "
                        f"(default: {','.join(DEFAULT_FORMATS)})")
    p.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="parse in N processes (default: 1); outputs are the same")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="parse on a Dask cluster: a scheduler address (tcp://host:8786) "
                        "or 'local' for one on this machine (pip install 'geomap[dask]'); "
                        "also writes partitioned GeoParquet under OUTDIR/parquet/")
    p.add_argument("--merge", action="store_true",
                   help="merge reports of the same event (type, place, date) from different "
                        "articles into one, with a sources count")
    p.add_argument("--map-limit", type=_positive, default=MAP_LIMIT, metavar="N",
                   help="map.html shows at most N events, the most confident "
                        "(default: %(default)s); GIS files hold all")

    g = sub.add_parser("geoparse", parents=[common, parsing],
                       help="toponyms of a JSON Lines corpus (evaluation format)",
                       description="Read documents {id, text} per line and write the "
                                   "toponyms found, with offsets and coordinates.")
    g.add_argument("input", metavar="INPUT.jsonl")
    g.add_argument("-o", "--out", required=True, metavar="PRED.jsonl")
    g.add_argument("--ner", action="store_true",
                   help="also use a spaCy English model (pip install 'geomap[ner]'): "
                        "a little more accurate, about 50 times slower")
    g.add_argument("--demonyms", action="store_true",
                   help="output demonyms (Israeli, Americans) as toponyms of their country, "
                        "as corpora such as LGL and TR-News annotate them")

    z = sub.add_parser("gazetteer", parents=[common],
                       help="build or inspect the embedded gazetteer")
    zsub = z.add_subparsers(dest="action", required=True, metavar="ACTION")
    zsub.add_parser("build", help="(re)build the gazetteer from installed data packages")
    zsub.add_parser("info", help="counts, sources and attribution")
    s = zsub.add_parser("search", help="ranked candidate places for a name")
    s.add_argument("name")
    s.add_argument("-n", "--limit", type=int, default=10)

    # -- geocode (gazetteer.geocoder; keep this block self-contained)
    gc = sub.add_parser("geocode", parents=[common],
                        help="place names (or lat,lon with --reverse) to coordinates, offline",
                        description="Geocode names with the embedded gazetteer, one TSV "
                                    "line per query ('-' reads queries from stdin).")
    gc.add_argument("queries", nargs="+", metavar="QUERY",
                    help='"Kherson", "Mariupol, Donetsk Oblast", or "lat,lon" with --reverse')
    gc.add_argument("--reverse", action="store_true", help="queries are lat,lon points")
    gc.add_argument("--all", action="store_true", help="every candidate, not only the best")
    gc.add_argument("--country", metavar="CC[,CC]", help="only places in these countries")
    gc.add_argument("--kind", metavar="KIND[,KIND]", help="only these kinds (city, admin1...)")
    gc.add_argument("--min-score", type=float, metavar="N",
                    help="least fuzzy-match similarity 0..100 (default 80)")
    gc.add_argument("--fallback", choices=["nominatim"],
                    help="ask this online service for names the gazetteer lacks (off by "
                         "default; rate-limited, cached; needs --user-agent)")
    gc.add_argument("--user-agent", metavar="UA", help="your app's user agent for --fallback")
    gc.add_argument("--no-cache", action="store_true", help="do not cache fallback answers")
    gc.add_argument("--json", action="store_true", help="JSON Lines with the full records")
    return parser


def _cmd_map(args: argparse.Namespace) -> int:
    from geomap.run import map_files

    report = map_files(args.inputs, args.out, published=args.date, formats=args.format,
                       png=args.png, tiles=args.tiles, max_doc_bytes=args.max_doc_bytes,
                       progress=not args.quiet, workers=args.workers, dask=args.dask,
                       map_limit=args.map_limit, places=args.places, merge=args.merge)
    totals = report.totals()
    for failure in report.failed:
        where = f"{failure.source}:{failure.line}" if failure.line else failure.source
        print(f"geomap: {where}: {failure.reason}", file=sys.stderr)
    print(f"{totals['read']} read, {totals['mapped']} mapped, {totals['no_places']} without "
          f"places, {totals['failed']} failed; {totals['events']} events -> {args.out}",
          file=sys.stderr)
    return 1 if totals["failed"] else 0


def _cmd_geoparse(args: argparse.Namespace) -> int:
    from geomap.geoparse import geoparse_file

    if not Path(args.input).is_file():
        raise FileNotFoundError(f"{args.input}: no such file")
    written, failures = geoparse_file(args.input, args.out, progress=not args.quiet,
                                      ner=args.ner, demonyms=args.demonyms,
                                      places=args.places)
    for f in failures:
        print(f"geomap: {f}", file=sys.stderr)
    print(f"{written} documents -> {args.out}", file=sys.stderr)
    return 1 if failures else 0


def _cmd_gazetteer(args: argparse.Namespace) -> int:
    from gazetteer import cli as gcli

    return gcli.run(args.action, getattr(args, "name", None), getattr(args, "limit", 10))


def _cmd_geocode(args: argparse.Namespace) -> int:
    from gazetteer import cli as gcli

    return gcli.geocode_command(
        args.queries, reverse=args.reverse, exactly_one=not args.all,
        country_codes=args.country, kinds=args.kind, min_score=args.min_score,
        fallback=args.fallback, user_agent=args.user_agent, cache=not args.no_cache,
        as_json=args.json)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    tune_gc()
    commands = {"map": _cmd_map, "geoparse": _cmd_geoparse, "gazetteer": _cmd_gazetteer,
                "geocode": _cmd_geocode}
    try:
        return commands[args.command](args)
    except KeyboardInterrupt:
        print("geomap: interrupted", file=sys.stderr)
        return 130
    except (OSError, ValueError) as exc:
        if args.debug:
            raise
        print(f"geomap: {_one_line(exc)}", file=sys.stderr)
        return 2
    except WorkerDied as exc:
        if args.debug:
            raise
        print(f"geomap: {exc}", file=sys.stderr)
        return 2
    except (sqlite3.Error, RuntimeError) as exc:
        # GDAL (pyogrio's errors are RuntimeErrors) or SQLite failing under us: most
        # often a full disk or a folder we may not write to.
        if args.debug:
            raise
        out = getattr(args, "out", None)
        where = f" to {out}" if out else ""
        print(f"geomap: could not write the outputs{where} (disk full or not writable?): "
              f"{_one_line(exc)}", file=sys.stderr)
        return 2


def _one_line(exc: BaseException) -> str:
    """An error as one line a person reads: ``path: problem``."""
    if isinstance(exc, OSError) and exc.filename and exc.strerror:
        return f"{exc.filename}: {exc.strerror.lower()}"
    return " ".join(str(exc).split()) or type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
