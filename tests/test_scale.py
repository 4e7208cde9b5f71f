"""Speed and scale: streamed outputs, --workers and --dask give the same bytes as the
whole-frame writers; the fast paths of events and dates agree with the plain regexes."""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, SEED

sys.path.insert(0, str(ROOT / "benchmarks"))

ALL_FORMATS = ["geojson", "gpkg", "csv", "parquet", "qgis", "html"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, gazetteer):
    from corpus import write_jsonl

    folder = tmp_path_factory.mktemp("corpus")
    write_jsonl(folder / "wire.jsonl", 24, gazetteer.path)
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def _whole_frames(inputs, out: Path, geoparser, formats=ALL_FORMATS) -> None:
    """What geomap wrote before streaming: every Parsed in a list, then write_gis."""
    from geomap.export import write_gis
    from geomap.frame import to_geodataframes
    from geomap.ingest import read_documents
    from geomap.maps import build_map, save_map

    parsed = [geoparser.parse(d) for d in read_documents(inputs)
              if not hasattr(d, "reason")]
    frames = to_geodataframes(parsed)
    out.mkdir(parents=True)
    write_gis(frames._asdict(), out, formats)
    save_map(build_map(frames.events, frames.places), out / "map.html")


def _same_files(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.iterdir() if p.is_file() and p.name != "report.json")
    assert names
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_streamed_outputs_equal_whole_frames(corpus, geoparser, tmp_path, monkeypatch):
    from geomap import stream
    from geomap.run import map_files

    _whole_frames([corpus], tmp_path / "whole", geoparser)
    monkeypatch.setattr(stream, "CHUNK_ROWS", 7)  # many chunks, one GDAL batch
    report = map_files([corpus], tmp_path / "stream", formats=ALL_FORMATS,
                       geoparser=geoparser)
    _same_files(tmp_path / "whole", tmp_path / "stream")
    assert not list((tmp_path / "stream").glob(".*")), "spill or staging files left"
    assert "notes" not in json.loads((tmp_path / "stream" / "report.json").read_text())
    assert report.totals()["events"] > 100


def test_size_bounds_split_writes_without_changing_rows(corpus, geoparser, tmp_path,
                                                       monkeypatch):
    """Places' document ids can run to megabytes, so chunks and GDAL/Parquet batches also
    go out by size: split to a chunk each, GeoJSON, CSV and map.html keep their bytes and
    the GeoPackage and GeoParquet their rows."""
    import pyarrow.parquet as pq
    import pyogrio
    from pandas.testing import assert_frame_equal

    from geomap import stream
    from geomap.run import map_files

    _whole_frames([corpus], tmp_path / "whole", geoparser)
    monkeypatch.setattr(stream, "CHUNK_ROWS", 7)
    monkeypatch.setattr(stream, "CHUNK_CHARS", 1)
    monkeypatch.setattr(stream, "BATCH_BYTES", 1)
    map_files([corpus], tmp_path / "stream", formats=ALL_FORMATS, geoparser=geoparser)
    for name in ("events.geojson", "places.geojson", "mentions.geojson", "events.csv",
                 "map.html"):
        assert (tmp_path / "whole" / name).read_bytes() == \
            (tmp_path / "stream" / name).read_bytes(), name
    for layer in ("events", "places", "mentions"):
        whole, streamed = (pyogrio.read_dataframe(tmp_path / d / "events.gpkg", layer=layer)
                           for d in ("whole", "stream"))
        assert len(whole) > 10
        assert_frame_equal(whole, streamed)
    parquet = pq.ParquetFile(tmp_path / "stream" / "events.parquet")
    assert parquet.num_row_groups > 10  # a group per chunk of about 7 rows
    assert pq.read_table(tmp_path / "whole" / "events.parquet").equals(parquet.read())


