"""GazetteerGeocoder: geopy's interface, geopandas' geocode/reverse_geocode, offline.

Expected coordinates are public GeoNames facts (city centres, rounded); tolerances are
25 km for towns, wider for regions, countries, seas and continents whose "point" is a
convention.  No test touches the network: the online fallback talks to a stand-in
Nominatim on 127.0.0.1.
"""

from __future__ import annotations

import json
import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import geopandas
import pandas as pd
import pytest
from geopy.exc import ConfigurationError, GeocoderQueryError, GeocoderServiceError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from shapely.geometry import Point

from gazetteer.exc import (
    GazetteerConfigurationError,
    GazetteerError,
    GazetteerQueryError,
)
from gazetteer.geocoder import GazetteerGeocoder, parse_query, variants

TOWN, REGION, COUNTRY, SEA, CONTINENT = 25, 250, 600, 500, 1500

# query, expected (lat, lon), tolerance km, expected country code, expected kind
FORWARD = [
    # the issue's own forms
    ("Kherson", (46.64, 32.61), TOWN, "UA", "city"),
    ("Kherson, Ukraine", (46.64, 32.61), TOWN, "UA", "city"),
    ("kyiv", (50.45, 30.52), TOWN, "UA", "city"),
    ("Kiev", (50.45, 30.52), TOWN, "UA", "city"),
    ("Київ", (50.45, 30.52), TOWN, "UA", "city"),
    ("Mariupol, Donetsk Oblast", (47.10, 37.55), TOWN, "UA", "city"),
    ("Odessa", (46.48, 30.73), TOWN, "UA", "city"),
    ("Odesa", (46.48, 30.73), TOWN, "UA", "city"),
    ("St. Petersburg", (59.94, 30.31), TOWN, "RU", "city"),
    ("UK", (54.0, -2.5), COUNTRY, "GB", "country"),
    ("Black Sea", (43.0, 34.0), SEA, None, "water"),
    ("Mariupl", (47.10, 37.55), TOWN, "UA", "city"),
    # case, accents, transliterations, historic and native names
    ("KYIV", (50.45, 30.52), TOWN, "UA", "city"),
    ("Kharkov", (49.99, 36.23), TOWN, "UA", "city"),
    ("Харків", (49.99, 36.23), TOWN, "UA", "city"),
    ("Lemberg", (49.84, 24.03), TOWN, "UA", "city"),
    ("Zaporozhye", (47.84, 35.14), TOWN, "UA", "city"),
    ("Nikolaev", (46.97, 32.00), TOWN, "UA", "city"),
    ("Artemivsk", (48.60, 38.00), TOWN, "UA", "city"),
    ("Москва", (55.75, 37.62), TOWN, "RU", "city"),
    ("Warszawa", (52.23, 21.01), TOWN, "PL", "city"),
    ("Peking", (39.91, 116.40), TOWN, "CN", "city"),
    ("Ciudad de México", (19.43, -99.13), TOWN, "MX", "city"),
    ("Bogota", (4.61, -74.08), TOWN, "CO", "city"),
    ("Reykjavik", (64.14, -21.90), TOWN, "IS", "city"),
    ("München", (48.14, 11.58), TOWN, "DE", "city"),
    ("Cologne", (50.94, 6.96), TOWN, "DE", "city"),
    ("Gdansk", (54.35, 18.65), TOWN, "PL", "city"),
    ("Sao Paulo", (-23.55, -46.64), TOWN, "BR", "city"),
    ("Zurich", (47.37, 8.55), TOWN, "CH", "city"),
    ("Chișinău", (47.01, 28.86), TOWN, "MD", "city"),
    ("Sankt-Peterburg", (59.94, 30.31), TOWN, "RU", "city"),
    ("the Hague", (52.08, 4.30), TOWN, "NL", "city"),
    # capitals
    ("London", (51.51, -0.13), TOWN, "GB", "city"),
    ("Washington, D.C.", (38.90, -77.04), TOWN, "US", "city"),
    ("Tbilisi", (41.69, 44.83), TOWN, "GE", "city"),
    ("Canberra", (-35.28, 149.13), TOWN, "AU", "city"),
    ("Nairobi", (-1.28, 36.82), TOWN, "KE", "city"),
    # qualifiers: country name or code, admin1 name or code, several at once
    ("St. Petersburg, Florida", (27.77, -82.68), TOWN, "US", "city"),
    ("Odessa, Texas", (31.85, -102.37), TOWN, "US", "city"),
    ("Odessa, TX", (31.85, -102.37), TOWN, "US", "city"),
    ("Paris, Texas", (33.66, -95.56), TOWN, "US", "city"),
    ("Springfield, Illinois", (39.80, -89.64), TOWN, "US", "city"),
    ("Portland, Maine", (43.66, -70.26), TOWN, "US", "city"),
    ("Saint Louis, Missouri", (38.63, -90.20), TOWN, "US", "city"),
    ("Kherson, Kherson Oblast, Ukraine", (46.64, 32.61), TOWN, "UA", "city"),
    ("Mariupol, UA", (47.10, 37.55), TOWN, "UA", "city"),
    # typos
    ("Melitopl", (46.85, 35.37), TOWN, "UA", "city"),
    ("Sevastapol", (44.60, 33.53), TOWN, "UA", "city"),
    ("Krematorsk", (48.72, 37.56), TOWN, "UA", "city"),
    ("Barcelna", (41.39, 2.16), TOWN, "ES", "city"),
    ("Amsterdm", (52.37, 4.89), TOWN, "NL", "city"),
    # countries
    ("Ukraine", (49.0, 32.0), COUNTRY, "UA", "country"),
    ("USA", (39.8, -98.6), COUNTRY, "US", "country"),
    ("Germany", (51.5, 10.5), COUNTRY, "DE", "country"),
    ("France", (46.0, 2.0), COUNTRY, "FR", "country"),
    ("Japan", (35.7, 139.7), COUNTRY, "JP", "country"),
    # first-level divisions and regions
    ("Donetsk Oblast", (48.0, 37.8), REGION, "UA", "admin1"),
    ("Kherson Oblast", (46.75, 33.5), REGION, "UA", "admin1"),
    ("Crimea", (45.3, 34.4), REGION, "UA", "admin1"),
    ("Donbas", (48.0, 38.0), REGION, "UA", "region"),
    ("Texas", (31.25, -99.25), REGION, "US", "admin1"),
    ("Bavaria", (49.0, 11.5), REGION, "DE", "admin1"),
    ("Île-de-France", (48.7, 2.5), REGION, "FR", "admin1"),
    # seas and a continent
    ("Sea of Azov", (46.0, 36.5), SEA, None, "water"),
    ("Baltic Sea", (58.0, 20.0), SEA, None, "water"),
    ("Caspian Sea", (42.0, 50.5), SEA, None, "water"),
    ("Europe", (48.7, 9.1), CONTINENT, None, "continent"),
]

