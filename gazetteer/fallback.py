"""Optional online fallback for names the gazetteer cannot place (off by default).

:class:`OnlineFallback` wraps any geopy geocoder (in practice ``Nominatim``) in geopy's
:class:`~geopy.extra.rate_limiter.RateLimiter` and an on-disk cache, so a name is asked
for at most once per cache and never faster than the service's policy allows (one
request per second for the public Nominatim).  Its answers are marked
``raw["source"] = "nominatim"`` (the service's name) and ``raw["match"] = "fallback"``.
"""

from __future__ import annotations

import inspect
import json
import os
import sqlite3
import threading
import time
from pathlib import Path

from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location


def default_cache_path() -> Path:
    """``geocode-cache.sqlite`` next to the gazetteer store, in the geomap cache folder."""
    from gazetteer.store import default_path

    return default_path().parent / "geocode-cache.sqlite"


class GeocodeCache:
    """Answers of an online geocoder kept in a small SQLite file.

    Negative answers (no result) are kept too, so a name the service cannot place is
    not asked again.  ``max_age`` (seconds) makes older entries count as missing.
    """

    def __init__(self, path: str | os.PathLike, *, max_age: float | None = None):
        self.path = Path(path)
        self.max_age = max_age
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._con = sqlite3.connect(self.path, check_same_thread=False)
        with self._con:
            self._con.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, "
                              "value TEXT NOT NULL, created REAL NOT NULL)")

    def get(self, key: str) -> list[dict] | None:
        with self._lock:
            row = self._con.execute("SELECT value, created FROM answers WHERE key = ?",
                                    (key,)).fetchone()
        if row is None or (self.max_age is not None and time.time() - row[1] > self.max_age):
            return None
        return json.loads(row[0])

    def put(self, key: str, value: list[dict]) -> None:
        with self._lock, self._con:
            self._con.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                              (key, json.dumps(value, ensure_ascii=False), time.time()))

    def __len__(self) -> int:
        with self._lock:
            return self._con.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        self._con.close()


class OnlineFallback:
    """A rate-limited, cached online geocoder asked only when the gazetteer has no answer.

    Parameters
    ----------
    geocoder : geopy.geocoders.base.Geocoder
        e.g. ``Nominatim(user_agent="my-project/1.0 (me@example.org)")``.
    min_delay_seconds : float
        Least time between two requests (geopy ``RateLimiter``); 1 s for public Nominatim.
    max_retries : int
        Retries on service errors before the error is raised.
    cache : bool or path-like
        ``True`` for :func:`default_cache_path`, a path for a file of your own, ``False``
        for no cache.
    """

    def __init__(self, geocoder, *, min_delay_seconds: float = 1.0, max_retries: int = 2,
                 error_wait_seconds: float = 5.0, cache: bool | str | os.PathLike = True,
                 source: str | None = None):
        self.geocoder = geocoder
        self.source = source or type(geocoder).__name__.lower()
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=max_retries,
                                    error_wait_seconds=error_wait_seconds,
                                    swallow_exceptions=False)
        try:
            params = inspect.signature(geocoder.geocode).parameters
        except (TypeError, ValueError):  # pragma: no cover - builtins
            params = {}
        self._takes_country_codes = "country_codes" in params
        if cache is True:
            cache = default_cache_path()
        self.cache = GeocodeCache(cache) if cache else None
        self.requests = 0  # answers fetched from the service (not from the cache)

    def _key(self, query: str, country_codes: tuple[str, ...]) -> str:
        where = getattr(self.geocoder, "api", None) or getattr(self.geocoder, "domain", "")
        return json.dumps([self.source, where, query, list(country_codes)], ensure_ascii=False)

    def geocode(self, query: str, *, country_codes: tuple[str, ...] = (), timeout=None,
                ) -> list[Location]:
        """All answers for ``query``, from the cache or (rate-limited) the service."""
        key = self._key(query, country_codes)
        answers = self.cache.get(key) if self.cache is not None else None
        if answers is None:
            kwargs: dict = {"exactly_one": False}
            if timeout is not None:
                kwargs["timeout"] = timeout
            if country_codes and self._takes_country_codes:
                kwargs["country_codes"] = [c.lower() for c in country_codes]
            found = self._geocode(query, **kwargs) or []
            self.requests += 1
            if isinstance(found, Location):
                found = [found]
            answers = [{"address": loc.address, "lat": loc.latitude, "lon": loc.longitude,
                        "raw": loc.raw} for loc in found]
            if self.cache is not None:
                self.cache.put(key, answers)
        return [
            Location(a["address"], (a["lat"], a["lon"]), {
                "source": self.source, "match": "fallback", "query": query,
                "address": a["address"], "lat": a["lat"], "lon": a["lon"], "score": None,
                "provider": a["raw"],
            })
            for a in answers
        ]