def test_workers_give_the_same_outputs(corpus, geoparser, tmp_path):
    from geomap.run import map_files

    one = map_files([corpus], tmp_path / "one", formats=ALL_FORMATS, geoparser=geoparser)
    two = map_files([corpus], tmp_path / "two", formats=ALL_FORMATS, geoparser=geoparser,
                    workers=2)
    _same_files(tmp_path / "one", tmp_path / "two")
    assert [i.status for i in one.inputs] == [i.status for i in two.inputs]


def test_a_broken_pool_is_a_dead_worker_whatever_the_pool_was_doing(geoparser):
    """Once a worker is gone the pool is broken: handing it the next chunk raises too,
    not only waiting for a result, and both say a worker died (the write-error
    message it had shown was a wrong lead)."""
    import multiprocessing
    import os
    import signal
    import time

    from geomap.ingest import make_document
    from geomap.parallel import WorkerDied, parse_parallel

    docs = (make_document(f"Shelling hit Kharkiv on day {k}.", f"d{k}") for k in range(400))
    results = parse_parallel(docs, geoparser, 1, chunksize=1)
    next(results)
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    time.sleep(0.5)  # the pool notices
    with pytest.raises(WorkerDied, match="worker process stopped unexpectedly"):
        for _ in results:
            pass


def _nap(seconds: float) -> float:
    import time

    time.sleep(seconds)
    return seconds


def test_a_worker_killed_while_sending_its_results_does_not_hang_the_run():
    """A worker killed halfway through sending its results leaves the pool's reader
    waiting for the rest of the message forever (the result pipe has other writers).
    The half message is written here as such a worker would have left it; the waiting
    side must still notice the dead worker, say so, and let the pool shut down."""
    import multiprocessing
    import os
    import signal
    import struct
    import threading
    import time
    from concurrent.futures import ProcessPoolExecutor

    from geomap.parallel import WorkerDied, _result

    outcome: list = []

    def run() -> None:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            future = pool.submit(_nap, 60)
            while not multiprocessing.active_children():
                time.sleep(0.01)
            time.sleep(0.2)
            # a message of 100 bytes announced, 10 sent, then the sender killed
            os.write(pool._result_queue._writer.fileno(), struct.pack("!i", 100) + b"x" * 10)
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)
            try:
                _result(pool, future)
            except WorkerDied as exc:
                outcome.append(str(exc))
        outcome.append("shut down")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive(), "the run hung"
    assert outcome[0].startswith("a worker process stopped unexpectedly")
    assert outcome[1] == "shut down"


def test_a_worker_that_dies_ends_the_run_with_one_line(gazetteer, tmp_path, capsys):
    """A worker killed mid-run (what the system does when memory runs out) stops the
    run with a line that says so: no hang, no traceback, no half-written outputs."""
    import multiprocessing
    import os
    import signal
    import threading
    import time

    from corpus import write_jsonl

    from geomap.cli import main

    src = write_jsonl(tmp_path / "wire.jsonl", 1000, gazetteer.path)

    def kill_a_worker() -> None:
        deadline = time.monotonic() + 60
        while not multiprocessing.active_children() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)  # let it start parsing
        for child in multiprocessing.active_children()[:1]:
            os.kill(child.pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_a_worker)
    killer.start()
    code = main(["map", str(src), "-o", str(tmp_path / "out"), "-q", "--workers", "2"])
    killer.join()
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == [
        "geomap: a worker process stopped unexpectedly (out of memory?); run again with "
        "fewer --workers"]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_dask_local_cluster_gives_the_same_outputs(corpus, geoparser, tmp_path):
    distributed = pytest.importorskip("distributed")
    dask_geopandas = pytest.importorskip("dask_geopandas")
    import geopandas as gpd

    from geomap.run import map_files

    map_files([corpus], tmp_path / "one", formats=ALL_FORMATS, geoparser=geoparser)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None, silence_logs=logging.ERROR
                                  ) as cluster, distributed.Client(cluster) as client:
        report = map_files([corpus], tmp_path / "dask", formats=ALL_FORMATS,
                           geoparser=geoparser, dask=client)
    _same_files(tmp_path / "one", tmp_path / "dask")
    assert "parquet" in report.outputs
    parts = dask_geopandas.read_parquet(tmp_path / "dask" / "parquet").compute()
    whole = gpd.read_parquet(tmp_path / "one" / "events.parquet")
    assert list(parts["event_id"]) == list(whole["event_id"])
    assert parts.geometry.equals(whole.geometry)


