"""Stance evidence: two actors related by a signed predicate they are both arguments of, else by
the trained stance model's reading of the sentence between them."""

import json
from datetime import date
from pathlib import Path

from frenemy.assess.dyad import assess_dyad
from frenemy.assess.evidence import from_claim, gather, rules
from frenemy.nlp.pipeline import DocRecord, analyse, pipeline
from frenemy.nlp.stance import MODEL_FILE, StanceModel, _phrase_top, _place, load_stance_model, pair_features
from frenemy.ontology.loader import data_path
from tests.assess.rows import claim, event
from tests.conftest import retrained


def _claims(text: str):
    [analysis] = analyse([DocRecord("t", text, date(2012, 5, 1))])
    return analysis.claims, analysis.events


def _stances(claims):
    return {(c["subject_id"], c["object_id"], c["polarity"]) for c in claims if c["basis"] == "stance"}


def test_a_signed_noun_both_actors_are_arguments_of_is_a_stance():
    claims, _ = _claims("Pakistan's bitter feud with India over Kashmir continued.")
    assert _stances(claims) == {("PAK", "IND", -1)}
    assert all(c["basis"] in {"statement", "stance"} for c in claims)


def test_each_pair_is_related_by_the_predicate_where_their_chains_meet():
    claims, _ = _claims("Syria's support for Hezbollah fighters angered Israel.")
    stances = _stances(claims)
    # Syria and Hezbollah meet at "support"; Syria and Israel only at "angered", not at "support"
    assert ("SYR", "hezbollah", 1) in stances and ("SYR", "ISR", -1) in stances and ("SYR", "ISR", 1) not in stances


def test_a_pair_a_coded_event_already_relates_gets_no_stance():
    claims, events = _claims("Russia backs Serbia in its dispute with Kosovo.")
    assert any(e["source_id"] == "RUS" and e["target_id"] == "SRB" for e in events)
    assert not any({"RUS", "SRB"} == {s[0], s[1]} for s in _stances(claims))
    # Kosovo is a topic of the dispute, no party to "backs": no signed word relates it; the trained
    # model's reading of the sentence, where it has one, is only a weak one
    assert all(strength < 0.5 for pair, strength in _strengths(claims).items() if "XKX" in pair[:2])


def test_stance_is_its_own_evidence_class_weighed_below_a_statement():
    stance = from_claim(claim("PAK", "IND", -1, date(2012, 5, 1), basis="stance", statement="feud with"))
    statement = from_claim(claim("PAK", "IND", -1, date(2012, 5, 1), statement="rivals"))
    assert stance.evidence_class == "stance_conflict" and statement.evidence_class == "negative_statement"
    assert abs(stance.weight - statement.weight * rules()["weights"]["basis"]["stance"]) < 1e-9 < stance.weight
    verdict = assess_dyad(("PAK", "Pakistan"), ("IND", "India"), [], [claim("PAK", "IND", -1, date(2012, 5, 1),
                                                                            basis="stance")]).verdict
    assert verdict.score is not None and verdict.score < 0


def test_a_verdict_resting_on_stance_says_so_and_is_held_with_less_confidence():
    rows = [claim("PAK", "IND", -1, date(2012, 5, d), by=f"Analyst {d}", grade="A", credibility=1, doc=f"d{d}")
            for d in range(1, 8)]
    firm = assess_dyad(("PAK", "Pakistan"), ("IND", "India"), [], rows).verdict
    weak = assess_dyad(("PAK", "Pakistan"), ("IND", "India"), [],
                       [{**r, "basis": "stance"} for r in rows]).verdict
    order = ["low", "moderate", "high"]
    assert order.index(weak.confidence) == order.index(firm.confidence) - 1
    assert "stance evidence" in weak.statement and "stance evidence" not in firm.statement


def test_an_announced_intention_to_harm_that_the_dictionary_does_not_code_is_a_threat_not_cooperation():
    _, events = _claims("The Kurds vowed to defeat the Islamic State.")
    [event] = [e for e in events if e["target_id"] == "isis"]
    assert event["event_root_code"] == "13" and event["quad_class"] == 3
    _, helped = _claims("Turkey vowed to rebuild Syria.")  # no harm read: still an intent to cooperate
    assert {e["event_root_code"] for e in helped if e["target_id"] == "SYR"} == {"03"}


def _strengths(claims):
    return {(c["subject_id"], c["object_id"], c["polarity"]): c["strength"] for c in claims if c["basis"] == "stance"}


