"""Read side of the gazetteer: names to candidate places, ids to places."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from gazetteer.model import Place
from gazetteer.text import fold
from gazetteer.userplaces import USER_FLAG, UserPlace

#: How many names' known-or-not answers a store remembers (see Gazetteer.known).
KNOWN_KEPT = 200_000
_COLUMNS = "p.id, p.name, p.kind, p.country_code, p.admin1, p.population, p.lat, p.lon, p.capital"


def default_path() -> Path:
    """Where the built gazetteer lives: ``$GEOMAP_CACHE_DIR`` or the user cache folder.

    The file name carries the build version and a digest of our curated data files, so
    editing ``gazetteer/data/*.csv`` or the build rules gives a fresh build, never a
    stale store.
    """
    from gazetteer.build import BUILD_VERSION, data_digest

    root = os.environ.get("GEOMAP_CACHE_DIR")
    if root:
        base = Path(root)
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "geomap"
    return base / f"gazetteer-v{BUILD_VERSION}-{data_digest()}.sqlite"


def _seal_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha1")


def _digest(path: Path) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def seal(path: Path) -> None:
    """Record the store's size and checksum beside it, so damage is noticed on load."""
    from gazetteer.build import BUILD_VERSION

    record = {"version": BUILD_VERSION, "size": path.stat().st_size, "sha1": _digest(path)}
    tmp = _seal_path(path).with_suffix(".tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, _seal_path(path))


def problem(path: Path) -> str | None:
    """Why the store at ``path`` must not be used (damaged, old, unsealed), or None."""
    from gazetteer.build import BUILD_VERSION

    try:
        record = json.loads(_seal_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        record = None
    except (OSError, ValueError):
        return "has an unreadable checksum file"
    if record is None:
        # Built by an interrupted or older run: trust it only if SQLite finds it whole.
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                version = dict(con.execute("SELECT key, value FROM meta")).get("version")
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            return f"is not a readable database ({exc})"
        if not ok:
            return "failed SQLite's integrity check"
        if version != BUILD_VERSION:
            return f"is version {version}, not {BUILD_VERSION}"
        seal(path)
        return None
    if record.get("version") != BUILD_VERSION:
        return f"is version {record.get('version')}, not {BUILD_VERSION}"
    if path.stat().st_size != record.get("size") or _digest(path) != record.get("sha1"):
        return "does not match its checksum (damaged)"
    return None


def _remove_stale(current: Path) -> None:
    """Delete caches of other builds beside ``current`` (only ones we named)."""
    for old in current.parent.glob("gazetteer-v*.sqlite*"):
        if old.name not in (current.name, _seal_path(current).name):
            old.unlink(missing_ok=True)


def _place(row: tuple) -> Place:
    return Place(
        id=row[0], name=row[1], kind=row[2], country_code=row[3], admin1=row[4],
        population=row[5], lat=row[6], lon=row[7], capital=bool(row[8]),
    )


class Gazetteer:
    """An opened gazetteer store.

    Parameters
    ----------
    path : path-like, optional
        The SQLite file; by default the cache file, built on first use.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, progress: bool = True):
        self.path = Path(path) if path is not None else default_path()
        reason = problem(self.path) if self.path.exists() else "is missing"
        if reason is not None:
            from gazetteer.build import build

            if self.path.exists():
                print(f"geomap: gazetteer {self.path} {reason}; rebuilding", file=sys.stderr)
            _seal_path(self.path).unlink(missing_ok=True)
            build(self.path, progress=progress)
            seal(self.path)
            if path is None:
                _remove_stale(self.path)
        self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                    check_same_thread=False)
        self._user: dict[str, list[tuple[Place, int]]] = {}
        self._overrides: dict[str, Place] = {}
        self.lookup = lru_cache(maxsize=200_000)(self._lookup)
        self._known: dict[str, bool] = {}  # key -> whether the store has it

    def add_places(self, places: Iterable[UserPlace]) -> int:
        """Teach this gazetteer user places; they take part in lookups like any other.

        A place whose id exists already replaces it (new coordinates, kind, ...);
        otherwise it is added under its name and aliases.  Returns how many were added.
        """
        n = 0
        for up in places:
            if self.get(up.place.id) is not None:
                self._overrides[up.place.id] = up.place
            for i, name in enumerate((up.place.name, *up.aliases)):
                entry = (up.place, USER_FLAG | (1 if i == 0 else 2))
                bucket = self._user.setdefault(fold(name), [])
                bucket[:] = [e for e in bucket if e[0].id != up.place.id] + [entry]
            n += 1
        self.lookup.cache_clear()
        return n

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"

    def meta(self) -> dict[str, str]:
        """Build facts: version, attribution, counts per kind."""
        return dict(self._con.execute("SELECT key, value FROM meta"))

    def _lookup(self, key: str) -> tuple[tuple[Place, int], ...]:
        rows = self._con.execute(
            f"SELECT {_COLUMNS}, n.flags FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.key = ?",
            (key,),
        ).fetchall()
        found = [(_place(r[:9]), r[9]) for r in rows]
        if self._overrides:
            found = [(self._overrides.get(p.id, p), f) for p, f in found]
        user = self._user.get(key)
        if user:
            ids = {p.id for p, _ in user}
            found = [e for e in found if e[0].id not in ids] + user
        return tuple(found)

    def candidates(self, name: str) -> list[Place]:
        """Places that bear ``name`` (any spelling that folds the same)."""
        return [p for p, _ in self.lookup(fold(name))]

    def known(self, keys: Iterable[str]) -> set[str]:
        """The subset of folded ``keys`` that name at least one place.

        The store is read-only, so answers are remembered: a document's names are
        mostly ones earlier documents asked about, and only new ones cost a query.
        """
        keys = set(keys)
        memo = self._known
        found: set[str] = set()
        ask: list[str] = []
        for k in keys:  # one read per key: another thread may be filling the memo
            held = memo.get(k)
            if held is None:
                ask.append(k)
            elif held:
                found.add(k)
        if len(memo) + len(ask) > KNOWN_KEPT:
            memo.clear()
        for i in range(0, len(ask), 900):
            chunk = ask[i : i + 900]
            marks = ",".join("?" * len(chunk))
            hits = {k for (k,) in self._con.execute(
                f"SELECT DISTINCT key FROM names WHERE key IN ({marks})", chunk)}
            found |= hits
            memo.update(dict.fromkeys(chunk, False))
            memo.update(dict.fromkeys(hits, True))
        return found | (self._user.keys() & keys)

    def key(self, name: str) -> str:
        """The lookup key of ``name`` as written: :func:`fold`, or, for a hyphenated name
        the gazetteer knows only written closed as a town's own name ("Pétion-Ville" of
        Pétionville; not "Kok-Tash" of another name of Somoniyon, nor "AKS-U"), that."""
        key = fold(name)
        if "-" in name and all(len(part) > 2 and part[0].isupper() and not part.isupper()
                               for part in name.split("-")):
            closed = fold(name.replace("-", ""))
            if closed != key and not self.known([key]) and self.known([closed]) and any(
                    flags & 1 and p.kind == "city" for p, flags in self.lookup(closed)):
                return closed
        return key

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        if place_id in self._overrides:
            return self._overrides[place_id]
        row = self._con.execute(f"SELECT {_COLUMNS} FROM places p WHERE p.id = ?",
                                (place_id,)).fetchone()
        if row:
            return _place(row)
        return next((p for bucket in self._user.values() for p, _ in bucket
                     if p.id == place_id), None)

    def country(self, code: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code, or None."""
        return self._country(code)

    @lru_cache(maxsize=512)  # noqa: B019  (one store per process, few codes)
    def _country(self, code: str) -> Place | None:
        row = self._con.execute(
            f"SELECT {_COLUMNS} FROM places p WHERE p.kind = 'country' AND p.country_code = ? "
            "ORDER BY p.population DESC LIMIT 1", (code,)).fetchone()
        return _place(row) if row else None

    def counts(self) -> dict[str, int]:
        return dict(self._con.execute("SELECT kind, COUNT(*) FROM places GROUP BY kind"))


_DEFAULT: Gazetteer | None = None


def load(path: str | os.PathLike | None = None) -> Gazetteer:
    """The process-wide gazetteer (opened once), or a specific store."""
    global _DEFAULT
    if path is not None:
        return Gazetteer(path)
    if _DEFAULT is None:
        _DEFAULT = Gazetteer()
    return _DEFAULT