def test_dask_run_does_not_keep_the_documents_it_sent(geoparser):
    """Dask connections remember their recent messages, and a task message carries its
    partition's documents: with Dask's default log of 1,000 messages a long run kept
    ~15 KB an article in the client process.  Here 120 single-document tasks pass;
    afterwards only the last few may still be held."""
    pytest.importorskip("distributed")
    import gc

    from geomap.distributed import MESSAGE_LOG, connect, parse_on_dask

    assert 3 * MESSAGE_LOG < 120
    from geomap.model import Document

    client, cluster = connect("local")
    try:
        docs = [Document(f"d{i}", f"Shelling hit Kherson on day {i}.") for i in range(120)]
        results = list(parse_on_dask(iter(docs), geoparser, client, partition=1))
        assert [status.doc_id for status, _ in results] == [d.id for d in docs]
        del docs, results
        gc.collect()
        alive = sum(isinstance(o, Document) and o.id.startswith("d") for o in gc.get_objects())
    finally:
        client.close()
        cluster.close()
    assert alive <= 3 * MESSAGE_LOG, alive


def test_map_limit_keeps_the_most_confident(corpus, geoparser, tmp_path, monkeypatch):
    import geopandas as gpd

    from geomap import maps
    from geomap.run import map_files

    drawn = []
    build_map = maps.build_map
    monkeypatch.setattr(maps, "build_map", lambda ev, *a, **k: drawn.append(ev) or
                        build_map(ev, *a, **k))
    report = map_files([corpus], tmp_path / "out", formats=["geojson", "html"],
                       geoparser=geoparser, map_limit=10)
    pictured = map_files([corpus], tmp_path / "png", formats=["csv"], png="map.png",
                         geoparser=geoparser, map_limit=10)
    assert (tmp_path / "png" / "map.png").stat().st_size > 10_000
    assert pictured.notes
    events = gpd.read_file(tmp_path / "out" / "events.geojson")
    assert len(events) == report.totals()["events"] > 10  # the GIS files hold all
    notes = json.loads((tmp_path / "out" / "report.json").read_text())["notes"]
    assert "10 most confident" in notes[0]
    shown = drawn[0]
    assert len(shown) == 10
    threshold = sorted(events["confidence"], reverse=True)[9]
    assert (shown["confidence"] >= threshold).all()
    order = list(events["event_id"])
    positions = [order.index(i) for i in shown["event_id"]]
    assert positions == sorted(positions)  # reading order


def test_cli_has_scale_options():
    from geomap.cli import build_parser

    args = build_parser().parse_args(["map", "x.txt", "--workers", "3", "--dask", "local",
                                      "--map-limit", "5"])
    assert (args.workers, args.dask, args.map_limit) == (3, "local", 5)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["map", "x.txt", "--workers", "0"])


# -- fast paths of events and dates ---------------------------------------------------

WORDS = ("would could may May will not no n't can't won't plans to aims the shelling in "
         "Kherson as but while, said ; fighting killed 12 people on Thursday last week "
         "March 3 2022 in 2014 yesterday weekend ago three days - – troops seized control "
         "of the city ſet any without likely expected café don’t “could” ١٩٩٩ fears "
         "feared reports used drones plan stage have").split()