# point (lat, lon) near a city centre -> expected place name, country of the point
REVERSE = [
    ((50.450, 30.523), "Kyiv", "UA"),
    ((47.096, 37.543), "Mariupol", "UA"),
    ((49.842, 24.031), "Lviv", "UA"),
    ((51.507, -0.128), "London", "GB"),
    ((48.857, 2.352), "Paris", "FR"),
    ((52.523, 13.410), "Berlin", "DE"),
    ((52.230, 21.012), "Warsaw", "PL"),
    ((55.756, 37.617), "Moscow", "RU"),
    ((40.713, -74.006), "New York City", "US"),
    ((-33.868, 151.207), "Sydney", "AU"),
    ((30.044, 31.236), "Cairo", "EG"),
    ((64.135, -21.895), "Reykjavík", "IS"),
]


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def geocoder(gazetteer):
    return GazetteerGeocoder(gazetteer)


# ------------------------------------------------------------------ geopy interface


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)
    loc = geocoder.geocode("Kherson")
    assert isinstance(loc, Location)
    assert loc.address == "Kherson, Khersonska oblast, Ukraine"
    address, (lat, lon) = loc  # geopy's unpacking, as geopandas uses it
    assert address == loc.address and (lat, lon) == (loc.latitude, loc.longitude)
    raw = loc.raw
    assert raw["id"] == "geonames:706448" and raw["kind"] == "city"
    assert raw["country_code"] == "UA" and raw["population"] > 0
    assert raw["match"] == "exact" and raw["score"] == 100 and raw["source"] == "gazetteer"
    assert raw["rank_score"] > 0 and raw["geo_precision"] == 1


