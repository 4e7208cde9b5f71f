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


def test_surnames_of_people_named_earlier_are_not_places(gazetteer):
    text = ("Sheriff Tom Baker arrested two men in Tyler on Friday. "
            "Baker said the men had fled. Welch told reporters nothing.")
    assert names(gazetteer, text) == ["Tyler"]


def test_holidays_and_headline_words(gazetteer):
    assert names(gazetteer, "Passover begins at sundown.") == []
    assert names(gazetteer, "Introducing Mongolia\n\nIn London, prices rose.") == [
        "Mongolia", "London"]


def test_city_state_pairs_with_abbreviations(geoparser):
    doc = make_document("Officials from Athens, Ga., and Paris, Texas, met on Monday. "
                        "Later Athens approved the plan.", "d")
    got = [(m.span.text, m.place.country_code, m.place.admin1) for m in geoparser.mentions(doc)]
    assert got == [("Athens", "US", "GA"), ("Ga.", "US", "GA"), ("Paris", "US", "TX"),
                   ("Texas", "US", "TX"), ("Athens", "US", "GA")]


def test_a_name_does_not_vote_for_itself(geoparser):
    doc = make_document("Alexandria police found the car on Monday. Alexandria is a city "
                        "of 150,000 people in northern Virginia, near Arlington.", "d")
    places = [m.place for m in geoparser.mentions(doc) if m.span.text == "Alexandria"]
    assert places and all(p.country_code == "US" and p.admin1 == "VA" for p in places)


def test_counties_are_places(geoparser):
    doc = make_document("Storms hit Henry County and Clayton County south of Atlanta, "
                        "Georgia.", "d")
    got = {m.span.text: m.place for m in geoparser.mentions(doc)}
    assert got["Henry County"].kind == "admin2" and got["Henry County"].admin1 == "GA"


def test_demonyms_are_evidence_not_towns(gazetteer, geoparser):
    text = "English teachers and Spanish students met Israeli officials in Nazareth."
    assert names(gazetteer, text) == ["Nazareth"]
    doc = make_document(text, "d")
    nazareth = geoparser.mentions(doc)[0].place
    assert nazareth.country_code == "IL"  # not Nazareth, Pennsylvania
    tagged = Recognizer(gazetteer, demonyms=True).recognize(text)
    assert [s.text for s in tagged] == ["English", "Spanish", "Israeli", "Nazareth"]


def test_streets_are_placed_in_the_town_of_the_story(geoparser):
    doc = make_document("Fire crews were called to Royal Street in New Orleans on Monday. "
                        "New Orleans officials closed the street.", "d")
    got = {m.span.text: m for m in geoparser.mentions(doc)}
    assert got["Royal Street"].place.name == "New Orleans"
    assert got["Royal Street"].confidence < 0.5
