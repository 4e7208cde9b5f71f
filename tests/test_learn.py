"""Fitting the ranker: the learner, the shipped model and the features it sees."""

from __future__ import annotations

import json
import random

import pytest

from gazetteer.rank import FEATURES, MODEL_PATH, Context, Model, default_model, rank
from gazetteer.text import fold
from geomap.learn import Choice, choices, fit, fit_documents, read_annotated

OWN = FEATURES.index("own_name")
POP = FEATURES.index("log_population")


def _decision(rng: random.Random) -> Choice:
    """Three candidates; the right one has its own name matched but is often smaller."""
    rows = []
    for _ in range(3):
        row = [0.0] * len(FEATURES)
        row[POP] = rng.uniform(1, 7)
        rows.append(row)
    right = rng.randrange(3)
    rows[right][OWN] = 1.0
    return Choice(rows, right)


def test_fit_learns_which_evidence_picks_the_right_candidate():
    rng = random.Random(7)
    model = fit([_decision(rng) for _ in range(300)])
    assert model.weights[OWN] > 1.0
    assert abs(model.weights[POP]) < model.weights[OWN]
    held_out = [_decision(rng) for _ in range(100)]
    right = sum(max(range(3), key=lambda k, c=c: model.score(c.rows[k])) == c.right
                for c in held_out)
    assert right >= 95


def test_model_round_trips_and_rejects_a_file_without_every_weight(tmp_path):
    model = Model(tuple(float(k) for k in range(len(FEATURES))), {"about": "test"})
    path = tmp_path / "ranker.json"
    path.write_text(model.to_json())
    again = Model.read(path)
    assert again.weights == model.weights and again.meta == {"about": "test"}
    data = json.loads(path.read_text())
    data["features"], data["weights"] = data["features"][1:], data["weights"][1:]
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="ranker.json.*log_population"):
        Model.read(path)


def test_shipped_model_was_fitted_on_the_licensed_corpora_only():
    meta = json.loads(MODEL_PATH.read_text())
    assert meta["features"] == list(FEATURES)
    assert meta["decisions"] > 1000
    assert not any("tud" in name.lower() for name in meta["trained_on"])


def test_neighbouring_readings_decide_between_namesakes(gazetteer):
    # Two ambiguous names whose only close pair of readings lies in Georgia (US).
    from geomap.model import Document
    from geomap.recognize import Recognizer
    from geomap.resolve import Resolver

    text = "Flooding closed roads in Athens and across Clarke County on Monday."
    doc = Document(id="t", text=text)
    spans = Recognizer(gazetteer).recognize(text)
    mentions = {m.span.text: m.place for m in Resolver(gazetteer).resolve(doc, spans)}
    assert mentions["Athens"].country_code == "US"
    assert mentions["Athens"].admin1 == "GA"
    alone = rank(gazetteer.lookup(fold("Athens")), Context())[0][0]
    assert alone.country_code == "GR"  # without the county, the Greek capital


def test_choices_label_the_candidate_nearest_the_gold_point(geoparser, tmp_path):
    text = "Storms hit Athens and Clarke County, officials said."
    start = text.index("Athens")
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "d1", "text": text, "toponyms": [
        {"start": start, "end": start + 6, "name": "Athens", "lat": 33.9609, "lon": -83.3779}
    ]}) + "\n")
    docs = read_annotated(path)
    found = choices(geoparser, docs[0])
    assert len(found) == 1
    rows, right = found[0].rows, found[0].right
    assert all(len(row) == len(FEATURES) for row in rows)
    places = [p for p, _ in geoparser.gazetteer.lookup(fold("Athens"))]
    assert places[right].admin1 == "GA" and places[right].country_code == "US"
    model = fit_documents(docs, geoparser=geoparser)
    assert model.meta["decisions"] == 1
    assert geoparser.resolver.ranker is None  # the parser's own model is left alone
    assert default_model().weights != model.weights


def test_a_fitted_ranker_travels_to_worker_processes(gazetteer, tmp_path):
    from geomap.model import Document
    from geomap.parallel import ParserSpec
    from geomap.pipeline import Geoparser

    weights = list(default_model().weights)
    weights[POP] = -1.0  # small places first: a model no one would ship
    path = tmp_path / "ranker.json"
    path.write_text(Model(tuple(weights)).to_json())
    parser = Geoparser(gazetteer, ranker=path)
    assert parser.resolver.ranker.weights[POP] == -1.0
    rebuilt = ParserSpec.of(parser).build()
    assert rebuilt.resolver.ranker == parser.resolver.ranker
    mentions = parser.mentions(Document("d", "Talks in Paris."))
    assert mentions[0].place.id != "geonames:2988507"  # not the French capital any more


def test_model_weights_must_be_finite():
    from gazetteer.rank import FEATURES, Model

    with pytest.raises(ValueError, match="finite"):
        Model(tuple([0.0] * (len(FEATURES) - 1) + [float("inf")]))