phrases = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(phrases, phrases)
def test_irrealis_shortcuts_agree_with_the_regexes(before, trigger_words):
    from geomap.events import modality as ev

    sentence = f"{before} shelling {trigger_words}".strip()
    start = sentence.index("shelling", len(before))
    end = start + len("shelling")
    slow_before = sentence[:start]
    inf = ev._INFINITIVE.search(slow_before)
    slow = bool(
        (inf and inf.group(1).lower() not in ev._NOT_INFINITIVE
         and not ((used := ev._USED_FOR.search(slow_before))
                  and not ev._PERFECT_BEFORE.search(slow_before, 0, used.start())))
        or ev._TO_PLAN.search(slow_before)
        or ev._NO_BEFORE.search(slow_before)
        or ev._MODAL_AFTER.match(sentence, end)
        or ev._IRREALIS.search(ev._SCOPE_BREAK.split(slow_before)[-1])
        or ev._CLAUSE_IRREALIS.search(slow_before, max(
            [m.end() for m in ev._CLAUSE_START.finditer(slow_before)], default=0)))
    assert ev._irrealis(sentence, start, end) == slow
    assert ev._Modality(sentence).irrealis(start, end) == slow


@settings(max_examples=300, deadline=None)
@given(phrases)
def test_irrealis_first_words_are_necessary(scope):
    from geomap.events import modality as ev

    if ev._IRREALIS.search(scope):
        assert ev._maybe_irrealis(scope)


def test_trigger_index_finds_what_every_row_finds():
    from geomap.events import load_vocabulary, split_sentences
    from geomap.events import triggers as ev

    vocab = load_vocabulary()
    index = ev._trigger_index(vocab)
    text = (SEED.read_text(encoding="utf-8") + " Air strikes, street fighting and the "
            "Rebels seized Kherson; IEDs, sit-ins, tear gas, cut off water and power. "
            "SHELLING HIT the town; they Shelled it. Troops \u212aILLED three in Kyiv.\n"
            "Police fired tear gas.\u201cFighting\u201d went on. Shelling.\u00c9vacuations "
            "began!\n\u00e9 Clashes erupted.Air strikes hit Kyiv. Protest")
    assert index.ascii_scan is not None  # both scans below: ASCII and not
    scan = ev._TriggerScan(text, index)  # the whole text scanned at once
    for s, e in split_sentences(text):
        sentence = text[s:e]
        slow = {(i, m.start()) for i, t in enumerate(vocab)
                for p in range(len(sentence)) if (m := t.regex.match(sentence, p))}
        for positions in (ev._trigger_positions(sentence, index),
                          scan.positions(sentence, s)):
            assert [at for at, _ in positions] == sorted({at for at, _ in positions})
            fast = {(i, at) for at, rows in positions
                    for i in rows if vocab[i].regex.match(sentence, at)}
            assert fast == slow, sentence


def test_first_chars_of_patterns():
    from geomap.events.triggers import _row_first_chars
    from geomap.events.vocabulary import _read_vocabulary

    def first(pattern):
        t = _read_vocabulary(f"event_type,pattern\nbattles,{pattern}\n")[0]
        return _row_first_chars(t)

    assert first("(?:street |heavy )?fighting") == frozenset("shf")
    assert first("(?-i:march(?:ed|es))") == frozenset("m")
    assert first("[A-C]x") == frozenset("abc")
    assert first(r"\w+ attack") is None  # any character: tried everywhere
    assert first("x?") is None  # may match nothing


@settings(max_examples=300, deadline=None)
@given(phrases, st.sampled_from([None, date(2022, 3, 3), date(2021, 1, 1)]))
def test_date_prefilters_drop_nothing(text, published):
    from geomap import dates

    found = dates.find_dates(text, published)
    everything = []
    for pattern, resolver in dates.RULES:
        for m in pattern.finditer(text):
            hit = dates._resolve(m, resolver, published)
            if hit is not None:
                everything.append(hit)
    assert found == dates._without_overlaps(everything)
    for (pattern, _), needs in zip(dates.RULES, dates._RULE_NEEDS, strict=True):
        if pattern.search(text):
            assert all(n.search(text) for n in needs), pattern.pattern


def test_ascii_lookalikes_are_all_that_fold_unlike_ascii():
    """The fast paths for text that folds like ASCII rely on this list being complete."""
    from geomap import dates

    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {ch for ch in map(chr, range(0x80, sys.maxunicode + 1))
             if letter.fullmatch(ch) or len(ch.lower()) != 1 or ch.lower().isascii()}
    assert found == dates._ASCII_LOOKALIKES


