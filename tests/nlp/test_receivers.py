"""The learned receiver chooser: where it decides, where the rules stand, and that its shipped
weights are what its training script makes."""

import json
from datetime import date
from pathlib import Path

from frenemy.nlp.pipeline import DocRecord, analyse, pipeline
from frenemy.nlp.receivers import MODEL_FILE, ReceiverChooser, load_chooser
from frenemy.nlp.arguments import ArgumentResolver
from frenemy.ontology.loader import data_path
from tests.conftest import retrained


def _events(text: str):
    [analysis] = analyse([DocRecord("t", text, date(2015, 6, 1))])
    return analysis.events


def test_an_event_the_rules_leave_without_a_receiver_takes_the_phrase_the_model_prefers():
    [event] = [e for e in _events("Canada provided $20 million to expand clinics for mothers in Haiti.")
               if e["event_root_code"] == "07"]
    assert (event["source_id"], event["target_id"], event["target_basis"]) == ("CAN", "HTI", "learned")


def test_a_receiver_the_rules_resolved_stands_whatever_the_model_prefers():
    nlp = pipeline(None)
    doc = nlp("Chile imposed a curfew in parts of Bolivia after protests by Peruvian miners.")
    coder = nlp.get_pipe("frenemy_events")
    events = doc._.frenemy_events
    assert any(e.target is not None and e.target.actor_id == "BOL" for e in events)
    hostile = ReceiverChooser({"rule=True": -50.0, "ent=NORP": 50.0}, 0.0)  # a model that prefers "Peruvian"
    again = hostile(events, ArgumentResolver(doc, coder.catalogue))
    assert [(e.source.actor_id, e.target and e.target.actor_id, e.target and e.target.basis) for e in again] == [
        (e.source.actor_id, e.target and e.target.actor_id, e.target and e.target.basis) for e in events]


def test_the_shipped_model_says_what_it_was_trained_on():
    model = json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8"))
    assert "'tune' half" in model["provenance"]["data"] and "not read" in model["provenance"]["data"]
    assert model["provenance"]["instances"] > 100 and 0.0 <= model["threshold"] <= 1.0
    assert not any(f.startswith(("lemma=", "word=")) for f in model["weights"])  # structure only, no words
    assert load_chooser().weights == model["weights"]


def test_the_training_script_reproduces_the_shipped_weights(tmp_path: Path):
    made = retrained("train_receivers.py", ("eval", "plv_train.jsonl"), tmp_path / "model.json")
    shipped = json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8"))
    assert made["weights"] == shipped["weights"], "rerun scripts/train_receivers.py"
