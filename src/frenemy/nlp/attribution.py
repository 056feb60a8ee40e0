"""Who says an event happened, and how sure they are.

For each event, walk up the parse from its trigger to the reporting verbs that embed it ("X said
that ...", "X claims ...", "X denied ...") and to "according to X" phrases; the sources found,
outermost first, form the attribution chain (the author is its implicit root). Commitment
follows FactBank (certain / probable / possible / unknown, positive or negative), computed from
the reporting verb's class and the hedges, negations, conditions and futures around the trigger.
The cue words are data: ``ontology/data/attribution_cues.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from frenemy.nlp import scope
from frenemy.nlp.arguments import ArgActor, ArgumentResolver
from frenemy.nlp.doctext import doc_text
from frenemy.nlp.factuality import apply_model
from frenemy.ontology.cameo import negation_cues
from frenemy.ontology.loader import toml

_BREAKS = "frenemy_paragraph_breaks"  # doc.user_data key: character offsets of every blank line
_QUOTES = "\"“”"
#: Each commitment's place on the -3..+3 factuality scale, inside its band of
#: ../shared/eval/factuality/README.md (certain >= 2.5, probable 1..2.5, possible 0..1).
SCORES = {"certain": 3.0, "probable": 1.8, "possible": 0.6, "unknown": 0.0}


def value_score(value: str) -> float:
    """A commitment value ("probable", "certain-negative") as its band centre on the -3..+3 scale."""
    return SCORES[value.removesuffix("-negative")] * (-1 if value.endswith("-negative") else 1)


@cache
def _cues() -> dict:
    cues = toml("attribution_cues.toml")
    verbs: dict[str, str] = {}  # reporting word -> its category
    nouns: dict[str, str] = {}
    for category in ("neutral", "alleging", "denying", "believing", "suggesting"):
        for verb in cues["reporting"][category]:
            verbs.setdefault(verb, category)
        for noun in cues["reporting_nouns"][category]:
            nouns.setdefault(noun, category)
    return {**cues, "verbs": verbs, "nouns": nouns}


@dataclass
class SourceRef:
    """One link of an attribution chain."""

    name: str
    kind: str  # person | document | organisation | unnamed | pronoun
    actor: ArgActor | None
    cue: str
    category: str  # neutral | alleging | denying | believing | suggesting | according
    type: str = "unknown"  # a section of ontology/data/source_types.toml
    grade: str = "F"
    reason: str = "reliability cannot be judged"


@dataclass
class Attribution:
    chain: list[SourceRef] = field(default_factory=list)  # outermost first; the author is implicit
    commitment: str = "certain"  # certain | probable | possible | unknown
    polarity: str = "positive"  # positive | negative
    alleged: bool = False
    hedged: bool = False
    negated: bool = False
    denied: bool = False
    no_evidence: bool = False
    hypothetical: bool = False
    future: bool = False
    cues: list[str] = field(default_factory=list)  # the words that decided the commitment, outermost first
    basis: str = "rules"  # rules | learned (frenemy.nlp.factuality decided commitment and polarity)
    rules_value: str | None = None  # the rules' value, when the model was asked
    learned_score: float | None = None

    @property
    def score(self) -> float:
        """The commitment on the -3..+3 factuality scale (UW, MEANTIME): the model's expected
        score where it decided, else the rules' value's band centre."""
        if self.learned_score is not None:
            return self.learned_score
        return value_score(self.value)

    @property
    def cue(self) -> str | None:
        return self.chain[-1].cue if self.chain else None

    @property
    def chain_values(self) -> list[str]:
        """FactBank commitment of each source in the chain, from the author inwards: the author
        is uncommitted to what others report (unknown); each reporting source commits as its
        cue says (said/claims: certain, denies: certain-negative, believes: probable, suggests:
        possible); the innermost source's value is the event's commitment."""
        if not self.chain:
            return [self.value]
        by_category = {"denying": "certain-negative", "believing": "probable", "suggesting": "possible"}
        values = ["unknown"] + [by_category.get(s.category, "certain") for s in self.chain]
        values[-1] = self.value
        return values

    @property
    def value(self) -> str:
        """FactBank-style value, e.g. "certain", "probable-negative", "unknown"."""
        if self.commitment == "unknown":
            return "unknown"
        return self.commitment + ("-negative" if self.polarity == "negative" else "")


class Attributor:
    """Attributes the events of one document, remembering recent speakers for "he said"."""

    def __init__(self, resolver: ArgumentResolver, guide: bool = True) -> None:
        self.resolver = resolver
        self.guide = guide  # stored events: the rules alone, as the attribution guide says (no learned commitment)
        self.last: dict = {}
        self.via: dict[str, SourceRef] = {}
        self.descriptions = describe_persons(resolver.doc)
        self.people: list[tuple[SourceRef, set[str]]] = []  # named persons quoted so far, with their descriptions
        self.renamed: dict[str, str] = {}

    def finish(self, attributions: list[Attribution]) -> None:
        """Give every chain the final names of sources the text named more fully later."""
        for attribution in attributions:
            for source in attribution.chain:
                seen = set()
                while source.name in self.renamed and source.name not in seen:
                    seen.add(source.name)
                    source.name = self.renamed[source.name]

    def note_sentence(self, sentence) -> None:
        """Remember who is being quoted: a quotation that runs on into the next sentence (with no
        reporting verb of its own) is still theirs."""
        text = sentence.text
        verbs = _cues()["verbs"]
        doc_nouns = set(_cues()["document_nouns"]["nouns"])
        for token in sentence:  # "In his book, X writes that ...": the paragraph speaks through the book
            if token.pos_ == "VERB" and verbs.get(token.lemma_.lower()) and _medium(token, doc_nouns) is not None:
                speaker = _speaker(token)
                source = self._source(speaker, token, verbs[token.lemma_.lower()]) if speaker is not None else None
                if source is not None and source.kind != "voice":
                    self.last["paragraph"] = (_paragraph(token), source)
        if not any(q in text for q in "“”\""):
            if sentence.start and _paragraph(sentence[0]) != self.last.get("quote_paragraph"):
                self.last.pop("quote", None)
            return
        for token in sentence:
            category = verbs.get(token.lemma_.lower()) if token.pos_ == "VERB" else None
            if category and not _inside_quote(token) and (speaker := _speaker(token)) is not None:
                source = self._source(speaker, token, category)
                if source is not None:
                    self.last["quote"] = source
                    self.last["quote_paragraph"] = _paragraph(sentence[0])
                return

    def attribute(self, trigger: Token, negated: bool = False, frame: str | None = None) -> Attribution:
        """Who asserts the predicate ``trigger`` and how committed they are. ``negated`` and
        ``frame`` are what the event coder already knows (its own negation reading, an intent or
        threat frame); the clause's own negation is read here too, so any predicate can be given."""
        result = Attribution(chain=self._chain(trigger))
        self._commit(trigger, result, negated, frame)
        if not self.guide:  # stored events keep the rules (frenemy.nlp.factuality)
            apply_model(trigger, result)
        result.chain = [s for s in result.chain if s.kind != "voice"]  # "it said" with no antecedent: the author
        return result

    def _chain(self, trigger: Token) -> list[SourceRef]:
        """The sources that embed the trigger, outermost first."""
        chain: list[SourceRef] = []
        for reporter, speaker, category in self._reporters(trigger):
            source = self._source(speaker, reporter, category)
            if source is not None:
                chain.insert(0, source)
        for source in self._according_to(trigger):
            chain.insert(0, source)
        if not chain and _inside_quote(trigger):
            chain += self._sentence_speaker(trigger) or ([self.last["quote"]] if "quote" in self.last else [])
        if chain and _inside_quote(trigger) and chain[-1].kind != "voice":
            self.last["quote"] = chain[-1]
        chain = _merge_first_person(chain, self.last.get("quote"))
        chain = [s for n, s in enumerate(chain) if n == 0 or s.name != chain[n - 1].name]
        return self._through_known_channels(self._in_paragraph_context(trigger, chain))

    def _commit(self, trigger: Token, result: Attribution, negated: bool, frame: str | None) -> None:
        """Commitment, polarity and flags from the clause that holds the trigger; each deciding
        word goes to ``result.cues``."""
        cues, found = _cues(), result.cues
        categories = {s.category for s in result.chain}
        innermost = result.chain[-1] if result.chain else None
        clause = _clause_tokens(trigger)
        words = {t.lower_ for t in clause if t.i != trigger.i}  # "is believed to": "believed" does not hedge itself
        text = trigger.sent.text.lower()
        sentence_words = {t.lower_ for t in trigger.sent}

        def hits(*lists: list[str]) -> list[str]:
            return sorted(words & {w for words_ in lists for w in words_})

        alleged = hits(cues["hedges"]["alleged"])
        result.alleged = "alleging" in categories or bool(alleged)
        result.denied = innermost is not None and innermost.category == "denying"
        if innermost is not None and innermost.category != "neutral":
            found.append(innermost.cue)
        probable = hits(cues["hedges"]["probable"], cues["hearsay"]["probable"])
        possible = hits(cues["hedges"]["possible"], cues["hearsay"]["possible"])
        hearsay = scope.hearsay(trigger, cues["verbs"], set(cues["hearsay"]["raising"]))
        if hearsay is not None:  # "is said to have met": probable; "is alleged to have met": possible
            (possible if hearsay[1] in {"alleging", "suggesting"} else probable).append(hearsay[0])
            result.alleged = result.alleged or hearsay[1] == "alleging"
        doubt = _doubtful_report(innermost, cues["hearsay"])
        if doubt is not None:
            assert innermost is not None, "only an 'according to' source is a doubtful report"
            (possible if doubt == "possible" else probable).append(innermost.name)
        if (innermost is not None and innermost.category == "believing") or probable:
            result.commitment, result.hedged = "probable", (bool(probable) or innermost is None
                                                              or innermost.category != "believing")
            found += probable
        if (innermost is not None and innermost.category == "suggesting") or possible:
            result.commitment, result.hedged = "possible", True
            found += possible
        opinion = [phrase for phrase in cues["hedges"]["opinion"]  # one word ("arguably") only in the clause
                   if (phrase in text if " " in phrase else phrase in words)]
        if opinion:
            result.hedged = True
            found += opinion
            if result.commitment == "certain":
                result.commitment = "probable"
        negators, negating_verbs = negation_cues()
        negation = scope.clause_negation(trigger, negators, negating_verbs, cues["verbs"], cues["negation_scope"])
        control = _controlling_frame(trigger)
        if control == "reject" and trigger.dep_ == "xcomp":  # "refused to meet"; not "declined to say what X did"
            negation = negation or trigger.head.lemma_.lower()
        if negation is None and negated:
            negation = "not"
        result.negated = negation is not None
        evidence = cues["no_evidence"]
        lack = scope.no_evidence(trigger, set(evidence["nouns"]), set(evidence["verbs"]), negators) or (
            "no evidence" if _governed_by_no_evidence(trigger, evidence["phrases"]) else None)
        result.no_evidence = lack is not None
        condition = _conditional(trigger, cues["modality"]["conditional"])
        result.hypothetical = condition is not None or bool(words & set(cues["modality"]["hypothetical_aux"]) and "if" in sentence_words)
        future = _future(trigger, cues["modality"]["future_aux"])
        result.future = frame in {"intent", "threaten"} or control in {"intent", "threaten", "appeal", "demand", "attempt"} or (
            future is not None and not result.hypothetical)
        asked = scope.question(trigger)
        unknown = [lack, condition or ("if" if result.hypothetical else None),
                   future if result.future and future else (control or frame if result.future else None), "?" if asked else None]
        if any(unknown):
            result.commitment = "unknown"
            found += [u for u in unknown if u]
        if negation is not None and (result.commitment != "unknown" or result.denied):  # i.e. result.negated
            found.append(negation)
        if result.denied or (result.negated and result.commitment != "unknown"):
            result.polarity = "negative"

    # -- finding the sources ----------------------------------------------------------------------

    def _reporters(self, trigger: Token):
        """(reporting verb or noun, its speaker token, category), innermost first."""
        verbs, nouns = _cues()["verbs"], _cues()["nouns"]
        child = trigger
        marks = set(_cues()["presupposing"]["temporal_marks"])
        for ancestor in trigger.ancestors:
            if child.dep_ == "advcl" and not verbs.get(ancestor.lemma_.lower()) and _presupposed(child, marks):
                break  # "... overstated the case when the Treasury designated X": presupposed, the author's
            lemma = ancestor.lemma_.lower()
            if ancestor.pos_ in {"VERB", "AUX"} and verbs.get(lemma) and child.dep_ not in {"nsubj", "nsubjpass", "conj"}:
                # (a clause coordinated with the reporting verb is not what it reports: "Both deny
                # aiding militants, but relations have soured")
                speaker = _speaker(ancestor)
                if speaker is not None:
                    yield ancestor, speaker, verbs[lemma]
            elif ancestor.pos_ == "NOUN" and nouns.get(lemma) and child.dep_ in {"acl", "ccomp", "relcl", "prep"}:
                speaker = _noun_speaker(ancestor)  # "Syria's denials that it was implicated"
                if speaker is not None:
                    yield ancestor, speaker, nouns[lemma]
            child = ancestor
        if trigger.pos_ in {"VERB", "AUX"}:  # "“…,” says Ansari": the quote is a sibling clause
            head = trigger.head
            if head.i != trigger.i and verbs.get(head.lemma_.lower()) and trigger.dep_ in {"parataxis"}:
                speaker = _speaker(head)
                if speaker is not None:
                    yield head, speaker, verbs[head.lemma_.lower()]

    def _sentence_speaker(self, trigger: Token) -> list[SourceRef]:
        """'Al-Qa'ida, says Ansari, has been interested in “…”': a quote whose reporting verb is
        parenthetical is the speaker's."""
        verbs = _cues()["verbs"]
        for token in trigger.sent:
            category = verbs.get(token.lemma_.lower()) if token.pos_ == "VERB" else None
            if category and not _inside_quote(token) and (speaker := _speaker(token)) is not None:
                source = self._source(speaker, token, category)
                return [source] if source else []
        return []

    def _through_known_channels(self, chain: list[SourceRef]) -> list[SourceRef]:
        """Once the text has said that a source reaches us through another ("the author writes
        that the defector ..."), the source's later claims keep that channel."""
        for outer, inner in zip(chain, chain[1:]):
            self.via[inner.name] = outer
        seen = {s.name for s in chain}
        while chain and chain[0].name in self.via and self.via[chain[0].name].name not in seen:
            chain = [self.via[chain[0].name], *chain]
            seen.add(chain[0].name)
        return chain

    def _in_paragraph_context(self, trigger: Token, chain: list[SourceRef]) -> list[SourceRef]:
        """A paragraph opened by a document ("In his book, X writes that ...") keeps speaking
        through the paragraph: later sources are nested inside it."""
        paragraph = _paragraph(trigger)
        context = self.last.get("paragraph")
        if context is not None and context[0] == paragraph and chain and chain[0].name != context[1].name:
            chain = [context[1], *chain]
        if chain and chain[0].kind == "document" and (context is None or context[0] != paragraph):
            self.last["paragraph"] = (paragraph, chain[0])
        return chain

    def _according_to(self, trigger: Token):
        for token in [trigger, *trigger.ancestors]:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "according":
                    for to in child.children:
                        for obj in to.children:
                            if obj.dep_ == "pobj":
                                source = self._source(obj, child, "according")
                                if source is not None:
                                    yield source

    def _source(self, speaker: Token, cue: Token, category: str) -> SourceRef | None:
        doc_nouns = set(_cues()["document_nouns"]["nouns"])
        cue_text = "according to" if category == "according" else cue.text
        medium = _medium(cue, doc_nouns)
        if medium is not None and speaker.pos_ != "PRON":  # "In his memoir, the general writes"
            actor = self.resolver.resolve(speaker)
            source = SourceRef(f"{_noun_phrase(speaker)}'s {medium.lemma_.lower()}", "document", actor, cue_text, category)
            source = self._typed(source, medium)
            self.last["document"] = source
            return source
        if speaker.pos_ == "PRON" or speaker.lower_ in _pronouns()["all"]:
            return self._antecedent(speaker, cue, category)
        earlier = self._described_earlier(speaker)
        if earlier is not None:  # "the Palestinian leader" after "Palestinian leader Yasser Arafat"
            source = SourceRef(earlier.name, earlier.kind, earlier.actor, cue_text, category,
                               earlier.type, earlier.grade, earlier.reason)
            self.last["person"] = source
            return source
        name = _noun_phrase(speaker)
        named = next((c for c in speaker.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        if named is not None:  # "A defector, John Roe, claims": the source is John Roe
            name = _noun_phrase(named)
        head = speaker.lemma_.lower()
        if head in doc_nouns:
            kind = "document"
            remembered = self.last.get("document")
            if speaker.dep_ != "compound" and _definite_bare(speaker) and remembered is not None:
                name, actor = remembered.name, remembered.actor  # "the report" after "the CTC report"
            elif remembered is not None and _definite(speaker) and remembered.name.lower().startswith(("a ", "an ")):
                # "an analysis of letters ..." then "The report by the Center ... goes on to say": one
                # document, now named; earlier chains that hold it take the fuller name (see finish)
                self.renamed[remembered.name] = name
                remembered.name = name
                return remembered
            else:
                actor = self.resolver.resolve(speaker)
        else:
            actor = self.resolver.resolve(speaker)
            kind = "person" if speaker.ent_type_ == "PERSON" or (actor and actor.agent_id and actor.agent_id.startswith("person")) else (
                "organisation" if speaker.ent_type_ in {"ORG", "GPE", "NORP"} or actor else "unnamed")
        source = self._typed(SourceRef(name, kind, actor, cue_text, category), speaker)
        self.last[kind if kind != "unnamed" else "organisation"] = source
        return source

    def _antecedent(self, pronoun: Token, cue: Token, category: str) -> SourceRef | None:
        """The source a pronoun that speaks stands for ("it said", "they claim", "its denial"): the
        person, body or document last quoted, else the subject of a sentence just before it in
        the paragraph ("The ministry issued a statement. It said ..."); with neither, the
        document's own voice (kind "voice": its cue counts for the commitment, then ``attribute``
        drops it from the chain), never a source named "it". "I" and "we" are the quoted speaker
        themselves, merged into the outer source (``_merge_first_person``)."""
        pronouns, lower = _pronouns(), pronoun.lower_
        cue_text = "according to" if category == "according" else cue.text
        if lower in pronouns["speaker"]:
            return SourceRef(pronoun.text, "first-person", None, cue_text, category)
        person = lower in pronouns["person"]
        if not person and lower not in pronouns["organisation"]:
            return None  # "someone", "this", "which": nothing to name
        remembered = self.last.get("person" if person else "organisation")
        if remembered is None and lower in {"it", "its"}:
            remembered = self.last.get("document")
        if remembered is not None:
            return SourceRef(remembered.name, remembered.kind, remembered.actor, cue_text, category)
        subject = _previous_subject(pronoun, person, pronouns["all"])
        if subject is not None:
            return self._source(subject, cue, category)
        return SourceRef("", "voice", None, cue_text, category)  # its cue still counts ("it denied")

    def _typed(self, source: SourceRef, speaker: Token) -> SourceRef:
        """Give a source its type and default Admiralty grade from how the text describes it."""
        words = {t.lemma_.lower() for t in speaker.subtree if t.i <= speaker.i} | {speaker.lower_}
        words |= self.descriptions.get(speaker.lower_, set())
        if source.actor is not None and source.actor.agent_id:
            words |= self.descriptions.get(source.actor.agent_id, set())
        type_name = classify_source(words, source.kind, source.actor.sector if source.actor else None,
                                    plural=speaker.tag_ in {"NNS", "NNPS"} and speaker.ent_type_ not in {"ORG", "GPE", "NORP"})
        section = source_types()[type_name]
        source.type, source.grade, source.reason = type_name, section["grade"], section["reason"]
        if source.kind == "person":
            self.people.append((source, words))
        return source

    def _described_earlier(self, speaker: Token) -> SourceRef | None:
        """A definite description ("the official", "the Palestinian leader") of a person the
        text has already named with that title."""
        if speaker.pos_ != "NOUN" or not any(c.lower_ in {"the", "this", "that"} for c in speaker.children):
            return None
        head = speaker.lemma_.lower()
        modifiers = {c.lemma_.lower() for c in speaker.children if c.dep_ in {"amod", "compound"}}
        for source, words in reversed(self.people):
            if head in words and modifiers <= words | {head}:
                return source
        return None


@cache
def _pronouns() -> dict[str, frozenset[str]]:
    """Pronouns by whom they stand for (``argument_cues.toml``, shared with the argument resolver)."""
    table = {k: frozenset(v) for k, v in toml("argument_cues.toml")["pronouns"].items() if k != "relative"}
    return {**table, "all": frozenset().union(*table.values())}


@cache
def source_types() -> dict:
    return toml("source_types.toml")


#: Order in which source types are tried on the words describing a source.
_NOUN_ORDER = ("official_investigation", "primary_document", "defector_informant", "expert_academic",
               "official_statement", "intelligence_agency", "journalist_publisher", "anonymous")


def classify_source(words: set[str], kind: str, sector: str | None, plural: bool = False) -> str:
    """A source type from the words that describe the source, its sector, and its kind."""
    types = source_types()
    if kind == "author":
        return "journalist_publisher"
    if plural and words & set(types["anonymous"]["nouns"]) and kind != "document":
        return "anonymous"
    for name in _NOUN_ORDER:
        if name != "anonymous" and words & set(types[name].get("nouns", [])):
            return name
    if sector in types["intelligence_agency"]["sectors"]:
        return "intelligence_agency"
    if sector in types["official_statement"]["sectors"]:
        return "official_statement"
    if kind == "document":
        return "primary_document"
    return "anonymous" if kind in {"unnamed", "pronoun"} else "unknown"


def voice_type(name: str) -> str:
    """The type of a document's own voice: an official publisher ("U.S. Department of the
    Treasury press release", "The 9/11 Commission Report") or a journalist/publisher."""
    words = {w.strip(".,:;()'’").lower() for w in name.split()}
    for kind in ("official_investigation", "official_statement"):
        if words & set(source_types()[kind]["nouns"]):
            return kind
    return "journalist_publisher"


def describe_persons(doc) -> dict[str, set[str]]:
    """Words that describe each person of the document, by surname and by person id: titles
    before the name ("Iran expert Dr. X"), appositions ("X, a CIA veteran and expert") and
    descriptions the name is apposed to ("An Iranian defector, X")."""
    found: dict[str, set[str]] = {}
    persons = {m.start: m.actor_id for m in (doc._.frenemy_mentions or []) if m.kind == "person"}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        words: set[str] = set()
        for i in range(ent.start - 1, max(-1, ent.start - 6), -1):
            token = doc[i]
            if token.is_punct and token.text not in {"‘", "'"}:
                break
            if token.pos_ in {"NOUN", "PROPN", "ADJ"}:
                words.add(token.lemma_.lower())
            elif token.pos_ not in {"DET", "PART", "ADP"}:
                break
        root = ent.root
        nouns = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        for noun in nouns:
            words |= {t.lemma_.lower() for t in noun.subtree if t.pos_ in {"NOUN", "PROPN", "ADJ"}}
        key = ent[-1].lower_
        found.setdefault(key, set()).update(words)
        if ent.start in persons:
            found.setdefault(persons[ent.start], set()).update(words)
    return found


def _medium(verb: Token, doc_nouns: set[str]) -> Token | None:
    """The document a reporting verb speaks through: "In his book, X writes"."""
    if verb.pos_ != "VERB":
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in doc_nouns:
                    return obj
    return None


def _paragraph(token: Token) -> int:
    """The number of blank-line breaks before the token's sentence (found once per document, then
    a binary search: counting them again for every token made long documents quadratic)."""
    breaks = token.doc.user_data.get(_BREAKS)
    if breaks is None:
        text = doc_text(token.doc)
        breaks = token.doc.user_data[_BREAKS] = [m.start() for m in re.finditer("\n\n", text)]
    return bisect_right(breaks, token.sent.start_char - 2)


def _merge_first_person(chain: list[SourceRef], quoted: SourceRef | None) -> list[SourceRef]:
    """'X said: "We deny that ..."': the "we" is X, with the inner cue's stance."""
    merged: list[SourceRef] = []
    for source in chain:
        if source.kind == "first-person":
            outer = merged.pop() if merged else quoted
            if outer is None:
                continue
            source = SourceRef(outer.name, outer.kind, outer.actor, source.cue, source.category,
                               outer.type, outer.grade, outer.reason)
        merged.append(source)
    return merged


def _previous_subject(pronoun: Token, person: bool, pronouns: frozenset[str], back: int = 2) -> Token | None:
    """The subject of one of the ``back`` sentences before the pronoun's, in its paragraph, that
    the pronoun can stand for: a person for "he"/"she", a body or a thing for "it"/"they"."""
    doc, paragraph = pronoun.doc, _paragraph(pronoun)
    sentence = pronoun.sent
    for _ in range(back):
        if sentence.start == 0:
            return None
        sentence = doc[sentence.start - 1].sent
        if _paragraph(sentence[0]) != paragraph:
            return None
        subject = next((c for c in sentence.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or subject.pos_ == "PRON" or subject.lower_ in pronouns:
            continue
        if (subject.ent_type_ == "PERSON") == person:
            return subject
    return None


def _noun_speaker(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    if noun.dep_ == "dobj" and noun.head.pos_ in {"VERB", "AUX"}:  # "X expressed confidence that ..."
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _speaker(verb: Token) -> Token | None:
    if verb.lemma_.lower() == "quote":  # "X was quoted as saying", "they quoted X as saying": X speaks
        quoted = next((c for c in verb.children if c.dep_ in {"nsubjpass", "dobj"}), None)
        if quoted is not None:
            return quoted
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:  # "X, says Ansari, ...": in an inversion the speaker follows the verb
        after = [c for c in subjects if c.i > verb.i]
        return after[0] if after else subjects[0]
    if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.i != verb.i:  # "the report goes on to say that ..."
        return _speaker(verb.head)
    for child in verb.children:  # "it was reported by X"
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _noun_phrase(token: Token) -> str:
    """The name of a source without relative clauses: "the CTC report", "Ansari", "the report by
    the Combating Terrorism Center"."""
    keep = [t for t in token.subtree if t.i <= token.i and t.dep_ not in {"punct"}]
    start = min(t.i for t in keep)
    end = token.i + 1
    by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in {"by", "of"}), None)
    obj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    if obj is not None and obj.ent_type_ in {"ORG", "PERSON", "GPE", "NORP"}:
        end = obj.i + 1
    return token.doc[start:end].text.strip(_QUOTES + " ,")


def _definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children)


def _definite_bare(token: Token) -> bool:
    """'the report' with nothing naming which report."""
    children = list(token.children)
    return any(c.lower_ in {"the", "this", "that"} for c in children) and not any(
        c.dep_ in {"compound", "poss", "amod", "nmod"} or (c.dep_ == "prep" and c.lower_ in {"by", "of"}) for c in children)


def _presupposed(clause: Token, marks: set[str]) -> bool:
    """A past temporal clause ("when the Treasury designated X", "after they had met"): what it
    tells is taken as known. A future or modal one ("when he visits", "when they might talk") is not."""
    temporal = any(c.dep_ in {"mark", "advmod"} and c.lower_ in marks for c in clause.children)
    past = clause.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in clause.children)
    modal = any(c.tag_ == "MD" for c in clause.children)
    return temporal and past and not modal


def _clause_tokens(trigger: Token) -> list[Token]:
    """The trigger, its auxiliaries and adverbs, and the verbs it hangs from up to the nearest
    reporting verb or clause root (where "allegedly", "may" and "likely" sit)."""
    tokens = [trigger, *[c for c in trigger.children if c.dep_ in {"aux", "advmod", "neg", "auxpass", "amod"}]]
    node = trigger
    verbs = _cues()["verbs"]
    while node.dep_ in {"xcomp", "conj", "acomp", "dobj", "pobj", "prep"} and node.head.i != node.i:
        node = node.head
        if verbs.get(node.lemma_.lower()):
            break
        tokens += [node, *[c for c in node.children if c.dep_ in {"aux", "advmod", "neg", "acomp"}]]
    return tokens


def _inside_quote(token: Token) -> bool:
    """Whether the token sits inside a quotation: one opened before it in its sentence, or one
    that closes after it without opening (it began in an earlier sentence)."""
    sent = token.sent
    text = doc_text(sent.doc)
    before = text[sent.start_char : token.idx]
    after = text[token.idx : sent.end_char]
    if before.count("“") > before.count("”") or before.count('"') % 2 == 1:
        return True
    return after.count("”") > after.count("“")


def _governed_by_no_evidence(trigger: Token, phrases: list[str]) -> bool:
    """"found no evidence that X ...": the phrase sits on a verb that embeds the trigger."""
    for ancestor in [trigger, *trigger.ancestors]:
        for child in ancestor.children:
            if child.dep_ in {"dobj", "attr", "nsubj"} and child.lemma_.lower() in {"evidence", "proof", "sign", "indication", "information"}:
                phrase = " ".join(t.lower_ for t in child.subtree if t.i <= child.i)
                if any(p in phrase or p.split()[-1] == child.lemma_.lower() and "no" in phrase for p in phrases):
                    if any(t.i == trigger.i for t in child.subtree) or child.i < trigger.i:
                        return True
    return False


def _controlling_frame(trigger: Token) -> str | None:
    """The control frame of the verb that governs the trigger ("agreed to release", "refused to
    crack down", "is willing to meet"), if any, up to the nearest reporting verb."""
    from frenemy.ontology.cameo import frames

    node, table, verbs = trigger, frames(), _cues()["verbs"]
    for _ in range(3):
        if node.dep_ not in {"xcomp", "ccomp"} or node.head.i == node.i:
            return None
        head = node.head
        if verbs.get(head.lemma_.lower()):
            return None
        frame = table.get(head.lemma_.lower())
        if frame is not None:
            return frame.name
        node = head
    return None


def _conditional(trigger: Token, marks: list[str]) -> str | None:
    """The mark of a condition over the trigger ("if", "unless"), up to its clause's root."""
    node = trigger
    while True:
        mark = next((c.lower_ for c in node.children if c.dep_ == "mark" and c.lower_ in marks), None)
        if node.dep_ == "advcl" and mark is not None:
            return mark
        if node.head.i == node.i or node.dep_ in {"ccomp", "ROOT"}:
            return None
        node = node.head


def _future(trigger: Token, future_aux: list[str]) -> str | None:
    """The auxiliary that puts the trigger in the future ("will", "would", "going")."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    for _ in range(3):
        aux = next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in future_aux), None)
        if aux is not None:
            return aux
        if verb.dep_ not in {"xcomp", "conj"}:
            return None
        verb = verb.head
    return None


def _doubtful_report(source: SourceRef | None, hearsay: dict) -> str | None:
    """"according to unconfirmed reports": possible; "according to reports": probable; a named
    source: ``None``."""
    if source is None or source.category != "according":
        return None
    words = source.name.lower().split()
    if set(words) & set(hearsay["doubtful"]):
        return "possible"
    if words and words[-1] in hearsay["unnamed"] and len(words) <= 2:
        return "probable"
    return None

