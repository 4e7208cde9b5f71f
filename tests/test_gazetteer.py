"""The embedded gazetteer: build facts, lookups, ranking."""

from __future__ import annotations

from gazetteer.rank import Context, haversine_km, rank
from gazetteer.text import fold
from geomap.ingest import make_document


def test_counts_and_attribution(gazetteer):
    meta = gazetteer.meta()
    assert "CC-BY 4.0" in meta["attribution"]
    counts = gazetteer.counts()
    assert counts["city"] > 200_000
    assert counts["country"] > 200
    assert counts["admin1"] > 3000
    assert counts["continent"] == 7


def test_fold_is_case_accent_and_hyphen_insensitive():
    assert fold("Kyïv") == fold("KYIV") == "kyiv"
    assert fold("Ust-Donetsk") == fold("ust  donetsk")
    assert fold("Ukraine’s") == "ukraine's"


def test_lookup_by_alternate_name(gazetteer):
    ids = {p.id for p in gazetteer.candidates("Kiev")}
    assert "geonames:703448" in ids
    assert gazetteer.get("geonames:703448").name == "Kyiv"


def test_abbreviated_saints_mounts_and_forts_answer(gazetteer):
    """"St. Tropez", "St Etienne", "Ste. Genevieve", "Mt. Pleasant" spell Saint-Tropez,
    Saint-Étienne, Sainte Genevieve, Mount Pleasant, and "Saint Helens" St Helens."""
    for name, own, country in (("St. Tropez", "Saint-Tropez", "FR"),
                               ("St Etienne", "Saint-Étienne", "FR"),
                               ("Ste. Genevieve", "Sainte Genevieve", "US"),
                               ("Mt. Pleasant", "Mount Pleasant", "US"),
                               ("Saint Helens", "St Helens", "GB")):
        assert any(p.name == own and p.country_code == country
                   for p in gazetteer.candidates(name)), name
    assert gazetteer.candidates("St. Gregory") == []  # no town of that name anywhere


def test_arabic_town_names_answer_without_their_article(gazetteer):
    """English news writes "Hodeidah" and "Raqqa" for El-Hodeidah and Ar Raqqah; only
    towns of countries whose names carry the article get such keys (El Paso has no
    "Paso")."""
    for name, country in (("Hodeidah", "YE"), ("Raqqah", "SY"), ("Fallujah", "IQ")):
        best = max(gazetteer.candidates(name), key=lambda p: p.population)
        assert best.country_code == country and best.kind == "city", name
    assert all(p.country_code != "US" for p in gazetteer.candidates("Paso"))


def test_republics_answer_to_the_name_english_news_uses(gazetteer):
    """GeoNames has "Dagestan, Respublika" and "Kareliya Republic"; news writes
    "Dagestan" and "Karelia"."""
    for name in ("Dagestan", "Karelia", "Ingushetia", "Tatarstan"):
        assert any(p.kind == "admin1" and p.country_code == "RU"
                   for p in gazetteer.candidates(name)), name
    assert any(p.kind == "admin1" and p.country_code == "UA"
               for p in gazetteer.candidates("Transcarpathia"))  # an alias of ours


def test_former_country_names_rank_the_country_first(gazetteer):
    """"Zaire" is also an Angolan province; history calls the Congo so."""
    for name, country in (("Zaire", "CD"), ("Ceylon", "LK"), ("Persia", "IR"),
                          ("Soviet Union", "RU"), ("Upper Volta", "BF")):
        best = rank(gazetteer.lookup(fold(name)), Context())[0][0]
        assert (best.kind, best.country_code) == ("country", country), name


def test_islands_news_names_are_places(gazetteer):
    """GeoNames' towns and divisions leave out islands such as Oahu or Snake Island;
    the curated list has the ones news names."""
    for name, country in (("Oahu", "US"), ("Snake Island", "UA"), ("Majorca", "ES"),
                          ("Honshu", "JP"), ("Sulawesi", "ID"), ("Azovstal", "UA"),
                          ("Yeonpyeong Island", "KR"), ("Mindoro", "PH"), ("Evia", "GR"),
                          ("Baffin Island", "CA")):
        assert any(p.kind == "other" and p.country_code == country
                   for p in gazetteer.candidates(name)), name


def test_historic_counties_and_provinces_are_places(gazetteer, geoparser):
    """Regions that are no administrative unit in GeoNames (historic and metropolitan
    counties, provinces) are curated: without them "Sussex" is a Wisconsin village."""
    for name, country in (("Sussex", "GB"), ("Yorkshire", "GB"), ("Merseyside", "GB"),
                          ("Connacht", "IE"), ("Dalmatia", "HR"), ("Alsace", "FR")):
        assert any(p.kind == "region" and p.country_code == country
                   for p in gazetteer.candidates(name)), name
    doc = make_document("Students at the University of Sussex protested.", "d")
    (m,) = geoparser.mentions(doc)
    assert (m.place.name, m.place.country_code) == ("Sussex", "GB")


