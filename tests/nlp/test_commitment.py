"""Commitment of any predicate through the public ``frenemy.api.commitment``, on sentences
written for these tests, and the factuality benchmark's scoring on a slice of ../shared."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

from frenemy.api import commitment
from frenemy.errors import UsageError
from frenemy.nlp.commitment import value_of_score
from frenemy.nlp.factuality import CLASSES, MODEL_FILE, load_commitment_model
from frenemy.ontology.loader import data_path
from tests.conftest import REPO, retrained, shared_path


def _model(text: str, word: str, nth: int = 0) -> dict:
    """What ``frenemy.api.commitment`` returns: the learned model's value over the rules'."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return commitment(text, start, start + len(word))


def _at(text: str, word: str, nth: int = 0) -> dict:
    """The rules' own reading (the model's features, and what a stored event keeps wherever a cue,
    a source or a guide flag decided)."""
    result = _model(text, word, nth)
    return {**result, "value": result["rules_value"], "score": result["rules_score"]}


def test_plain_assertion_is_certain_with_no_cue():
    result = _at("The navy towed the damaged tanker into port on Sunday.", "towed")
    assert result["value"] == "certain" and result["score"] == 3.0 and result["cues"] == []
    assert result["source"] is None and result["predicate"] == "towed"


def test_negation_in_the_predicates_own_clause():
    assert _at("The ferry did not leave the harbour.", "leave")["value"] == "certain-negative"
    assert _at("Nobody was injured when the scaffolding fell.", "injured")["value"] == "certain-negative"
    assert _at("There was no strike at the smelter last week.", "strike")["value"] == "certain-negative"
    assert _at("The mayor was never informed of the closure.", "informed")["cues"] == ["never"]
    # the negation of another clause does not reach the predicate
    other = _at("The union did not comment after the plant closed.", "closed")
    assert other["value"] == "certain"


def test_negating_constructions():
    assert _at("The clerk resigned without giving a reason.", "giving")["value"] == "certain-negative"
    assert _at("Guards stopped the crowd from entering the stadium.", "entering")["value"] == "certain-negative"
    assert _at("The runner nearly broke the course record.", "broke")["value"] == "certain-negative"
    refused = _at("The landlord refused to repair the boiler.", "repair")
    assert refused["polarity"] == "negative" and "refuse" in refused["cues"]


def test_a_negated_report_does_not_deny_what_it_reports():
    result = _at("The spokesman did not say that the factory polluted the river.", "polluted")
    assert result["polarity"] == "positive"


def test_no_evidence_scopes():
    for text in ("Nor have inspectors seen evidence indicating that the mill dumped waste.",
                 "Auditors found no evidence that the treasurer moved the funds.",
                 "There is nothing to suggest that the treasurer moved the funds.",
                 "The police could not confirm that the treasurer moved the funds."):
        word = "dumped" if "dumped" in text else "moved"
        result = _at(text, word)
        assert result["no_evidence"] is True and result["value"] == "unknown", (text, result)
        assert result["cues"], text
    plain = _at("Auditors found evidence that the treasurer moved the funds.", "moved")
    assert plain["no_evidence"] is False


def test_modals_lower_commitment():
    assert _at("The storm may have damaged the pier.", "damaged")["value"] == "possible"
    assert _at("The storm might have damaged the pier.", "damaged")["cues"] == ["might"]
    assert _at("The pier was probably damaged by the storm.", "damaged")["value"] == "probable"
    assert _at("The pier was damaged by the storm.", "damaged")["value"] == "certain"


def test_hearsay_without_a_named_source():
    assert _at("The smugglers reportedly crossed the river at night.", "crossed")["value"] == "probable"
    alleged = _at("The smugglers allegedly bribed a customs officer.", "bribed")
    assert alleged["value"] == "possible" and alleged["alleged"] is True
    said = _at("The trader is said to have hidden the ledgers.", "hidden")
    assert said["value"] == "probable" and said["cues"] == ["said"]
    rumour = _at("According to unconfirmed reports, the convoy turned back at the border.", "turned")
    assert rumour["value"] == "possible"


def test_conditions_questions_and_futures_are_not_asserted():
    cond = _at("If the dam breaks, the valley will flood.", "breaks")
    assert cond["value"] == "unknown" and cond["hypothetical"] is True and cond["cues"] == ["if"]
    asked = _at("Did the council approve the new budget?", "approve")
    assert asked["value"] == "unknown" and "?" in asked["cues"]
    future = _at("The council will approve the budget next month.", "approve")
    assert future["value"] == "unknown" and future["future"] is True
    plan = _at("The company plans to open a second factory.", "open")
    assert plan["value"] == "unknown" and plan["future"] is True
    # "if" inside another word is no condition
    assert _at("The mayor signed the specific permit.", "signed")["value"] == "certain"


