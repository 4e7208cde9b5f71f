"""--merge: the same event told by several articles becomes one event."""

from __future__ import annotations

import json

from geomap.run import map_files

A = "date 2022-03-03\nRussian forces shelled Mariupol on Thursday, killing 3 people.\n"
B = ("date 2022-03-04\nThe port city of Mariupol was shelled on Thursday, officials said, "
     "and at least 5 people were killed.\n")


def _events(out):
    return [f["properties"] for f in json.loads((out / "events.geojson").read_text())[
        "features"]]


def test_merge_across_articles(tmp_path, geoparser):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    inputs = [tmp_path / "a.txt", tmp_path / "b.txt"]
    apart = _events(map_files(inputs, tmp_path / "apart", geoparser=geoparser,
                              formats=["geojson"]) and tmp_path / "apart")
    shelling = [e for e in apart if e["event_type"] == "explosions_remote_violence"]
    assert [e["doc_id"] for e in shelling] == ["a", "b"]
    assert all(e["event_date"] == "2022-03-03" for e in shelling)

    map_files(inputs, tmp_path / "merged", geoparser=geoparser, formats=["geojson", "gpkg"],
              merge=True)
    merged = [e for e in _events(tmp_path / "merged")
              if e["event_type"] == "explosions_remote_violence"]
    assert len(merged) == 1
    event = merged[0]
    assert event["sources"] == 2 and event["doc_id"] == "a"
    assert event["evidence"].startswith("Russian forces shelled Mariupol")
    assert event["fatalities"] == 5  # the larger toll of the two reports
