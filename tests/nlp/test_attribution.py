"""Attribution and commitment with the real pipeline, on sentences written for the tests."""

from datetime import date

from frenemy.nlp.pipeline import DocRecord, analyse


def _events(text: str, author: str | None = "Jane Reporter", publisher: str | None = "Daily Wire"):
    [analysis] = analyse([DocRecord("t", text, date(2011, 6, 1), "day", author, publisher)])
    return analysis.events


def _one(events, trigger):
    found = [e for e in events if e["trigger"].startswith(trigger)]
    assert found, [e["trigger"] for e in events]
    return found[0]


def test_author_voice_by_default():
    event = _one(_events("Turkey expelled two Syrian diplomats on Monday."), "expelled")
    assert event["attributed_to"] == "Jane Reporter" and event["attribution_chain"] == ["Jane Reporter"]
    assert event["commitment"] == "certain" and event["cue"] is None
    publisher_only = _one(_events("Turkey expelled two Syrian diplomats.", author=None), "expelled")
    assert publisher_only["attributed_to"] == "Daily Wire"


def test_reported_speech_with_a_named_official():
    event = _one(_events("Israeli Defence Minister Moshe Arens said that Syria attacked Israeli positions."), "attacked")
    assert event["attributed_to"].endswith("Moshe Arens") and event["cue"] == "said"
    assert event["attributed_actor"] == "ISR"
    assert event["attribution_chain"][0] == "Jane Reporter" and len(event["attribution_chain"]) == 2


def test_claims_are_alleged_and_denials_are_negative():
    alleged = _one(_events("A defector claims that Iran armed the Taliban."), "armed")
    assert alleged["alleged"] is True and alleged["cue"] == "claims"
    denied = _one(_events("Pakistan denied that its army shelled Indian posts."), "shelled")
    assert denied["denied"] is True and denied["commitment"].endswith("negative")


def test_according_to_and_nested_sources():
    event = _one(_events("According to the report, Syria supplied weapons to Hezbollah."), "supplied")
    assert event["cue"] == "according to" and event["attributed_to"] == "the report"
    nested = _one(_events("The minister said the report shows that Syria supplied weapons to Hezbollah."), "supplied")
    assert nested["attribution_chain"][-2:] == ["The minister", "the report"]


def test_hedges_lower_commitment():
    assert _one(_events("Israel may have attacked a Syrian convoy."), "attacked")["commitment"] == "possible"
    likely = _one(_events("Russia likely supplied missiles to Syria."), "supplied")
    assert likely["commitment"] == "probable" and likely["hedged"] is True


def test_no_evidence_conditionals_and_futures_are_not_facts():
    none = _one(_events("The commission found no evidence that Iran helped al-Qaeda."), "helped")
    assert none["no_evidence"] is True and none["commitment"] == "unknown"
    cond = _one(_events("If Iran attacks Israel, the United States will respond."), "attacks")
    assert cond["hypothetical"] is True and cond["commitment"] == "unknown"
    future = _one(_events("Japan will send aid to Indonesia next week."), "send")
    assert future["future"] is True and future["commitment"] == "unknown"


def test_quotation_continues_into_the_next_sentence():
    text = ("“We will not negotiate,” the Hamas spokesman said. “Israel attacked our positions and then "
            "blockaded Gaza.” He gave no details.")
    event = _one(_events(text), "blockaded")
    assert "spokesman" in event["attributed_to"] and event["attributed_actor"] == "hamas"


def test_commitment_per_source_in_the_chain():
    event = _one(_events("The minister said the report shows that Syria supplied weapons to Hezbollah."), "supplied")
    assert event["commitment_chain"] == ["unknown", "certain", "certain"]
    denied = _one(_events("Pakistan denied that its army shelled Indian posts."), "shelled")
    assert denied["commitment_chain"] == ["unknown", "certain-negative"]
    own_voice = _one(_events("Turkey expelled two Syrian diplomats."), "expelled")
    assert own_voice["commitment_chain"] == ["certain"]


# -- pronouns never become sources (issue 14) ------------------------------------------------------


def test_it_said_takes_the_subject_of_the_sentence_before():
    event = _one(_events("The fisheries ministry issued a statement on Friday. It said Chile had seized two Peruvian boats."),
                 "seized")
    assert event["attributed_to"] == "The fisheries ministry" and event["cue"] == "said"
    assert event["attributed_type"] == "official_statement"


def test_it_said_with_no_antecedent_is_the_documents_voice():
    event = _one(_events("It said Chile had seized two Peruvian boats.", author=None), "seized")
    assert event["attributed_to"] == "Daily Wire" and event["attribution_chain"] == ["Daily Wire"]


def test_we_said_outside_a_quotation_is_the_documents_voice():
    event = _one(_events("We said last spring that Chile had seized two Peruvian boats.", author=None), "seized")
    assert event["attributed_to"] == "Daily Wire" and event["attribution_chain"] == ["Daily Wire"]


def test_a_pronoun_voice_keeps_its_cue_for_the_commitment():
    denied = _one(_events("It denied that its navy had seized two Peruvian boats.", author=None), "seized")
    assert denied["attributed_to"] == "Daily Wire" and denied["denied"] is True
    claimed = _one(_events("They claimed that Chile had seized two Peruvian boats.", author=None), "seized")
    assert claimed["attributed_to"] == "Daily Wire" and claimed["alleged"] is True


def test_no_source_is_named_by_a_pronoun():
    text = ("It said Chile had seized two Peruvian boats. They claimed that Peru sheltered smugglers. "
            "We said that Chile expelled a Peruvian diplomat. She said Peru recalled its ambassador.")
    names = {s.lower() for e in _events(text) for s in e["attribution_chain"]}
    assert names and not names & {"it", "its", "they", "their", "we", "our", "she", "he", "i"}