def test_where_no_signed_word_relates_two_actors_the_trained_model_reads_the_sign():
    # "working alongside" is no relationship cue, CAMEO trigger or strong sentiment word
    claims, events = _claims("Peruvian engineers are working alongside Chilean crews on the new bridge.")
    assert [e["frame"] for e in events] == ["stance"]  # no coded event: only the stance read as one
    strengths = _strengths(claims)
    assert set(strengths) == {("PER", "CHL", 1)}
    assert load_stance_model().margin <= strengths[("PER", "CHL", 1)] < 1.0  # a reading, as sure as the model is
    claims, _ = _claims("The Kenyan government ordered Somali traders out of the market.")
    assert ("KEN", "SOM", -1) in _strengths(claims)


def test_a_signed_word_decides_before_the_model_and_counts_in_full():
    claims, _ = _claims("Pakistan's bitter feud with India over Kashmir continued.")
    assert _strengths(claims) == {("PAK", "IND", -1): 1.0}


def test_the_model_reads_relations_not_names():
    model = json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8"))
    assert "'tune' half" in model["provenance"]["data"] and model["provenance"]["instances"] > 100
    assert 0.0 <= model["margin"] < 1.0
    assert load_stance_model().weights == model["weights"]
    nlp = pipeline()
    doc = nlp("Iran's support for Hezbollah angered Israel.")
    feats = pair_features(doc[0], doc[6], nlp.get_pipe("frenemy_events").lexicon)
    assert not any("iran" in f.lower() or "israel" in f.lower() for f in feats)
    neutral = StanceModel({}, 0.4, False)
    assert neutral.probability(feats) == 0.5  # no weights, no reading


def test_the_training_script_reproduces_the_shipped_weights(tmp_path: Path):
    shipped = json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8"))
    args = ["--margin", str(shipped["margin"])] + ([] if shipped["sentence_words"] else ["--no-sentence-words"])
    made = retrained("train_stance.py", ("eval", "plv_train.jsonl"), tmp_path / "model.json", *args)
    assert made["weights"] == shipped["weights"], "rerun scripts/train_stance.py"
    assert made["material_weights"] == shipped["material_weights"], "rerun scripts/train_stance.py"


def test_the_possessor_of_a_relational_noun_says_whose_not_who():
    claims, events = _claims("Syria's neighbours condemned the attack on Turkey.")
    assert not [c for c in claims if {c["subject_id"], c["object_id"]} == {"SYR", "TUR"}]
    assert not [e for e in events if {e["source_id"], e["target_id"]} == {"SYR", "TUR"}]
    _, events = _claims("Turkey's NATO allies called on Greece to avoid any action.")
    assert {(e["source_id"], e["target_id"]) for e in events} == {("nato", "GRC")}


def test_a_stance_no_coded_event_covers_is_also_an_event_of_its_quadclass():
    claims, events = _claims("Kosovo is sending a military platoon to Kuwait.")
    assert ("XKX", "KWT", 1) in _stances(claims)
    [event] = [e for e in events if e["frame"] == "stance"]
    assert (event["source_id"], event["target_id"]) == ("XKX", "KWT")
    assert event["quad_class"] in (1, 2) and event["source_basis"] == event["target_basis"] == "stance"
    _, events = _claims("Pakistan's bitter feud with India over Kashmir continued.")
    assert [(e["source_id"], e["target_id"], e["quad_class"]) for e in events if e["frame"] == "stance"] == [("PAK", "IND", 3)]


def test_an_actor_a_coded_event_of_the_sentence_already_involves_gets_no_stance_event():
    claims, events = _claims("Iran detained al-Qaeda members and Syria praised Turkey's support for Iraq.")
    assert any(e["source_id"] == "IRN" and e["target_id"] == "al-qaeda" for e in events)
    assert not [e for e in events if e["frame"] == "stance" and {"IRN", "al-qaeda"} & {e["source_id"], e["target_id"]}]


def test_one_noun_phrase_or_a_setting_is_no_pair_of_parties():
    doc = pipeline()("Settlers in the West Bank city of Hebron set fire to the offices of Hamas frontman Khaled Meshaal.")
    hebron, city = next(t for t in doc if t.text == "Hebron"), next(t for t in doc if t.text == "city")
    hamas, meshaal = next(t for t in doc if t.text == "Hamas"), next(t for t in doc if t.text == "Meshaal")
    assert _phrase_top(hebron).i == city.i and _place(city)
    assert _phrase_top(hamas).i == _phrase_top(meshaal).i


def test_the_assessment_counts_a_stance_once_as_its_claim():
    stance_claim = claim("XKX", "KWT", 1, date(2012, 5, 1), basis="stance", statement="sending")
    stance_event = event("XKX", "KWT", "060", date(2012, 5, 1), frame="stance")
    coded_event = event("XKX", "KWT", "060", date(2012, 5, 1))
    found = gather([stance_event, coded_event], [stance_claim])
    assert sorted(e.kind for e in found) == ["claim", "event"] and stance_event["event_id"] not in {e.id for e in found}