def test_lowercase_keeps_what_case_folded_patterns_read():
    """``geomap.events.counts._case_folded`` relies on this: in text that folds like
    ASCII, lowercasing keeps every character's length, what \\w, \\s and \\d match and
    ASCII punctuation, and a character matches an ASCII letter ignoring case only if its
    lowercase is that letter."""
    from geomap import dates

    classes = [re.compile(c) for c in (r"\w", r"\s", r"\d")]
    letters = re.compile("[a-z]", re.IGNORECASE)
    odd = []
    for ch in map(chr, range(sys.maxunicode + 1)):
        low = ch.lower()
        if ch in dates._ASCII_LOOKALIKES:
            continue
        if (len(low) != 1 or any(bool(c.match(ch)) != bool(c.match(low)) for c in classes)
                or (low.isascii() and not low.isalpha() and low != ch)
                or bool(letters.fullmatch(ch)) != (low.isascii() and low.isalpha())):
            odd.append(ch)
    assert odd == []
    from geomap.events import counts, places, reading

    for rx, folded in ((counts._NUMBER, counts._NUMBER_FOLDED),
                       (places._CLAUSE_BREAK, places._CLAUSE_BREAK_FOLDED),
                       (reading._FLIGHT_CAUSE, reading._FLIGHT_CAUSE_FOLDED)):
        text = "Fled THE Shelling, but NINETY-Two Ten Thousand — 1,200.5 While café"
        assert [m.span() for m in rx.finditer(text)] == [
            m.span() for m in folded.finditer(text.lower())]


def test_date_rule_needs_cover_every_rule():
    from geomap import dates

    assert len(dates._RULE_NEEDS) == len(dates.RULES)
    assert all(isinstance(n, re.Pattern) for needs in dates._RULE_NEEDS for n in needs)


def test_report_spools_inputs_and_writes_what_json_dump_would(tmp_path):
    from dataclasses import asdict

    from geomap.run import InputStatus, RunReport

    report = RunReport(attribution="GeoNames (CC-BY 4.0)", notes=["capped"])
    statuses = [InputStatus("a.txt", "mapped", "d1", None, None, 3, 2, 1),
                InputStatus("b.jsonl", "failed", None, 4, "line 4: not JSON"),
                InputStatus("b.jsonl", "no_places", "d3", 5)]
    for s in statuses:
        report.add(s)
    report.outputs, report.timings = ["report.json"], {"load": 0.1}
    assert report.inputs == statuses and report.failed == statuses[1:2]
    assert report.totals() == {"read": 3, "mapped": 1, "no_places": 1, "failed": 1,
                               "events": 1, "mentions": 3}
    path = report.write(tmp_path / "report.json")
    whole = {"totals": report.totals(),
             "inputs": [{k: v for k, v in asdict(s).items() if v is not None}
                        for s in statuses],
             "outputs": ["report.json"], "timings_s": {"load": 0.1},
             "attribution": "GeoNames (CC-BY 4.0)", "notes": ["capped"]}
    assert path.read_text(encoding="utf-8") == json.dumps(whole, indent=2) + "\n"
    report.add(statuses[0])  # still usable after writing
    assert len(report.inputs) == 4
    empty = RunReport().write(tmp_path / "empty.json")
    assert json.loads(empty.read_text())["inputs"] == []


