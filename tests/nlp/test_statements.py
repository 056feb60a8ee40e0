"""Relationship statements with the real pipeline, on sentences written for the tests."""

from datetime import date

import pytest

from frenemy.nlp.pipeline import DocRecord, analyse


def _claims(text: str):
    [analysis] = analyse([DocRecord("t", text, date(2015, 1, 1), "day", "A. Writer", "Gazette")])
    return analysis.claims


def _dyad(claim):
    return {claim["subject_id"], claim["object_id"]}


def test_named_pair_and_degree():
    [claim] = _claims("Egypt had a deeply hostile relationship with Libya, the minister said.")
    assert _dyad(claim) == {"EGY", "LBY"} and claim["polarity"] == -1 and claim["strength"] == 1.0
    assert claim["attributed_to"] == "the minister" and claim["cue"] == "said"


def test_the_two_speaks_of_the_main_dyad():
    text = "Turkey and Syria met in Ankara. Syria later accused Turkey of arming rebels. The two are largely antagonistic."
    claims = [c for c in _claims(text) if "antagonistic" in c["statement"]]
    assert claims and _dyad(claims[0]) == {"TUR", "SYR"} and claims[0]["strength"] == 0.8


def test_negation_and_rather_than():
    text = "Rather than being allies, Qatar and Bahrain are bitter rivals."
    polarities = {c["statement"].lower().split()[-1]: c["polarity"] for c in _claims(text)}
    assert polarities.get("allies") == -1 and any(p == -1 for s, p in polarities.items() if "rival" in s)


def test_friends_or_foes_is_a_question_not_a_statement():
    claims = _claims("Japan and China: friends or foes?")
    assert claims and all(c["polarity"] == 0 and c["commitment"] == "unknown" for c in claims)


def test_no_evidence_finding_is_flagged():
    [claim] = _claims("The inquiry found no evidence that Sudan helped the rebels of Chad.")
    assert claim["no_evidence"] is True and claim["commitment"] == "unknown" and claim["attributed_to"] == "The inquiry"
    assert claim["source_reliability"] == "B"


def test_a_lone_relationship_word_with_no_pair_is_not_a_statement():
    assert _claims("Tension rose in the capital on Monday.") == []


def test_comparison_keeps_the_winning_term():
    claims = _claims("Iraq and Kuwait: more rivals than partners.")
    assert [c["polarity"] for c in claims] == [-1]


def test_a_coordinated_group_set_against_a_third_actor():
    claims = _claims("Both Iran and Syria remain adversaries of Israel, the report said.")
    assert sorted(tuple(sorted(_dyad(c))) for c in claims) == [("IRN", "ISR"), ("ISR", "SYR")]
    assert all(c["polarity"] == -1 for c in claims)


def test_an_alternative_asked_without_a_question_mark_is_not_asserted():
    claims = _claims("Experts disagree over whether Japan and China are friends or enemies.")
    assert claims and all(c["polarity"] == 0 and c["commitment"] == "unknown" for c in claims)


@pytest.mark.parametrize("text", [
    "For U.S. officials and their allies, Iran's oil is a problem.",
    "The Soviet Union propped up regimes to counterbalance American partners in the region.",
])
def test_one_sides_unnamed_partners_are_no_statement_about_a_pair(text):
    assert not [c for c in _claims(text) if c["statement"].endswith(("allies", "partners"))]


def test_a_named_ally_in_apposition_is_a_statement():
    assert {(c["subject_id"], c["object_id"]) for c in _claims("Iran and its ally Syria condemned Israel.")} >= {("IRN", "SYR")}


def test_both_as_subject_against_named_actors_gives_each_member():
    claims = _claims("Iran and Syria met in Damascus. Both are engaged in campaigns against mutual enemies such as "
                     "Israel and Egypt.")
    pairs = {frozenset((c["subject_id"], c["object_id"])) for c in claims if c["polarity"] == -1}
    assert {frozenset(("IRN", "ISR")), frozenset(("SYR", "ISR")), frozenset(("IRN", "EGY"))} <= pairs


def test_the_pairs_own_relationship_and_places_are_not_parties():
    assert {(c["subject_id"], c["object_id"], c["polarity"]) for c in _claims("In Damascus, Iran and Syria reaffirmed their alliance.")} == {("IRN", "SYR", 1)}
    claims = _claims("From Afghanistan to Libya, US officials are increasingly concerned by mounting Russian military activity.")
    assert {(c["subject_id"], c["object_id"], c["polarity"]) for c in claims} == {("USA", "RUS", -1)}


def test_pro_and_anti_prefixes_take_a_side():
    assert {(c["subject_id"], c["object_id"], c["polarity"]) for c in _claims(
        "The announcement is the latest in a series of pro-Israeli moves by Trump's administration.")} == {("ISR", "USA", 1)}
    assert {(c["subject_id"], c["object_id"], c["polarity"]) for c in _claims(
        "Afghan anti-Taliban forces captured the airport.")} == {("AFG", "taliban", -1)}
    assert not _claims("Pro-government protesters marched in Cairo.")


def test_a_multi_word_name_in_a_coordinated_group_is_one_side():
    claims = _claims("Both Iran and al-Qaeda remain adversaries of the United States.")
    assert {(c["subject_id"], c["object_id"]) for c in claims} == {("IRN", "USA"), ("al-qaeda", "USA")}


def test_a_clause_describing_the_members_of_an_alliance_names_no_party_to_it():
    text = ("Clashes continued on Monday. The Islamic Front, an alliance of seven groups fighting Syrian government "
            "forces, denied involvement in the attack.")
    assert not [c for c in _claims(text) if c["basis"] == "statement" and "SYR" in (c["subject_id"], c["object_id"])]