def test_geopandas_geocode_column_of_names(gazetteer):
    names = pd.Series([q for q, *_ in FORWARD], name="place")
    assert len(names) >= 50
    frame = geopandas.tools.geocode(names, provider=GazetteerGeocoder)
    assert frame.crs.to_epsg() == 4326 and len(frame) == len(FORWARD)
    wrong = []
    for (query, (lat, lon), tolerance, _cc, _kind), geom, address in zip(
            FORWARD, frame.geometry, frame["address"], strict=True):
        if geom.is_empty:
            wrong.append(f"{query}: no result")
            continue
        off = km(lat, lon, geom.y, geom.x)
        if off > tolerance:
            wrong.append(f"{query}: {address} at ({geom.y:.3f}, {geom.x:.3f}) is {off:.0f} km "
                         f"from ({lat}, {lon})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("query,point,tolerance,cc,kind", FORWARD,
                         ids=[q for q, *_ in FORWARD])
def test_each_answer(geocoder, query, point, tolerance, cc, kind):
    loc = geocoder.geocode(query)
    assert loc is not None, query
    assert km(*point, loc.latitude, loc.longitude) <= tolerance
    assert loc.raw["kind"] == kind
    assert loc.raw["country_code"] == cc
    assert loc.raw["match"] in ("exact", "variant", "fuzzy")
    if loc.raw["match"] == "fuzzy":
        assert 80 <= loc.raw["score"] < 100
    else:
        assert loc.raw["score"] == 100


def test_geopandas_reverse_geocode(gazetteer):
    points = geopandas.GeoSeries([Point(lon, lat) for (lat, lon), *_ in REVERSE], crs=4326)
    frame = geopandas.tools.reverse_geocode(points, provider=GazetteerGeocoder)
    for ((lat, lon), name, _cc), geom, address in zip(REVERSE, frame.geometry,
                                                      frame["address"], strict=True):
        assert address.split(", ")[0] == name, (lat, lon, address)
        assert km(lat, lon, geom.y, geom.x) < 15


@pytest.mark.parametrize("point,name,cc", REVERSE, ids=[n for _, n, _ in REVERSE])
def test_reverse_place_and_country(geocoder, point, name, cc):
    loc = geocoder.reverse(point)
    assert loc.raw["name"] == name
    assert loc.raw["country"]["code"] == cc and loc.raw["country"]["contains"] is True
    assert loc.raw["distance_km"] == pytest.approx(km(*point, loc.latitude, loc.longitude),
                                                   abs=0.01)


def test_reverse_forms_and_edges(geocoder):
    a = geocoder.reverse((46.6354, 32.6169))  # Kherson, on the Dnipro's bank
    assert a.raw["name"] == "Kherson" and a.raw["country"]["code"] == "UA"
    assert geocoder.reverse("46.6354, 32.6169").raw["id"] == a.raw["id"]
    sea = geocoder.reverse((43.0, 34.0))  # the middle of the Black Sea
    assert sea.raw["country"] is None and sea.raw["distance_km"] > 50
    across = geocoder.reverse((-17.8, 179.999))  # next to the antimeridian (Fiji)
    assert across.raw["country_code"] == "FJ"
    # central Kyiv is Kyiv by extent; the plainly nearest place is one of its quarters
    nearest = geocoder.reverse((50.4501, 30.5234), by="distance")
    assert nearest.raw["name"] != "Kyiv" and nearest.raw["distance_km"] < 0.5
    several = geocoder.reverse((50.4501, 30.5234), exactly_one=False)
    assert len(several) == 10 and several[0].raw["name"] == "Kyiv"
    big = geocoder.reverse((50.4501, 30.5234), min_population=1_000_000, by="distance")
    assert big.raw["name"] == "Kyiv"
    with pytest.raises(GazetteerQueryError):
        geocoder.reverse("not a point")
    with pytest.raises(GazetteerQueryError):
        geocoder.reverse((50, 30), by="size")


def test_reverse_nearest_is_exact(geocoder):
    """The tree search equals a brute-force haversine scan over every place."""
    import numpy as np

    nn = geocoder._data.nearest(0)
    rng = np.random.default_rng(8)
    for lat, lon in zip(rng.uniform(-70, 80, 40), rng.uniform(-180, 180, 40), strict=True):
        (rowid, dist), = nn.query(float(lat), float(lon), k=1, by="distance")
        brute = nn._km(float(lat), float(lon), np.arange(len(nn)))
        assert dist == pytest.approx(brute.min(), abs=1e-6)


