"""Pathological text shapes cost bounded work per token (issue 15): long runs of one character are
cut before the tokenizer, runs without a sentence end are cut before the parser, and per-sentence
lookups use position indexes. The costs themselves are printed by ``bench/adversarial.py``; here we
check that the text survives character for character and that the cuts fall where they should."""

from __future__ import annotations

from datetime import date

import pytest

from frenemy.nlp.attribution import _paragraph
from frenemy.nlp.pipeline import DocRecord, analyse, pipeline
from frenemy.ontology.loader import toml


@pytest.fixture(scope="module")
def nlp():
    return pipeline()


def test_a_long_run_is_cut_into_tokens_and_the_text_is_kept(nlp):
    longest = toml("sentence_cues.toml")["long_words"]["max_chars"]
    text = "<" * (3 * longest + 7) + " Iran met Iraq.\n\n" + "=" * (longest + 1) + "\nThe end."
    doc = nlp(text)
    assert doc.text == text
    assert max(len(t) for t in doc) == longest
    assert [t.text for t in doc[4:8]] == ["Iran", "met", "Iraq", "."]


def test_ordinary_text_is_tokenised_as_the_model_does(nlp):
    text = "The U.S. said on Tuesday that it wasn't told.\n\nIran's envoy (Mr. Zarif) agreed."
    assert [t.text for t in nlp(text)] == [t.text for t in nlp.tokenizer.inner(text)]


def test_a_run_without_a_sentence_end_is_cut_at_its_last_full_stop(nlp):
    limit = toml("sentence_cues.toml")["long_runs"]["max_tokens"]
    sentence = "Iran and Iraq talked with Turkey while Syria waited in the capital. "
    text = sentence * (2 * limit // 13 + 2)
    doc = nlp(text)
    assert doc.text == text
    assert all(len(s) <= limit for s in doc.sents)
    assert all(s.text.rstrip().endswith(".") for s in list(doc.sents)[:-1])


def test_a_run_with_no_mark_at_all_is_cut_at_the_limit(nlp):
    limit = toml("sentence_cues.toml")["long_runs"]["max_tokens"]
    text = " ".join(["word"] * (3 * limit))
    assert max(len(s) for s in nlp(text).sents) <= limit


def test_paragraph_index_counts_blank_lines_before_the_sentence(nlp):
    doc = nlp("Iran spoke.\n\nIraq answered.\n\n\n\nSyria waited. Turkey left.")
    sentences = list(doc.sents)
    firsts = [s[0] for s in sentences if not s[0].is_space]
    assert [_paragraph(t) for t in firsts] == [doc.text.count("\n\n", 0, t.sent.start_char) for t in firsts]
    assert _paragraph(firsts[-1]) == _paragraph(firsts[-2]) > _paragraph(firsts[1]) > _paragraph(firsts[0])


def test_events_are_still_found_in_a_huge_one_line_document():
    filler = "Officials met in the capital and discussed trade, " * 200
    [analysis] = analyse([DocRecord("long", filler + "Iran arrested members of al-Qaeda. " + filler, date(2012, 5, 1))])
    assert ("IRN", "al-qaeda") in {(e["source_id"], e["target_id"]) for e in analysis.events}
