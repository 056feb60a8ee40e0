"""The extraction pipeline as one pure function: document records in, table rows out.

``analyse`` is what every runner calls (in-process, worker processes, Ray): it takes plain
records and returns plain rows, so no ``nlp`` object or ``Doc`` ever crosses a process
boundary. The model is loaded once per process by ``pipeline``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from spacy.tokens import Doc

from frenemy.nlp import actors as _actors  # noqa: F401  (registers the factory)
from frenemy.nlp import events as _events  # noqa: F401  (registers the factory)
from frenemy.nlp import paragraphs as _paragraphs  # noqa: F401  (registers the component)
from frenemy.nlp.attribution import source_types, voice_type
from frenemy.nlp.model import load_model
from frenemy.nlp.timex import EventTime, resolve_event_time
from frenemy.nlp.tokens import BoundedTokenizer
from frenemy.ontology.actors import ActorCatalogue, load_catalogue
from frenemy.ontology.cameo import code_info

if not Doc.has_extension("frenemy_published"):  # the document's date: persons' dated roles are read on it
    Doc.set_extension("frenemy_published", default=None)

#: The components our analysis needs from the trained pipeline.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@dataclass(frozen=True)
class DocRecord:
    """What the pipeline needs to know about a document."""

    doc_id: str
    text: str
    published: date | None = None
    date_precision: str = "day"
    author: str | None = None
    publisher: str | None = None

    @property
    def voice(self) -> str:
        """Who speaks when the text speaks in its own voice: the author, else the publisher."""
        return self.author or self.publisher or "the author"


@dataclass
class Analysis:
    """Rows extracted from one document."""

    doc_id: str
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)


@cache
def pipeline(model: str | None = None, actors_files: tuple[str, ...] = ()):
    """The trained pipeline with our components added; built once per process and arguments."""
    nlp = load_model(model)
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    config = {"actors_files": list(actors_files)}
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("frenemy_paragraphs", before="parser")
    nlp.add_pipe("frenemy_actors", config=config)
    nlp.add_pipe("frenemy_events", config=config)
    return nlp


def analyse(
    records: Sequence[DocRecord],
    model: str | None = None,
    actors_files: Iterable[str] = (),
    batch_size: int = 32,
) -> list[Analysis]:
    """Extract events and actor mentions from ``records``; the same input gives the same rows."""
    files = tuple(actors_files)
    nlp = pipeline(model, files)
    catalogue = load_catalogue(files)
    texts = ((_dated_doc(nlp, r), r) for r in records)
    return [_rows(doc, record, catalogue) for doc, record in nlp.pipe(texts, as_tuples=True, batch_size=batch_size)]


def _dated_doc(nlp, record: DocRecord) -> Doc:
    """The record's text tokenised, carrying its date for the components."""
    doc = nlp.make_doc(record.text)
    doc._.frenemy_published = record.published
    return doc


def _rows(doc, record: DocRecord, catalogue: ActorCatalogue) -> Analysis:
    analysis = Analysis(record.doc_id)
    persons = doc._.frenemy_persons or {}
    used: set[str] = set()
    for mention in doc._.frenemy_mentions or []:
        span = doc[mention.start : mention.end]
        analysis.mentions.append({
            "doc_id": record.doc_id, "actor_id": mention.actor_id, "kind": mention.kind, "text": mention.text,
            "char_start": span.start_char, "char_end": span.end_char,
        })
        used.add(mention.actor_id)
    previous: EventTime | None = None
    sentence_index = {s.start: n for n, s in enumerate(doc.sents)}
    hints = {id(h) for h in doc._.frenemy_event_hints or []}
    mentions = sorted([*(doc._.frenemy_events or []), *(doc._.frenemy_event_hints or [])], key=lambda e: e.trigger.i)
    timed = []
    by_trigger: dict[tuple[int, int], EventTime | None] = {}  # one trigger is dated once, whatever its pairs
    for event in mentions:
        trigger = doc[event.trigger.i : event.trigger_end]
        span = (trigger.start, trigger.end)
        if span in by_trigger:
            when = by_trigger[span]
        else:
            when = by_trigger[span] = _event_time(event, trigger, record, previous)
            candidate = not event.source.resolved or (event.target is not None and not event.target.resolved)
            if when is not None and when.basis != "document-date" and not candidate and event.frame != "stance":
                previous = when  # the narrative's time; a candidate with an unresolved side, or a stance, does not move it
        timed.append((event, trigger, when, id(event) in hints))
    for n, (event, trigger, when, is_hint) in enumerate(timed):
        if is_hint:
            continue
        if when is not None and when.basis == "document-date":
            when = _coreferent_time(event, n, timed) or when
        row = _event_row(record, event, trigger, when, sentence_index[event.sentence.start], catalogue, persons)
        analysis.events.append(row)
        used.update(a for a in (row["source_id"], row["target_id"], row["source_agent"], row["target_agent"]) if a)
    for statement in doc._.frenemy_statements or []:
        row = _claim_row(record, statement, catalogue, persons)
        analysis.claims.append(row)
        used.update(a for a in (row["subject_id"], row["object_id"]) if a)
    analysis.actors = _actor_rows(used, catalogue, persons)
    return analysis


