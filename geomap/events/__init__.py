"""Sentence-level event extraction: what happened, where, when and how many died.

One pass per sentence: find trigger phrases from ``geomap/data/event_vocab.csv`` (the
vocabulary is data so users can extend it), drop triggers stated as negated,
hypothetical or future ("would discuss a cease-fire", "denied ... was under control"),
link each remaining event type to the best literal place mention, date it with the
nearest date expression (else the publication date), read fatality and injury counts,
and merge duplicates within the document.

Place links beyond the trigger's clause: a definite description ("the port city", "the
capital", "the town's ...") refers back to the place named earlier with that noun; "from
X" is an origin, not a location, for aid and people on the move; "in eastern Ukraine"
narrows to an earlier-named place of that country lying east; violence in a lede with no
place of its own goes to the dateline's town.  Dates across a coordinated verb ("annexed
... in 2014 and recognized ... last month") belong to the other verb.  Actors are the
noun phrases of the trigger's clause naming a group ("Russian forces", "police"), not
the speakers quoted.  Merging keeps one event per (type, place, date) with every
sentence that tells it (:func:`merge_events` does the same across documents).

Irrealis statements are left out entirely rather than kept with a flag: a map of things
that did not (yet) happen misleads more than it informs, and ``Event`` has no field to
carry the distinction.

The stages live in modules of their own: :mod:`~geomap.events.vocabulary` (the trigger
vocabulary), :mod:`~geomap.events.sentences`, :mod:`~geomap.events.counts`,
:mod:`~geomap.events.modality`, :mod:`~geomap.events.dating`,
:mod:`~geomap.events.places`, :mod:`~geomap.events.actors`,
:mod:`~geomap.events.triggers` (finding trigger phrases fast),
:mod:`~geomap.events.context` (what a sentence must say for a trigger to count),
:mod:`~geomap.events.reading` (one sentence read), :mod:`~geomap.events.subtypes`,
:mod:`~geomap.events.tolls` (counts told apart from their violence),
:mod:`~geomap.events.merge` and :mod:`~geomap.events.extract` (a document's events).
"""

from geomap.events.actors import find_actors
from geomap.events.counts import find_counts
from geomap.events.extract import extract_events
from geomap.events.merge import MergeRule, merge_events, merge_rule
from geomap.events.sentences import split_sentences
from geomap.events.vocabulary import Trigger, load_vocabulary

__all__ = ["MergeRule", "Trigger", "extract_events", "find_actors", "find_counts",
           "load_vocabulary", "merge_events", "merge_rule", "split_sentences"]