# ------------------------------------------------------------ options and filters


def test_exactly_one_false(geocoder):
    found = geocoder.geocode("Odessa", exactly_one=False)
    assert isinstance(found, list) and len(found) >= 3
    assert all(isinstance(loc, Location) for loc in found)
    assert found[0] == geocoder.geocode("Odessa")
    assert {loc.raw["country_code"] for loc in found} >= {"UA", "US"}
    assert geocoder.geocode("Xqzzyplace Nowhere", exactly_one=False) is None


def test_kinds_and_country_codes(geocoder):
    assert geocoder.geocode("Kherson", kinds="admin1").raw["id"] == "geonames:706442"
    assert geocoder.geocode("Kherson", kinds=["city", "admin2"]).raw["kind"] == "city"
    assert geocoder.geocode("Georgia").raw["kind"] == "country"
    assert geocoder.geocode("Georgia", country_codes="US").raw["kind"] == "admin1"
    assert geocoder.geocode("Odessa", country_codes=["us"]).raw["admin1"] == "TX"
    assert geocoder.geocode("London", country_codes="UK").raw["country_code"] == "GB"
    assert geocoder.geocode("Kherson", country_codes="PL") is None
    assert geocoder.geocode("Black Sea", kinds="city") is None
    only = GazetteerGeocoder(country_codes="US", kinds="city")  # defaults for every call
    assert only.geocode("Odessa").raw["admin1"] == "TX"
    frame = geopandas.tools.geocode(["Odessa", "Paris"], provider=GazetteerGeocoder,
                                    country_codes="US")
    assert list(frame["address"]) == ["Odessa, Texas, United States",
                                      "Paris, Texas, United States"]


def test_fuzzy_threshold(geocoder):
    loc = geocoder.geocode("Mariupl")
    assert loc.raw["match"] == "fuzzy" and loc.raw["name"] == "Mariupol"
    assert loc.raw["score"] == pytest.approx(93.33, abs=0.01)
    assert loc.raw["matched"] == "mariupol"
    assert geocoder.geocode("Mariupl", min_score=90).raw["name"] == "Mariupol"
    assert geocoder.geocode("Mariupl", min_score=95) is None
    assert geocoder.geocode("Mariupl", fuzzy=False) is None
    assert GazetteerGeocoder(fuzzy=False).geocode("Mariupl") is None
    assert geocoder.geocode("Lvuv") is None  # 75 < 80
    assert geocoder.geocode("Lvuv", min_score=70).raw["name"] == "Lviv"
    assert geocoder.geocode("Mariupl, Ukrainee").raw["name"] == "Mariupol"  # both fuzzy
    scores = [loc.raw["score"] for loc in geocoder.geocode("Mariupl", exactly_one=False)]
    assert all(s >= 80 for s in scores)


def test_qualifier_narrows_and_unknown_qualifier(geocoder):
    assert geocoder.geocode("Paris").raw["country_code"] == "FR"
    assert geocoder.geocode("Paris, Texas").raw["admin1"] == "TX"
    assert geocoder.geocode("Kherson, Narnia") is None
    assert geocoder.geocode("Mariupol, Texas") is None  # a known name is never fuzzy-matched
    assert geocoder.geocode("Black Sea", kinds="city") is None  # ... not even to Blackshear
    assert geocoder.geocode("Brooklyn, NYC").raw["admin1"] == "NY"  # near a city qualifier
    assert geocoder.geocode("Kherson, Odesa") is None


def test_fuzzy_index_filters_lose_nothing(geocoder):
    """Length window and character-mask bound keep every key rapidfuzz would accept."""
    from rapidfuzz import fuzz, process

    index = geocoder._fuzzy_index()
    for query in ("mariupl", "kharkiw", "sevastapol", "barcelna", "zaporizhia", "lvuv"):
        keys = index.bucket(query[0])[0]
        for cutoff in (70.0, 80.0, 90.0):
            brute = process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=cutoff,
                                    limit=None)
            fast = index.search(query, min_score=cutoff, limit=len(keys))
            assert sorted(k for k, *_ in brute) == sorted(k for k, _ in fast), (query, cutoff)