def _claim_row(record: DocRecord, statement, catalogue: ActorCatalogue, found: dict) -> dict[str, Any]:
    sentence = statement.sentence
    subject = catalogue.get(statement.subject.actor_id) or found.get(statement.subject.actor_id)
    obj = catalogue.get(statement.object.actor_id) or found.get(statement.object.actor_id)
    row: dict[str, Any] = {
        "doc_id": record.doc_id,
        "subject_id": statement.subject.actor_id,
        "subject_name": subject.name if subject else None,
        "object_id": statement.object.actor_id,
        "object_name": obj.name if obj else None,
        "polarity": statement.polarity,
        "strength": statement.strength,
        "statement": statement.phrase,
        "sentence": sentence.text,
        "char_start": sentence.start_char,
        "char_end": sentence.end_char,
        "report_date": record.published,
        "basis": statement.basis,
    }
    row.update(_attribution_columns(statement, record))
    key = f"{record.doc_id}|{statement.term.idx}|{row['subject_id']}|{row['object_id']}"
    row["claim_id"] = "clm_" + hashlib.sha256(key.encode()).hexdigest()[:20]
    return row


def _event_time(event, trigger, record: DocRecord, previous: EventTime | None) -> EventTime | None:
    """Time from the trigger's own phrase first ("Iran's detention of X after 9/11", not the
    "released Thursday" elsewhere in the sentence), else from the whole sentence."""
    head, sentence = event.trigger, event.sentence
    text = _masked(sentence, head)
    start, end = trigger.start_char - sentence.start_char, trigger.end_char - sentence.start_char
    clause = head.doc[head.left_edge.i : head.right_edge.i + 1]
    if clause.start != sentence.start or clause.end != sentence.end:
        offset = clause.start_char - sentence.start_char
        clause_text = text[offset : offset + len(clause.text)]
        when = resolve_event_time(clause_text, start - offset, end - offset, record.published, record.date_precision, previous)
        if when is not None and when.basis in {"explicit", "anchor-event"}:
            return when
    when = resolve_event_time(text, start, end, record.published, record.date_precision, previous)
    if when is not None and when.basis == "document-date" and previous is not None and _past_perfect(head):
        # "had been involved": before the time the narrative had reached, not at the report date
        return EventTime(previous.start.replace(year=previous.start.year - 1) if previous.start.year > 1 else previous.start,
                         previous.end, "range", "relative-to-event", "past perfect, before the previous dated event")
    return when


def _past_perfect(verb) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in verb.children)


_DATED = {"explicit", "anchor-event", "relative-to-event"}


def _coreferent_time(event, index: int, timed: list) -> EventTime | None:
    """An undated report of an event takes the time of another, dated report of the same event
    in the document: same CAMEO root, same doer (or none named), same receiver (or none named),
    nearest first. "Al Qaeda abducted the Iranian" takes "a diplomat kidnapped 15 months earlier"."""
    def same(other, is_hint: bool) -> bool:
        if other.code[:2] != event.code[:2]:
            return False
        if is_hint:
            return event.target is not None and other.target.actor_id == event.target.actor_id
        source_ok = other.source.actor_id == event.source.actor_id or not other.source.resolved
        target_ok = other.target is None or not other.target.resolved or (
            event.target is not None and other.target.actor_id == event.target.actor_id)
        return source_ok and target_ok

    candidates = [
        (abs(n - index), when, other)
        for n, (other, _, when, is_hint) in enumerate(timed)
        if n != index and when is not None and when.basis in _DATED and other.frame != "stance" and same(other, is_hint)
    ]
    if not candidates:
        return None
    _, when, other = min(candidates, key=lambda c: c[0])
    return EventTime(when.start, when.end, when.precision, "relative-to-event", f"as reported with '{other.trigger.text}'")


def _masked(sentence, trigger) -> str:
    """The sentence with a "then" that modifies something other than the trigger blanked out:
    "Saif al-Adel, then al-Qaeda's number three" says nothing about when the trigger happened."""
    chars = list(sentence.text)
    for token in sentence:
        if token.lower_ == "then" and token.head.i != trigger.i:
            a = token.idx - sentence.start_char
            chars[a : a + len(token.text)] = " " * len(token.text)
    return "".join(chars)


