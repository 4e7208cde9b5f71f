"""User places: read from CSV/GeoJSON, recognised and resolved like any other place."""

from __future__ import annotations

import json

import pytest

from gazetteer.store import Gazetteer
from gazetteer.userplaces import UserPlacesError, read_user_places
from geomap.ingest import make_document
from geomap.pipeline import Geoparser


@pytest.fixture()
def gaz(gazetteer):
    return Gazetteer(gazetteer.path)  # a private instance: the overlay must not leak


def test_csv_places_are_recognised_and_resolved(gaz, tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("name,aliases,lat,lon,kind,country\n"
                    "Azovstal Iron and Steel Works,Azovstal,47.0963,37.5957,other,UA\n",
                    encoding="utf-8")
    assert gaz.add_places(read_user_places(path)) == 1
    doc = make_document("Fighters held out in the Azovstal works in Mariupol.", "d")
    found = {m.span.text: m.place for m in Geoparser(gaz).mentions(doc)}
    assert found["Azovstal"].id == "user:azovstal_iron_and_steel_works"
    assert (found["Azovstal"].lat, found["Azovstal"].lon) == (47.0963, 37.5957)
    assert found["Mariupol"].id == "geonames:701822"
    assert gaz.get("user:azovstal_iron_and_steel_works").kind == "other"


def test_geojson_place_overrides_an_existing_id(gaz, tmp_path):
    path = tmp_path / "places.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [32.6, 46.7]},
        "properties": {"id": "geonames:706448", "name": "Kherson", "kind": "city",
                       "country": "UA"}}]}), encoding="utf-8")
    gaz.add_places(read_user_places(path))
    assert (gaz.get("geonames:706448").lat, gaz.get("geonames:706448").lon) == (46.7, 32.6)
    assert any(p.lat == 46.7 for p in gaz.candidates("Kherson"))


@pytest.mark.parametrize("body, message", [
    ("name,lat\nX,1\n", "needs columns name, lat, lon"),
    ("name,lat,lon\nX,north,1\n", ":2: lat and lon must be numbers"),
    ("name,lat,lon,kind\nX,1,2,castle\n", "kind 'castle'"),
    ("name,lat,lon\nX,95,2\n", "out of range"),
])
def test_bad_files_name_the_line_and_problem(tmp_path, body, message):
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(UserPlacesError, match=message):
        read_user_places(path)


def test_user_place_outranks_a_namesake(tmp_path):
    # A user's "Victoria" checkpoint beats the many towns and regions of that name.
    path = tmp_path / "places.csv"
    path.write_text("name,lat,lon,kind,country\nVictoria,48.2,37.3,other,UA\n",
                    encoding="utf-8")
    doc = make_document("Troops held the Victoria checkpoint outside Pokrovsk.", "d")
    found = {m.span.text: m.place for m in Geoparser(places=path).mentions(doc)}
    assert found["Victoria"].id == "user:victoria"
    plain = {m.span.text: m.place for m in Geoparser().mentions(doc)}
    assert plain.get("Victoria") is None or plain["Victoria"].id != "user:victoria"


def test_cli_map_and_geoparse_take_user_places(tmp_path):
    import subprocess
    import sys

    places = tmp_path / "places.csv"
    places.write_text("name,aliases,lat,lon,kind,country\n"
                      "Azovstal Iron and Steel Works,Azovstal,47.0963,37.5957,other,UA\n",
                      encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("date 2022-05-10\nShelling hit the Azovstal works on Monday.\n",
                       encoding="utf-8")
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        res = subprocess.run([sys.executable, "-m", "geomap.cli", "map", str(article), "-o",
                              str(out), "--places", str(places), "--workers", workers, "-q"],
                             capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        found = json.loads((out / "places.geojson").read_text())["features"]
        assert [f["properties"]["place_id"] for f in found] == [
            "user:azovstal_iron_and_steel_works"]
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat\nX,1\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "geomap.cli", "map", str(article), "-o",
                          str(tmp_path / "o"), "--places", str(bad), "-q"],
                         capture_output=True, text=True)
    assert res.returncode == 2 and "needs columns name, lat, lon" in res.stderr
    assert "Traceback" not in res.stderr


def test_geocoder_sees_user_places(gaz, tmp_path):
    from gazetteer import GazetteerGeocoder

    path = tmp_path / "places.csv"
    path.write_text("name,aliases,lat,lon,kind,country\n"
                    "Checkpoint Charlie-7,CP7,48.5,35.1,other,UA\n", encoding="utf-8")
    gaz.add_places(read_user_places(path))
    hit = GazetteerGeocoder(gaz).geocode("Checkpoint Charlie-7")
    assert hit is not None and (hit.latitude, hit.longitude) == (48.5, 35.1)
    assert hit.raw["id"] == "user:checkpoint_charlie_7"