def test_parse_query_and_variants():
    assert parse_query(" Mariupol ,  Donetsk   Oblast, ") == parse_query(
        " Mariupol ,  Donetsk   Oblast, ").__class__(
        " Mariupol ,  Donetsk   Oblast, ", "Mariupol", ("Donetsk Oblast",))
    assert "saint petersburg" in variants("st. petersburg")
    assert "st. louis" in variants("saint louis")
    assert "hague" in variants("the hague")


def test_address_round_trips(geocoder):
    for query in ("Mariupl", "Kiev", "Odessa, Texas", "Bavaria"):
        loc = geocoder.geocode(query)
        again = geocoder.geocode(loc.address)
        assert again.raw["id"] == loc.raw["id"], (query, loc.address)


# ------------------------------------------------------------------ errors


def test_exception_tree(geocoder):
    assert issubclass(GazetteerQueryError, GeocoderQueryError)
    assert issubclass(GazetteerQueryError, ValueError)
    assert issubclass(GazetteerQueryError, GazetteerError)
    assert issubclass(GazetteerConfigurationError, ConfigurationError)
    for bad in ("", "   ", " , ", None, 42, float("nan"), "x" * 600):
        with pytest.raises(GazetteerQueryError):
            geocoder.geocode(bad)
    with pytest.raises(GazetteerQueryError):
        geocoder.geocode("Kyiv", kinds="town")
    with pytest.raises(GazetteerQueryError):
        geocoder.geocode("Kyiv", country_codes="Ukraine")
    with pytest.raises(GazetteerConfigurationError):
        GazetteerGeocoder(kinds="town")
    with pytest.raises(GazetteerConfigurationError):
        GazetteerGeocoder(min_score=101)
    with pytest.raises(GazetteerConfigurationError):
        GazetteerGeocoder(fallback=object())
    # geopandas turns bad rows into empty points, like any geopy provider's
    frame = geopandas.tools.geocode(pd.Series(["Kyiv", None, "", float("nan")]),
                                    provider=GazetteerGeocoder)
    assert [g.is_empty for g in frame.geometry] == [False, True, True, True]


# ------------------------------------------------------------------ RateLimiter


def test_rate_limiter_wrapping(geocoder):
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0.01)
    reverse = RateLimiter(geocoder.reverse, min_delay_seconds=0.01)
    frame = pd.DataFrame({"name": ["Kiev", "Odesa", "Mariupl", "Black Sea", "Xqzzyplace"]})
    frame["location"] = frame["name"].apply(geocode)
    assert [loc.raw["name"] if loc else None for loc in frame["location"]] == [
        "Kyiv", "Odesa", "Mariupol", "Black Sea", None]
    assert geocode("Odessa", exactly_one=False, country_codes="US")[0].raw["admin1"] == "TX"
    assert reverse((46.64, 32.61)).raw["name"] == "Kherson"
    swallowing = RateLimiter(geocoder.geocode, min_delay_seconds=0, max_retries=0,
                             return_value_on_exception="bad")
    assert swallowing("") == "bad"  # a bad query is a GeocoderServiceError to geopy


# ------------------------------------------------------------------ fallback


class _FakeNominatim(BaseHTTPRequestHandler):
    """Answers /search like Nominatim's JSON API; knows one place."""

    requests: list[dict] = []
    fail = False

    def do_GET(self):  # noqa: N802 (http.server's name)
        url = urlparse(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).requests.append({"path": url.path, "params": params,
                                    "agent": self.headers.get("User-Agent")})
        if type(self).fail:
            self.send_response(500)
            self.end_headers()
            return
        body: list = []
        if url.path == "/search" and params.get("q") == "Zzyzx Checkpoint 7":
            body = [{"place_id": 1, "osm_type": "node", "osm_id": 42, "lat": "35.1436",
                     "lon": "-116.1042", "display_name": "Zzyzx Checkpoint 7, California",
                     "class": "military", "type": "checkpoint", "importance": 0.1}]
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_nominatim(monkeypatch):
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY",
                "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    _FakeNominatim.requests = []
    _FakeNominatim.fail = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, Nominatim(user_agent="geomap-tests/1",
                                domain=f"127.0.0.1:{server.server_port}", scheme="http")
    finally:
        server.shutdown()
        server.server_close()


def test_fallback_is_off_by_default():
    assert GazetteerGeocoder().fallback is None
    with pytest.raises(ConfigurationError):  # Nominatim refuses geopy's default agent
        GazetteerGeocoder(fallback="nominatim")