def _event_row(record, event, trigger, when, sentence_index, catalogue, persons) -> dict[str, Any]:
    info = code_info(event.code)
    sentence = event.sentence
    row: dict[str, Any] = {
        "doc_id": record.doc_id,
        "event_date": when.start if when else None,
        "event_date_end": when.end if when else None,
        "date_precision": when.precision if when else "unknown",
        "date_basis": when.basis if when else "unknown",
        "date_text": when.text if when else None,
        "report_date": record.published,
        "event_code": event.code,
        "event_root_code": info.root,
        "quad_class": info.quad_class,
        "goldstein": info.goldstein,
        "polarity": info.polarity,
        "negated": bool(event.negated),
        "frame": event.frame,
        "trigger": trigger.text,
        "sentence": sentence.text,
        "sentence_index": sentence_index,
        "char_start": sentence.start_char,
        "char_end": sentence.end_char,
        "trigger_start": trigger.start_char,
        "trigger_end": trigger.end_char,
    }
    for role, side in (("source", event.source), ("target", event.target)):
        arg = side if side is not None and side.resolved else None  # unresolved: only its words and basis
        actor = (catalogue.get(arg.actor_id) or persons.get(arg.actor_id)) if arg else None
        row[f"{role}_id"] = arg.actor_id if arg else None
        row[f"{role}_name"] = actor.name if actor else None
        row[f"{role}_type"] = actor.type if actor else None
        row[f"{role}_country"] = (catalogue.home_country(arg.actor_id) or (actor.country if actor else None)) if arg else None
        row[f"{role}_sector"] = arg.sector if arg else None
        row[f"{role}_agent"] = arg.agent_id if arg else None
        row[f"{role}_text"] = side.text if side else None
        row[f"{role}_basis"] = side.basis if side else None
    row.update(_attribution_columns(event, record))
    key = "|".join(str(_key_part(row, k)) for k in ("doc_id", "trigger_start", "source_id", "source_agent", "target_id",
                                                   "target_agent", "event_code"))
    row["event_id"] = "evt_" + hashlib.sha256(key.encode()).hexdigest()[:20]
    return row


def _key_part(row: dict[str, Any], column: str) -> Any:
    """A column of the event id's key; an unresolved side is keyed by its words."""
    side = column.split("_")[0]
    if column.endswith("_id") and row.get(f"{side}_basis") == "unresolved":
        return "?" + (row[f"{side}_text"] or "")
    return row[column]


def _attribution_columns(event, record: DocRecord) -> dict[str, Any]:
    attribution = event.attribution
    chain = attribution.chain if attribution else []
    immediate = chain[-1] if chain else None
    voice = voice_type(record.voice)
    author_type = source_types()[voice]
    return {
        "attributed_to": immediate.name if immediate else record.voice,
        "attributed_type": immediate.type if immediate else voice,
        "reliability_reason": immediate.reason if immediate else author_type["reason"],
        "attributed_actor": immediate.actor.actor_id if immediate and immediate.actor else None,
        "attribution_chain": [record.voice, *(s.name for s in chain)],
        "cue": attribution.cue if attribution else None,
        "commitment": attribution.value if attribution else "certain",
        "commitment_chain": attribution.chain_values if attribution else ["certain"],
        "alleged": bool(attribution and attribution.alleged),
        "hedged": bool(attribution and attribution.hedged),
        "denied": bool(attribution and attribution.denied),
        "no_evidence": bool(attribution and attribution.no_evidence),
        "hypothetical": bool(attribution and attribution.hypothetical),
        "future": bool(attribution and attribution.future),
        "source_reliability": immediate.grade if immediate else author_type["grade"],
        "credibility": None,
    }


def _actor_rows(used: set[str], catalogue: ActorCatalogue, persons: dict) -> list[dict[str, Any]]:
    rows = []
    for actor_id in sorted(used):
        actor = persons.get(actor_id) or catalogue.get(actor_id)
        if actor is None:
            continue
        rows.append({
            "actor_id": actor.actor_id, "name": actor.name, "type": actor.type, "country": actor.country,
            "sector": actor.sector, "parent_id": actor.parent_id, "aliases": "|".join(actor.aliases),
            "origin": _origin(actor_id, persons),
        })
    return rows


def _origin(actor_id: str, found: dict) -> str:
    """Where an actor comes from: the catalogue, a person a document ties to a catalogue actor
    ("document"), or a name the catalogue does not hold ("provisional")."""
    if actor_id not in found:
        return "catalogue"
    return "document" if found[actor_id].parent_id else "provisional"