def test_ranking_prefers_the_city_over_namesakes(gazetteer):
    ranked = rank(gazetteer.lookup(fold("Kherson")), Context())
    best = ranked[0][0]
    assert best.id == "geonames:706448"
    assert haversine_km(best.lat, best.lon, 46.6354, 32.6169) < 5


def test_country_context_changes_the_choice(gazetteer):
    # Without context the Russian city of Vladimir wins; a document about Ukraine
    # makes Ukrainian candidates score higher.
    cands = gazetteer.lookup(fold("Vladimir"))
    plain = rank(cands, Context())[0][0]
    ukr = rank(cands, Context(countries={"UA": 5}))
    assert plain.country_code == "RU"
    scores = {p.id: s for p, s in ukr}
    ua = [p for p, _ in ukr if p.country_code == "UA"]
    assert ua and scores[ua[0].id] > dict(rank(cands, Context()))[ua[0]]


def test_country_points_lie_inside_the_country(gazetteer):
    import geopandas as gpd
    from shapely import Point

    from gazetteer.sources import natural_earth_countries_path

    ne = gpd.read_file(natural_earth_countries_path(), columns=["ISO_A2_EH"])
    for name, iso in [("Ukraine", "UA"), ("Belarus", "BY"), ("Russia", "RU"),
                      ("United States", "US"), ("France", "FR")]:
        place = next(p for p in gazetteer.candidates(name) if p.kind == "country")
        shape = ne[ne.ISO_A2_EH == iso].union_all()
        assert shape.contains(Point(place.lon, place.lat)), name


def test_division_points_are_the_middle_of_their_towns():
    from gazetteer.build import _middle

    assert _middle([(10.0, 0.0), (20.0, 10.0), (11.0, 1.0)]) == (15.0, 5.0)
    lat, lon = _middle([(60.0, 179.0), (62.0, -179.0)])  # across the antimeridian
    assert lat == 61.0 and abs(abs(lon) - 180.0) < 1e-6
    # a misfiled town far beyond the others does not move the box (Hebei's list holds
    # towns of Xinjiang); a remote town reached by a chain of towns does
    towns = [(38.0 + k / 10, 115.0 + k / 10) for k in range(20)]
    assert _middle([*towns, (42.0, 87.0)]) == _middle(towns) == (38.95, 115.95)
    chain = [*towns, *((40.0 + k, 116.0) for k in range(1, 20, 4))]
    assert _middle(chain)[0] > _middle(towns)[0] + 5


def test_second_level_divisions_and_conventional_country_points(gazetteer):
    counties = [p for p in gazetteer.candidates("Anderson County") if p.kind == "admin2"]
    assert {p.admin1 for p in counties} >= {"TX", "SC", "TN"}
    assert all(p.name != "Anderson County" for p in gazetteer.candidates("Anderson")
               if p.kind == "admin2")
    us = gazetteer.country("US")
    assert haversine_km(us.lat, us.lon, 39.83, -98.58) < 50


def test_damaged_or_unsealed_cache_is_noticed(gazetteer, tmp_path):
    import shutil

    from gazetteer.store import problem, seal

    copy = tmp_path / "g.sqlite"
    shutil.copyfile(gazetteer.path, copy)
    assert problem(copy) is None  # unsealed but whole: checked by SQLite, then sealed
    assert (tmp_path / "g.sqlite.sha1").exists()
    assert problem(copy) is None
    with open(copy, "r+b") as f:  # flip bytes in the middle of the file
        f.seek(copy.stat().st_size // 2)
        f.write(b"\xff" * 64)
    assert "checksum" in problem(copy)
    seal(copy)
    assert problem(copy) is None
    (tmp_path / "g.sqlite.sha1").write_text('{"version": "0", "size": 1, "sha1": "x"}')
    assert "version 0" in problem(copy)


def test_damaged_cache_is_rebuilt_with_a_message(gazetteer, tmp_path, capsys):
    import shutil

    from gazetteer.store import Gazetteer

    copy = tmp_path / "g.sqlite"
    shutil.copyfile(gazetteer.path, copy)
    copy.write_bytes(copy.read_bytes()[:4096])  # truncated: a crash mid-copy
    rebuilt = Gazetteer(copy, progress=False)
    assert "rebuilding" in capsys.readouterr().err
    assert rebuilt.counts() == gazetteer.counts()
