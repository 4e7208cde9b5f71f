"""Recognition filters and resolution on real text with the real gazetteer."""

from __future__ import annotations

from geomap.ingest import make_document
from geomap.recognize import Recognizer


def names(gazetteer, text):
    return [s.text for s in Recognizer(gazetteer).recognize(text)]


def test_people_and_companies_are_not_places(gazetteer):
    found = names(gazetteer, "Russian President Vladimir Putin met Paris Hilton. "
                             "The joint venture of Lockheed Martin and Northrop Grumman.")
    assert found == []


def test_possessive_and_direction(gazetteer):
    found = names(gazetteer, "Moscow tightened its grip on Ukraine's coast and talks "
                             "were held in southwestern Belarus.")
    assert found == ["Moscow", "Ukraine", "Belarus"]


def test_longest_match_and_offsets(gazetteer):
    text = "Floods hit New South Wales and Rio de Janeiro."
    spans = Recognizer(gazetteer).recognize(text)
    assert [s.text for s in spans] == ["New South Wales", "Rio de Janeiro"]
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_all_caps_dateline_and_acronyms(gazetteer):
    found = names(gazetteer, "MUKACHEVO, Ukraine - NATO and the RD-180 engines.")
    assert found == ["MUKACHEVO", "Ukraine"]


def test_common_words_at_sentence_start(gazetteer):
    assert names(gazetteer, "March was cold. Split decisions followed.") == []


def test_resolution_uses_document_context(geoparser):
    doc = make_document("KYIV, Ukraine - Shelling hit Kherson and Mariupol.", "d")
    places = {m.span.text: m.place for m in geoparser.mentions(doc)}
    assert places["KYIV"].id == "geonames:703448"
    assert places["Kherson"].id == "geonames:706448"
    assert places["Mariupol"].id == "geonames:701822"


def test_metonymic_capitals(geoparser):
    doc = make_document("Moscow tightened its grip. The city was under Moscow's control. "
                        "He took instructions from Washington. Kyiv was shelled.", "d")
    flags = [(m.span.text, m.metonymic) for m in geoparser.mentions(doc)]
    assert flags == [("Moscow", True), ("Moscow", True), ("Washington", True), ("Kyiv", False)]