def test_fallback_asks_loopback_nominatim_and_caches(fake_nominatim, tmp_path, gazetteer):
    server, nominatim = fake_nominatim
    cache = tmp_path / "geocode-cache.sqlite"
    g = GazetteerGeocoder(gazetteer, fallback=nominatim, fallback_delay=0, cache=cache)
    assert g.geocode("Kyiv").raw["source"] == "gazetteer"
    assert _FakeNominatim.requests == []  # the gazetteer answered

    loc = g.geocode("Zzyzx Checkpoint 7")
    assert (loc.latitude, loc.longitude) == (35.1436, -116.1042)
    assert loc.address == "Zzyzx Checkpoint 7, California"
    assert loc.raw["source"] == "nominatim" and loc.raw["match"] == "fallback"
    assert loc.raw["provider"]["osm_id"] == 42
    (request,) = _FakeNominatim.requests
    assert request["path"] == "/search" and request["agent"] == "geomap-tests/1"

    assert g.geocode("Zzyzx Checkpoint 7").raw["source"] == "nominatim"  # from the cache
    again = GazetteerGeocoder(gazetteer, fallback=nominatim, fallback_delay=0, cache=cache)
    assert again.geocode("Zzyzx Checkpoint 7", exactly_one=False)[0].address == loc.address
    assert len(_FakeNominatim.requests) == 1  # on disk: a new geocoder asks nobody

    assert g.geocode("Qqqqwwwweeee Rrrr") is None  # unknown to the service too
    assert g.geocode("Qqqqwwwweeee Rrrr") is None  # ... and that answer is cached
    assert len(_FakeNominatim.requests) == 2

    g.geocode("Zzyzx Checkpoint 7", country_codes="US")  # a different question
    assert _FakeNominatim.requests[-1]["params"].get("countrycodes") == "us"
    assert g.geocode("Zzyzx Checkpoint 7", kinds="city") is None  # kinds: gazetteer only

    # geopandas passes keyword arguments to the provider, so the fallback works there too
    frame = geopandas.tools.geocode(["Mariupol", "Zzyzx Checkpoint 7"],
                                    provider=GazetteerGeocoder, fallback=nominatim,
                                    fallback_delay=0, cache=cache)
    assert frame["address"].iloc[1] == "Zzyzx Checkpoint 7, California"


def test_fallback_without_cache_and_service_errors(fake_nominatim, gazetteer):
    from gazetteer.fallback import OnlineFallback

    server, nominatim = fake_nominatim
    g = GazetteerGeocoder(gazetteer, fallback=nominatim, fallback_delay=0, cache=False)
    g.geocode("Zzyzx Checkpoint 7")
    g.geocode("Zzyzx Checkpoint 7")
    assert len(_FakeNominatim.requests) == 2
    _FakeNominatim.fail = True
    failing = GazetteerGeocoder(gazetteer, fallback=OnlineFallback(
        nominatim, min_delay_seconds=0, max_retries=1, error_wait_seconds=0, cache=False))
    with pytest.raises(GeocoderServiceError):
        failing.geocode("Zzyzx Checkpoint 7")
    assert len(_FakeNominatim.requests) == 4  # one try and one retry
    assert failing.geocode("Kyiv").raw["source"] == "gazetteer"  # offline still works


# ------------------------------------------------------------------ command line


def test_cli_geocode_and_search(capsys, gazetteer):
    from geomap.cli import main

    assert main(["geocode", "Kherson, Ukraine", "Mariupl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:3] == ["query", "lat", "lon"]
    assert "geonames:706448" in lines[1] and "\tfuzzy\t" in lines[2]
    assert main(["geocode", "Xqzzyplace"]) == 1
    assert main(["geocode", "--reverse", "--json", "50.45,30.52"]) == 0
    record = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert record["results"][0]["raw"]["name"] == "Kyiv"
    assert main(["geocode", "--fallback", "nominatim", "Kyiv"]) == 2  # no --user-agent
    capsys.readouterr()
    assert main(["gazetteer", "search", "Mariupl"]) == 0
    out = capsys.readouterr().out
    assert "geonames:701822" in out.splitlines()[1] and "fuzzy" in out
    assert "Mariupol, Donetska oblast, Ukraine" in out