def test_repeated_doc_ids_stream_as_whole_frames(tmp_path, geoparser):
    """Places' doc_ids list a repeated id once, in first-seen order, as in memory."""
    from geomap.run import map_files

    texts = ["Shelling hit Kherson on Monday.", "Talks were held in Kyiv on Monday.",
             "Kherson and Odesa were shelled on Tuesday.", "Kyiv and Kherson again."]
    rows = [{"id": i, "date": "2024-03-04", "text": t}
            for i, t in zip(["a", "b", "a", "c"], texts, strict=True)]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "docs.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    _whole_frames([tmp_path / "in"], tmp_path / "whole", geoparser, ["geojson"])
    map_files([tmp_path / "in"], tmp_path / "stream", formats=["geojson", "html"],
              geoparser=geoparser)
    _same_files(tmp_path / "whole", tmp_path / "stream")
    places = json.loads((tmp_path / "stream" / "places.geojson").read_text())["features"]
    doc_ids = {f["properties"]["place_name"]: f["properties"]["doc_ids"] for f in places}
    assert doc_ids["Kherson"] == "a,c" and doc_ids["Kyiv"] == "b,c", doc_ids


def test_doc_ids_with_commas_give_the_same_map(tmp_path, geoparser):
    """The map keeps ten ids a place and a count, split as its popup reads a cell: an
    id holding a comma gives the popups of the whole frame too."""
    from geomap.run import map_files

    text = "Russian forces shelled Kherson on Monday, officials in Kyiv said."
    ids = ["Reuters, 24 Feb", *[f"d{i}" for i in range(12)]]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "docs.jsonl").write_text("".join(
        json.dumps({"id": i, "date": "2024-03-04", "text": text}) + "\n" for i in ids),
        encoding="utf-8")
    _whole_frames([tmp_path / "in"], tmp_path / "whole", geoparser, ["geojson"])
    map_files([tmp_path / "in"], tmp_path / "stream", formats=["geojson", "html"],
              geoparser=geoparser)
    _same_files(tmp_path / "whole", tmp_path / "stream")
    assert "(+4)" in (tmp_path / "stream" / "map.html").read_text(encoding="utf-8")


def test_doc_ids_on_disk_keep_any_string():
    """Ids from undecodable file names (lone surrogates) round-trip; repeats are found."""
    from geomap.stream import _DocIds

    ids = _DocIds()
    get, alone = ids.lookup()
    with pytest.raises(IndexError):
        get(0)
    assert alone
    irpin = "\u0418\u0440\u043f\u0456\u043d\u044c"
    names = ["a", "caf\udce9.txt", "", "5", "a", "caf\udce9.txt", irpin]
    assert [ids.ordinal(n) for n in names] == [(0, False), (1, False), (2, False), (3, False),
                                               (0, True), (1, True), (4, False)]
    get, alone = ids.lookup()
    assert [get(i) for i in range(5)] == ["a", "caf\udce9.txt", "", "5", irpin]
    with pytest.raises(IndexError):
        get(5)
    assert not alone  # "" is no entry of a doc_ids cell
    ids.close()
    for names, expected in ((["a", irpin, "caf\udce9.txt"], True), (["a", "b, c"], False),
                            (["a ", "b"], False)):
        ids = _DocIds()
        for n in names:
            ids.ordinal(n)
        assert ids.lookup()[1] is expected, names
        ids.close()


@pytest.mark.parametrize("mix, events_per_kb, mentions_per_kb", [
    ("dense", (3.0, 5.0), (10.0, 15.0)),
    ("typical", (0.7, 1.7), (3.5, 6.5)),
])
def test_benchmark_corpus_mixes_hold_their_stated_density(gazetteer, geoparser, mix,
                                                          events_per_kb, mentions_per_kb):
    """corpus.EVENT_SHARE says how event-dense each mix is against real news; the
    benchmark figures rest on that, so it is measured here."""
    from corpus import articles

    from geomap.ingest import make_document

    chars = events = mentions = 0
    for r in articles(20, gazetteer.path, mix=mix):
        parsed = geoparser.parse(make_document(r["text"], r["id"],
                                               published=date.fromisoformat(r["date"])))
        chars += len(r["text"])
        events += len(parsed.events)
        mentions += len(parsed.mentions)
    assert events_per_kb[0] < events / chars * 1000 < events_per_kb[1]
    assert mentions_per_kb[0] < mentions / chars * 1000 < mentions_per_kb[1]
