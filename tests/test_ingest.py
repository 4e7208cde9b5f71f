"""Reading articles: date lines, datelines, failures that name the file."""

from __future__ import annotations

from datetime import date

from geomap.ingest import IngestFailure, find_dateline, make_document, read_documents


def test_seed_date_and_dateline(seed_text):
    doc = make_document(seed_text, "seed")
    assert doc.published == date(2022, 3, 3)
    assert doc.text.startswith("MUKACHEVO, Ukraine - Russian troops")
    assert doc.dateline.place == "MUKACHEVO"
    assert doc.dateline.region == "Ukraine"


def test_explicit_date_wins():
    doc = make_document("date 2022-03-03\nKyiv was shelled.", "d", published=date(2020, 1, 1))
    assert doc.published == date(2020, 1, 1)
    assert doc.text == "Kyiv was shelled."


def test_wire_dateline_with_agency():
    line = find_dateline("WASHINGTON (Reuters) - The Pentagon said")
    assert line.place == "WASHINGTON" and line.region is None
    assert find_dateline("Russian troops have seized") is None
    # with the day it was filed
    text = "JOS, Nigeria, April 17 (Reuters) - Gunmen killed"
    line = find_dateline(text)
    assert (line.place, line.region, text[line.end:]) == ("JOS", "Nigeria", "Gunmen killed")
    line = find_dateline("NIAMEY, Sept. 25 (AFP) - Niger said")
    assert (line.place, line.region) == ("NIAMEY", None)


def test_folder_and_failures(tmp_path):
    (tmp_path / "a.txt").write_text("date 2022-03-03\nFighting in Kherson.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    (tmp_path / "baddate.txt").write_text("date 2022-13-45\nKyiv.", encoding="utf-8")
    (tmp_path / "docs.jsonl").write_text(
        '{"id": "j1", "text": "Mariupol"}\nnot json\n{"id": "j2"}\n', encoding="utf-8")
    items = list(read_documents([tmp_path, tmp_path / "missing.txt"]))
    docs = [i for i in items if not isinstance(i, IngestFailure)]
    failures = {(f.source.rsplit("/", 1)[-1], f.line): f.reason
                for f in items if isinstance(f, IngestFailure)}
    assert sorted(d.id for d in docs) == ["a", "j1"]
    assert failures[("empty.txt", None)] == "empty file"
    assert failures[("binary.txt", None)] == "binary file, not text"
    assert "not a calendar date" in failures[("baddate.txt", None)]
    assert failures[("docs.jsonl", 2)] == "invalid JSON"
    assert failures[("docs.jsonl", 3)] == "no text field"
    assert failures[("missing.txt", None)] == "no such file or folder"
