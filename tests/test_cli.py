"""The ``geomap`` command: help, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import SEED


def geomap(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap.cli", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_help_lists_commands_and_examples():
    res = geomap("--help")
    assert res.returncode == 0
    for word in ("map", "geoparse", "gazetteer", "examples:"):
        assert word in res.stdout
    assert "--png" in geomap("map", "--help").stdout


@pytest.mark.parametrize("args", [["map", str(SEED), "--date", "2022-13-01"],
                                  ["map", str(SEED), "--format", "geojson,shp"],
                                  ["bogus"]])
def test_usage_errors_exit_2_without_traceback(args, tmp_path):
    res = geomap(*args, "-o", str(tmp_path)) if args[0] == "map" else geomap(*args)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert res.stderr.strip()


def test_some_failed_exits_1_and_reports_them(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary\x00")
    out = tmp_path / "out"
    res = geomap("map", str(SEED), str(bad), str(tmp_path / "missing.txt"), "-o", str(out), "-q")
    assert res.returncode == 1, res.stderr
    assert f"{bad}: binary file, not text" in res.stderr
    assert "Traceback" not in res.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["totals"] == {**report["totals"], "read": 3, "mapped": 1, "failed": 2}
    statuses = {os.path.basename(i["source"]): i["status"] for i in report["inputs"]}
    assert statuses == {SEED.name: "mapped", "bad.txt": "failed", "missing.txt": "failed"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_is_one_line_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    res = geomap("map", str(SEED), "-o", str(locked / "out"), "-q")
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1


def test_output_is_a_file_is_one_line_error(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    res = geomap("map", str(SEED), "-o", str(target), "-q")
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert str(target) in res.stderr


def test_geoparse_writes_the_evaluation_format(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Shelling hit Mariupol, Ukraine."}) + "\n")
    res = geomap("geoparse", str(src), "-o", str(tmp_path / "pred.jsonl"), "-q")
    assert res.returncode == 0, res.stderr
    pred = json.loads((tmp_path / "pred.jsonl").read_text())
    assert pred["id"] == "a"
    mariupol, ukraine = pred["toponyms"]
    assert (mariupol["name"], mariupol["geonameid"], mariupol["kind"]) == ("Mariupol", 701822,
                                                                           "city")
    assert ukraine["kind"] == "country" and ukraine["metonymic"] is False


def test_geoparse_lines_are_the_json_of_the_records():
    """geoparse writes its lines by hand: they must be what json.dumps makes of them."""
    from gazetteer.model import Place
    from geomap.geoparse import document_json, toponym_record
    from geomap.model import Mention, Span

    kyiv = Place("geonames:703448", "Kyiv", "city", "UA", "12", 2_797_553, 50.45466, 30.5238,
                 capital=True)
    donbas = Place("curated:donbas", "Donbas", "region", "UA", None, 0, 48.0, 37.8)
    mentions = [Mention(Span(0, 4, "Kyïv"), kyiv, 0.953, metonymic=True, candidates=3),
                Mention(Span(9, 17, 'Don"bas\\'), donbas, 1.0),
                Mention(Span(20, 30, "Elm Street"), None, 0.0),
                Mention(Span(31, 35, "Kyiv"), kyiv, float("nan"))]  # not ours, but valid
    for doc_id, ms in (('d"1é', mentions), ("empty", [])):
        expected = json.dumps({"id": doc_id, "toponyms": [toponym_record(m) for m in ms]},
                              ensure_ascii=False)
        assert document_json(doc_id, ms) == expected


def test_gazetteer_info_and_search():
    info = geomap("gazetteer", "info")
    assert info.returncode == 0 and "CC-BY 4.0" in info.stdout
    search = geomap("gazetteer", "search", "Kherson")
    assert search.returncode == 0
    first = search.stdout.splitlines()[1]
    assert "geonames:706448" in first and "UA" in first
