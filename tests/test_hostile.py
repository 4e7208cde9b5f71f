"""A corpus of broken and hostile inputs mixed with good articles (tests/hostile/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest

from tests.hostile.generate import GOOD, MAX_DOC_BYTES, build


def run_map(inputs: list[Path], out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geomap.cli", "map", *map(str, inputs), "-o", str(out), "-q",
         "--max-doc-bytes", str(MAX_DOC_BYTES)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    expected = build(folder / "in")
    out = folder / "out"
    return folder, expected, run_map([folder / "in"], out), out


def test_at_least_25_kinds(corpus):
    _, expected, _, _ = corpus
    assert len(expected) >= 25
    assert sum(e.status == "failed" for e in expected.values()) >= 15


def test_no_crash_no_traceback_one_line_errors(corpus):
    _, expected, res, _ = corpus
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    errors = [line for line in res.stderr.splitlines() if line.startswith("geomap: ")]
    assert len(errors) == sum(e.status == "failed" for e in expected.values())


def test_every_input_accounted_for(corpus):
    _, expected, _, out = corpus
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    totals = report["totals"]
    assert totals["read"] == totals["mapped"] + totals["no_places"] + totals["failed"]
    assert totals["read"] == len(expected)
    seen = {(Path(i["source"]).name, i.get("line")): i for i in report["inputs"]}
    assert set(seen) == set(expected)
    for key, want in expected.items():
        got = seen[key]
        assert got["status"] == want.status, (key, got)
        if want.reason:
            assert want.reason.lower() in got["reason"].lower(), (key, got["reason"])


def test_outputs_valid_and_good_documents_mapped_as_alone(corpus, tmp_path):
    folder, _, _, out = corpus
    for layer in ("events", "places", "mentions"):
        frame = pyogrio.read_dataframe(out / f"{layer}.geojson")
        assert frame.crs.to_epsg() == 4326
    page = (out / "map.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    alone = tmp_path / "alone"
    res = run_map([folder / "in" / name for name in GOOD], alone)
    assert res.returncode == 0, res.stderr
    mixed = pyogrio.read_dataframe(out / "events.geojson")
    single = pyogrio.read_dataframe(alone / "events.geojson")
    keep = ["event_id", "event_type", "event_date", "place_id", "evidence"]
    mixed = mixed[mixed.doc_id.isin(single.doc_id)][keep].sort_values("event_id")
    assert len(single) >= 3
    assert mixed.values.tolist() == single[keep].sort_values("event_id").values.tolist()
