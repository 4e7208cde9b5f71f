"""Property tests: arbitrary text, dates and numbers never crash the stages."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.events import find_counts
from geomap.ingest import IngestError, decode, make_document
from geomap.recognize import Recognizer

# Text that looks a little like news: words, capitals, punctuation, odd characters.
WORDS = st.sampled_from(["Kyiv", "Ukraine's", "U.S.", "New", "York", "of", "the", "St.",
                         "Mr.", "Vladimir", "Putin", "MOSCOW", "-", ",", ".", "\n", "'s",
                         "killed", "1,500", "300,000", "dozen", "Thursday", "São", "Paulo",
                         "\u2028", "\u200b", "<script>", "Ⅻ", "ǅ", "İstanbul"])
NEWSY = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=40).map(" ".join)
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(NEWSY)
def test_recognition_spans_are_sound(gazetteer, text):
    spans = Recognizer(gazetteer).recognize(text)
    ends = [0]
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.start >= ends[-1]  # in order, never overlapping
        ends.append(s.end)


@SETTINGS
@given(NEWSY, st.one_of(st.none(), st.dates(min_value=date(1, 1, 1))))
def test_parsing_never_crashes(geoparser, text, published):
    try:
        doc = make_document(text, "p", published=published)
    except IngestError:
        return  # a broken "date" header line: reported, not parsed
    parsed = geoparser.parse(doc)
    for event in parsed.events:
        assert 0.0 <= event.confidence <= 1.0
        assert event.fatalities is None or event.fatalities >= 0


@SETTINGS
@given(st.lists(st.one_of(st.integers(min_value=-10**12, max_value=10**15).map(
    lambda n: f"{n:,}"), WORDS, st.sampled_from(["died", "killed", "wounded", "injured",
                                                 "more than", "nearly", "million", "people"])),
    max_size=30).map(" ".join))
def test_counts_are_non_negative_integers_or_none(text):
    for value in find_counts(text):
        assert value is None or (isinstance(value, int) and value >= 0)


@SETTINGS
@given(st.binary(max_size=2000))
def test_decoding_arbitrary_bytes_gives_text_or_a_clear_error(raw):
    try:
        text, encoding = decode(raw, "f.txt")
    except IngestError as exc:
        assert str(exc).startswith("f.txt: ")
    else:
        assert isinstance(text, str) and encoding