def test_reporting_verbs_by_class():
    said = _at("The inspector said the contractor skipped the safety checks.", "skipped")
    assert said["value"] == "certain" and said["source"] == "The inspector"
    believed = _at("The inspector believes the contractor skipped the safety checks.", "skipped")
    assert believed["value"] == "probable"
    suggested = _at("The inspector suggested the contractor skipped the safety checks.", "skipped")
    assert suggested["value"] == "possible"
    denied = _at("The contractor denied that it skipped the safety checks.", "skipped")
    assert denied["value"] == "certain-negative" and denied["denied"] is True and "denied" in denied["cues"]


def test_the_model_reads_clear_constructions():
    plain = _model("The navy towed the damaged tanker into port on Sunday.", "towed")
    assert plain["value"] == "certain" and plain["score"] > 2.5 and plain["basis"] == "learned"
    assert _model("The ferry did not leave the harbour.", "leave")["value"] == "certain-negative"
    for text, word in (("The storm may have damaged the pier.", "damaged"),
                       ("The company plans to open a second factory.", "open"),
                       ("The ministry wants to build a new runway.", "build")):
        result = _model(text, word)  # UW's readers put a modal or a plan near 1.5, not at 3
        assert result["value"] in {"probable", "possible"} and 0 < result["score"] < 2.5, (text, result)
    # a no-evidence scope keeps the rules' reading whatever the model says
    lack = _model("Auditors found no evidence that the treasurer moved the funds.", "moved")
    assert lack["value"] == "unknown" and lack["no_evidence"] is True and lack["basis"] == "rules"


def test_the_shipped_model_says_what_it_was_trained_on():
    model = json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8"))
    assert "'tune' half" in model["provenance"]["data"] and "not read" in model["provenance"]["data"]
    assert sum(model["provenance"]["instances"].values()) > 1000
    assert not any(f.startswith(("lemma=", "word=")) for f in model["weights"])  # no words of the sentences
    assert set(model["centres"]) == set(CLASSES) and load_commitment_model().weights == model["weights"]


def test_the_training_script_reproduces_the_shipped_weights(tmp_path: Path):
    made = retrained("train_commitment.py", ("eval", "factuality"), tmp_path / "model.json")
    shipped = json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8"))
    assert (made["weights"], made["centres"]) == (shipped["weights"], shipped["centres"]), "rerun scripts/train_commitment.py"


def test_offsets_and_errors():
    text = "The river rose quickly."
    result = commitment(text, text.index("rose"), text.index("rose") + 2)  # a partial word expands to its token
    assert result["predicate"] == "rose" and text[result["start"]:result["end"]] == "rose"
    with pytest.raises(UsageError):
        commitment(text, 5, 100)


def test_scores_fall_in_their_own_bands():
    for value, text, word in (("certain", "The bridge collapsed.", "collapsed"),
                              ("possible-negative", "The bridge may not have collapsed.", "collapsed"),
                              ("unknown", "If the bridge collapses, traffic stops.", "collapses")):
        result = _at(text, word)
        assert result["value"] == value and value_of_score(result["score"]) == value
    assert value_of_score(2.5) == "certain" and value_of_score(2.4) == "probable"
    assert value_of_score(1.0) == "probable" and value_of_score(0.8) == "possible"
    assert value_of_score(0.0) == "unknown" and value_of_score(-3.0) == "certain-negative"
    assert value_of_score(-0.4) == "possible-negative"


def test_benchmark_scoring_on_a_slice_of_the_factuality_data():
    folder = shared_path("eval", "factuality")
    spec = importlib.util.spec_from_file_location("eval_commitment", REPO / "bench" / "eval_commitment.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclass looks its module up while being defined
    spec.loader.exec_module(bench)
    results = bench.evaluate(folder, ["UW"], limit=120)
    items = results[("items", "UW")]
    assert items and all(i.ours is not None and i.text[i.start:i.end].strip() for i in items)
    assert {i.part for i in items} == {"tune", "untouched", "dev"}
    dev = results[("UW", "dev")]
    assert dev["n"] > 100 and dev["majority"] == "certain"
    assert not math.isnan(dev["pearson"]) and dev["pearson"] > 0.3  # the rules order events by commitment
    assert dev["accuracy"] > 0.45 and dev["rules_accuracy"] > 0.45
    assert dev["pearson"] > dev["rules_pearson"]  # the model orders them better
