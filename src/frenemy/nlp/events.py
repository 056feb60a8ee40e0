"""Component ``frenemy_events``: who did what to whom, coded in CAMEO, from the parse.

For each verb or event noun the lexicon knows, find the doer and the receiver and code the
action. Handles what news does: passives and "by" agents, coordination ("arrested and
deported"), causatives ("had a diplomat kidnapped"), control verbs ("agreed to release",
"threatened to attack", "refused to meet"), light verbs ("held talks with"), nominal events
("Iran's detention of militants"), compound actors ("Iran or Hezbollah") and negation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from frenemy.nlp.arguments import ArgActor, ArgumentResolver, could_be_actor, unresolved
from frenemy.nlp.attribution import Attribution, Attributor
from frenemy.nlp.receivers import load_chooser
from frenemy.nlp.sides import RECIPIENT_PREPS, SideRules, _based, _Context, _unique
from frenemy.nlp.stance import StanceFinder, sentiment_sign
from frenemy.nlp.statements import StatementFinder
from frenemy.ontology.actors import ActorCatalogue, load_catalogue
from frenemy.ontology.cameo import Lexicon, LexiconEntry, frames, lexicon, negation_cues
from frenemy.ontology.loader import toml

STATIVE_PARTICIPLES = frozenset(toml("argument_cues.toml")["stative_participles"]["verbs"])
IRREALIS_AUX = {"should", "must", "would", "will", "shall", "'d", "'ll", "could", "might"}
CAUSATIVES = {"have", "get", "order", "make", "let"}
LIGHT_VERBS = {"hold", "launch", "carry", "conduct", "stage", "mount", "make", "take", "give", "begin", "start",
               "resume", "open", "continue", "announce", "impose", "reach", "sign", "seek", "agree", "wage",
               # aspectual: "intensified its bombing", "broaden the offensive against X"
               "intensify", "broaden", "expand", "escalate", "step", "widen", "extend", "renew", "press",
               # giving and commanding verbs carry the event their object names: "provided donations to X",
               # "ordered the arrest of X", "ordered attacks on X"
               "provide", "send", "deliver", "grant", "order", "join"}
#: Verbs whose subject takes part in the event their object names ("pursued talks with X"), unlike
#: "obtained the release of X" or "welcomed talks with X".
ENGAGING_VERBS = {"pursue", "engage", "participate", "enter", "attend", "lead", "host", "continue", "resume"}
TARGET_PREPS = {"against", "with", "on", "upon", "to", "toward", "towards", "into", "at", "from", "for"}
NON_TARGET_PREPS = {"over", "in", "during", "after", "before", "since", "until", "near", "within", "because", "despite",
                    "as", "like", "by", "via", "through", "throughout", "about", "amid", "under", "without", "of"}
PREP_DEPS = {"prt", "prep", "agent", "advmod", "npadvmod", "acomp", "oprd"}
NOUN_OBJECT_PREPS = {"of", "for", "into", "on", "over", "against"}
NOUN_TARGET_PREPS = {"of", "against", "on", "with", "to", "toward", "towards", "into", "over"}

_SHALLOW = toml("argument_cues.toml")["shallow"]
RELATIVE_PRONOUNS = frozenset(toml("argument_cues.toml")["pronouns"]["relative"])
ENDING_NOUNS = frozenset(toml("cameo_frames.toml")["negation"]["nouns"])
ENDING_CODES = dict(toml("cameo_frames.toml")["negation"]["ending_codes"])
NEGATED_VERBS = dict(toml("cameo_frames.toml")["negation"]["negated_verbs"])
REFUSAL_CODES = dict(toml("cameo_frames.toml")["negation"]["refusal_codes"])
BACKING_VERBS = frozenset(toml("argument_cues.toml")["backed_by"]["verbs"])

if not Doc.has_extension("frenemy_events"):
    Doc.set_extension("frenemy_events", default=None)
if not Doc.has_extension("frenemy_statements"):
    Doc.set_extension("frenemy_statements", default=None)
if not Doc.has_extension("frenemy_event_hints"):
    Doc.set_extension("frenemy_event_hints", default=None)


@dataclass
class Event:
    """One coded event, before dating and storage."""

    sentence: Span
    trigger: Token
    trigger_end: int  # token index after the trigger phrase
    source: ArgActor
    target: ArgActor | None
    code: str
    negated: bool
    frame: str | None = None
    attribution: Attribution | None = None


class EventCoder(SideRules):
    def __init__(self, catalogue: ActorCatalogue, lex: Lexicon) -> None:
        self.catalogue = catalogue  # also read by _pairs for location sources
        self.lexicon = lex
        self.frames = frames()
        self.negators, self.negating_verbs = negation_cues()
        self.receivers = load_chooser()

    def __call__(self, doc: Doc) -> Doc:
        resolver = ArgumentResolver(doc, self.catalogue)
        self._hints: list[Event] = []
        events: list[Event] = []
        attributor = Attributor(resolver)
        statements = StatementFinder(doc, resolver, attributor)
        stances = StanceFinder(resolver, self.lexicon, self.negators)
        found_statements = []
        for sentence in doc.sents:
            attributor.note_sentence(sentence)
            found = self.receivers(self._sentence_events(sentence, resolver), resolver)
            for event in found:
                event.attribution = attributor.attribute(event.trigger, event.negated, event.frame)
            events.extend(found)
            said = statements.find(sentence)
            related = {frozenset((e.source.actor_id, e.target.actor_id)) for e in found
                       if e.target is not None and e.source.resolved and e.target.resolved}
            related |= {frozenset((s.subject.actor_id, s.object.actor_id)) for s in said}
            involved = {a.actor_id for e in found for a in (e.source, e.target) if a is not None and a.resolved}
            for stance in stances.find(sentence, related):
                stance.attribution = attributor.attribute(stance.term, stances.negated(stance.term), None)
                said.append(stance)
                # the same reading as an event of its QuadClass, for the events table and its exports;
                # the assessment counts the stance once, as the claim (frenemy.assess.evidence.gather)
                coded = None if {stance.subject.actor_id, stance.object.actor_id} & involved else stances.as_event(stance)
                if coded is None:
                    continue
                source, target, code = coded
                event = Event(sentence, stance.term, stance.term.i + 1, source, target, code, False, "stance")
                event.attribution = attributor.attribute(stance.term, False, None)
                events.append(event)
            found_statements.extend(said)
        attributions = [e.attribution for e in events] + [s.attribution for s in found_statements]
        attributor.finish([a for a in attributions if a is not None])
        doc._.frenemy_events = events
        doc._.frenemy_statements = found_statements
        doc._.frenemy_event_hints = self._hints
        return doc

    # -- per sentence ------------------------------------------------------------------------------

    def _sentence_events(self, sentence: Span, resolver: ArgumentResolver) -> list[Event]:
        consumed: set[int] = set()
        coded_verbs: set[int] = set()
        events: list[Event] = []
        for token in sentence:
            if token.i in consumed:
                continue
            if (token.pos_ == "VERB" and token.dep_ != "amod") or self._is_frame_adjective(token):
                if token.dep_ == "acl" and token.head.dep_ in {"dobj", "attr"} and token.head.head.i in coded_verbs and not (
                        _participle_of_actor(token)):
                    continue  # "rejected a US offer to host a summit": the hosting is the offer's content
                found = self._verb_events(token, resolver, consumed)
                if found:
                    coded_verbs.add(token.i)
                events.extend(found)
        for token in sentence:
            if token.pos_ == "NOUN" and token.i not in consumed and (token.lemma_.lower(), "NOUN") in self.lexicon:
                if token.head.i in coded_verbs and token.dep_ in {"dobj", "attr", "nsubjpass"} and not _own_doer(token):
                    continue
                events.extend(self._noun_events(token, resolver))
        events = self._shallow(sentence, resolver, _drop_redundant(events)) + self._backers(sentence, resolver)
        for subject in (s for s in sentence if s.dep_ in {"nsubj"} ):
            subject_actor = resolver.resolve(subject) if subject.pos_ != "PRON" else None
            if subject_actor is not None:
                resolver.note_subject(subject_actor)
        return events

    # -- when the parse fails -------------------------------------------------------------------------

    def _shallow(self, sentence: Span, resolver: ArgumentResolver, events: list[Event]) -> list[Event]:
        """An event the parse left without a named receiver takes the nearest other actor named
        just after its trigger, in the manner of pattern coders (TABARI) that read "SOURCE verb
        TARGET" in word order: "the Pakistani government is fighting to stop Taleban militants"
        is Pakistan against the Taliban. Such events carry frame "shallow" and count for less in an
        assessment. (Creating events from word order alone, where the parse found none, lowered
        precision on plover_dev more than it raised recall: 0.57/0.57 against 0.62/0.56.)"""
        after = _SHALLOW["after"]
        named: list[tuple[int, ArgActor]] | None = None
        for event in events:
            if event.target is not None and event.target.resolved and not event.target.default:
                continue
            if event.code[:2] in _SHALLOW["skip_roots"]:
                continue
            if named is None:  # the sentence's own mentions only: linear in the document
                named = [(m.start, a) for m in resolver.mentions_in(sentence.start, sentence.end)
                         if (a := resolver.resolve(sentence.doc[m.start])) is not None and not a.default]
            target = next((a for i, a in named if event.trigger.i < i <= event.trigger.i + after
                           and a.actor_id != event.source.actor_id), None)
            if target is not None:
                event.target, event.frame = replace(target, basis="word-order"), event.frame or "shallow"
        return events

    def _backers(self, sentence: Span, resolver: ArgumentResolver) -> list[Event]:
        """"Iranian-backed Hezbollah", "the UN-backed government": the holder of the participle
        supports the noun's actor (the participle's verb, coded with the lexicon, from X to Y)."""
        events = []
        for participle in sentence:
            lemma = participle.lemma_.lower()
            if participle.dep_ != "amod" or lemma not in BACKING_VERBS:
                continue
            noun = participle.head
            backers = [h for h in participle.children if h.dep_ in {"npadvmod", "compound", "amod", "nmod"}]
            source = next((a for h in backers if (a := resolver.resolve(h)) is not None), None)
            target = resolver.resolve(noun)
            if source is None or target is None or source.actor_id == target.actor_id:
                continue
            entry = self.lexicon.lookup(lemma, "VERB", set(), {noun.lemma_.lower()}) or self.lexicon.lookup(lemma, "VERB", set(), set())
            if entry is not None:
                source, target = replace(source, basis="modifier"), replace(target, basis="modified")
                events.append(Event(sentence, participle, participle.i + 1, source, target, entry.code, False, "attributive"))
        return events

    # -- verbs ---------------------------------------------------------------------------------------

    def _verb_events(self, verb: Token, resolver: ArgumentResolver, consumed: set[int]) -> list[Event]:
        code, action, used, frame = self._construction_code(verb)
        refusal = code is None and NEGATED_VERBS.get(verb.lemma_.lower()) if self._negated(verb) else None
        if refusal:  # "would not tolerate its moves": a warning
            code, action, used, frame = refusal, verb, set(), None
        if code is None:
            return []
        consumed.update(used)
        trigger_end = max([verb.i, *used]) + 1
        sources, targets = self._roles(verb)
        addressee_frame = frame or self._frame_of(verb)
        if addressee_frame is not None and addressee_frame.control == "object":
            targets = self._objects(verb) or [c for c in verb.children if c.dep_ == "ccomp" for c in c.children if c.dep_ == "nsubj"]
        elif action.i != verb.i:
            targets = self._roles(action)[1] or targets
        for noun in (verb.doc[i] for i in used):
            if noun.pos_ == "NOUN":  # "continued military aid to Mozambique", "held talks with X"
                targets = targets + [g for c in noun.children if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS
                                     for g in c.children if g.dep_ == "pobj"]
        negated = not refusal and (self._negated(verb) or (action.i != verb.i and self._negated(action)))
        governed = self._verb_code(action)[0] if action.i != verb.i else None
        return self._pairs(verb, trigger_end, sources, targets, code, negated, frame.name if frame else None, resolver,
                           governed_root=governed[:2] if governed else None, source_basis=_verb_source_basis(action, sources))

    def _is_frame_adjective(self, token: Token) -> bool:
        """'France is ready to contribute troops': the adjective works like a control verb."""
        return token.pos_ == "ADJ" and token.dep_ == "acomp" and token.lemma_.lower() in self.frames and any(
            c.dep_ == "xcomp" for c in token.children)

    def _frame_of(self, verb: Token):
        lemma = verb.lemma_.lower()
        for child in verb.children:
            if child.dep_ in {"prt", "prep"} and (frame := self.frames.get(f"{lemma} {child.lower_}")):
                return frame
        return self.frames.get(lemma)

    def _construction_code(self, verb: Token, depth: int = 0):
        """(code, the innermost action verb, tokens used, outermost frame) for a verb and what it
        governs, composing frames from the innermost outward ("urged X to agree to release Y")."""
        frame = self._frame_of(verb)
        if frame is not None and depth < 3:
            governed = next((c for c in verb.children if c.pos_ in {"VERB", "AUX"} and (
                c.dep_ == "xcomp" or (c.dep_ == "ccomp" and _irrealis(c)))), None)
            if governed is not None:
                inner, action, used, _ = self._construction_code(governed, depth + 1)
                code = frame.code_for(inner, governed.lemma_.lower())
                if code is None and inner is None and frame.default:  # "threatened to deliver blows"
                    harmful = frame.harmful_default and sentiment_sign(governed) < 0  # "vowed to defeat X": not 030
                    code, action, used = (frame.harmful_default if harmful else frame.default), governed, set()
                if code is not None:
                    return code, action, used | {governed.i}, frame
        code, noun = self._verb_code(verb)
        return code, verb, ({noun.i} if noun is not None else set()), None

    def _verb_code(self, verb: Token | None) -> tuple[str | None, Token | None]:
        """The code for a verb (with its particles and objects), or for the event noun a light
        verb carries ("held talks"); also returns that noun."""
        if verb is None:
            return None, None
        preps = {c.lemma_.lower() for c in verb.children if c.dep_ in PREP_DEPS}
        objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "oprd", "attr", "dative"}]
        objects += [conj for o in objects for conj in o.conjuncts]
        for prep in (c for c in verb.children if c.dep_ in {"prep", "prt", "agent"}):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    objects.append(obj)
                objects += [g for p2 in obj.children if p2.dep_ == "prep" for g in p2.children if g.dep_ == "pobj"]
                if obj.dep_ == "prep":  # "pull out of the treaty": prt out -> prep of -> pobj
                    objects += [g for g in obj.children if g.dep_ == "pobj"]
        if not objects and verb.dep_ == "conj" and verb.head.pos_ == "VERB":  # "had X kidnapped and then traded"
            objects = [c for c in verb.head.children if c.dep_ in {"dobj", "nsubjpass", "nsubj"} and verb.head.tag_ == "VBN"]
            objects += [c for c in verb.head.children if c.dep_ == "dobj"]
        entry = self.lexicon.lookup(verb.lemma_.lower(), "VERB", preps, {o.lemma_.lower() for o in objects})
        if entry is not None:
            return entry.code, None
        if verb.lemma_.lower() in LIGHT_VERBS:
            for obj in objects:
                if obj.pos_ == "NOUN":
                    noun_entry = self.lexicon.lookup(obj.lemma_.lower(), "NOUN", _preps(obj), _objects(obj))
                    if noun_entry is not None:
                        return noun_entry.code, obj
        return None, None

    def _roles(self, verb: Token) -> tuple[list[Token], list[Token]]:
        """(doers, receivers) of a verb as tokens, before actor resolution."""
        children = list(verb.children)
        passive_subjects = [c for c in children if c.dep_ in {"nsubjpass", "csubjpass"}]
        subjects = [verb.head if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else c
                    for c in children if c.dep_ == "nsubj"]
        agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        objects = self._objects(verb)
        if verb.dep_ == "acl" and (agents or (verb.tag_ in {"VBN", "VBD"} and not objects)):
            head = verb.head  # "a diplomat kidnapped by militants"
            if (head.lemma_.lower(), "NOUN") in self.lexicon:  # "the release of a diplomat kidnapped ..."
                head = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                             if g.dep_ == "pobj"), head)
            return agents, [head]
        if passive_subjects and not agents and verb.lemma_.lower() in STATIVE_PARTICIPLES:
            # "Iran had been closely involved with X": Iran acts, X receives
            return passive_subjects, [g for c in children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                                      for g in c.children if g.dep_ == "pobj"]
        if passive_subjects:
            return agents, passive_subjects
        if verb.tag_ == "VBN" and subjects and verb.dep_ in {"ccomp", "xcomp"} and verb.head.lemma_ in CAUSATIVES:
            return self._subjects(verb.head), subjects  # "had a diplomat kidnapped"
        if not subjects and _attached_too_low(verb):
            return self._subjects(verb.head.head), objects
        if verb.dep_ == "conj" and verb.tag_ == "VBN" and not subjects and verb.head.pos_ == "VERB":
            head_sources, head_targets = self._roles(verb.head)
            return head_sources, objects or self._fallback_objects(verb) or head_targets
        if not subjects:
            subjects = self._subjects(verb)
        if not objects:
            objects = self._shared_objects(verb) or self._fallback_objects(verb)
        return subjects, objects

    def _subjects(self, verb: Token) -> list[Token]:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:  # "the Authority, which has rejected ...": the relative pronoun is the Authority
            return [verb.head if s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else s for s in subjects]
        if verb.dep_ == "acomp":  # "France is ready to ...": the subject of "is"
            return [c for c in verb.head.children if c.dep_ == "nsubj"]
        if _attached_too_low(verb):
            return self._subjects(verb.head.head)
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG":  # "claimed responsibility for shooting down X"
            return _gerund_doers(verb)
        if verb.dep_ in {"conj", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
            return self._subjects(verb.head)
        if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return self._subjects(verb.head)
        if verb.dep_ in {"relcl", "acl"}:
            head = verb.head  # "a declaration demanding ...": the declaration's issuer demands
            if head.dep_ in {"dobj", "attr"} and head.head.pos_ == "VERB" and verb.dep_ == "acl" and not _participle_of_actor(verb):
                return [head] + self._subjects(head.head)
            return [head]
        return []

    def _objects(self, verb: Token) -> list[Token]:
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.pos_ != "ADP"]
        # "provided donations to X": the parser may label the "to" itself as the dative
        for prep in (c for c in verb.children if (c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP"))
                     and c.lower_ in TARGET_PREPS):
            objects += [g for g in prep.children if g.dep_ == "pobj"]
        return objects

    def _shared_objects(self, verb: Token) -> list[Token]:
        """'arrested and deported X': a first conjunct without an object shares the last one's."""
        for conj in verb.children:
            if conj.dep_ == "conj" and conj.pos_ == "VERB":
                found = self._objects(conj) or self._fallback_objects(conj) or self._shared_objects(conj)
                if found:
                    return found
        return []

    def _fallback_objects(self, verb: Token) -> list[Token]:
        found = []
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ not in NON_TARGET_PREPS | TARGET_PREPS):
            found += [g for g in prep.children if g.dep_ == "pobj"]
        return found

    def _negated(self, token: Token) -> bool:
        if any(c.dep_ == "neg" or (c.lower_ in self.negators and c.dep_ in {"neg", "advmod", "det"}) for c in token.children):
            return True
        head = token.head
        return token.dep_ == "xcomp" and head.lemma_.lower() in self.negating_verbs

    # -- nouns ---------------------------------------------------------------------------------------

    def _noun_events(self, noun: Token, resolver: ArgumentResolver) -> list[Event]:
        entry = self.lexicon.lookup(noun.lemma_.lower(), "NOUN", _preps(noun), _objects(noun))
        if entry is None:
            return []
        governor = _acted_on_by(noun)
        if governor is not None:
            # "the embargo ... is to be lifted", "agreed to end the blockade": the verb acts on the
            # event the noun names, and the verb's own entry for that object says what happened
            done = self.lexicon.lookup(governor.lemma_.lower(), "VERB", _preps(governor), {noun.lemma_.lower()})
            if done is not None and noun.lemma_.lower() in done.objects:
                entry = done
        targets = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in NOUN_TARGET_PREPS for g in c.children if g.dep_ == "pobj"]
        agents = _by_agents(noun)
        if not targets:  # "raids by US warplanes on Taliban positions": the parser hangs "on" on the agent
            targets = [g for s in agents for c in s.children
                       if c.dep_ == "prep" and c.lower_ in {"on", "against"} for g in c.children if g.dep_ == "pobj"]
        sources, basis = self._noun_doers(noun, targets, resolver)
        if basis == "light-verb-subject":
            targets = targets or [g for c in noun.head.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS for g in c.children if g.dep_ == "pobj"]
        negated = any(c.lower_ in {"no", "never"} for c in noun.children)
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in ENDING_NOUNS:
            # "the collapse of negotiations": halting talks is itself an event (164); other endings negate
            ended = ENDING_CODES.get(entry.code[:2])
            entry, negated = (LexiconEntry(entry.lemma, entry.pos, "", frozenset(), ended), False) if ended else (entry, True)
        return self._pairs(noun, noun.i + 1, sources, targets, entry.code, negated, None, resolver, require_target=True,
                           source_basis=basis)

    # -- named rules for the doer of an event noun, in the order they are tried ----------------------
    # The doer comes from the event's own phrase or its own clause, never from the main sentence's
    # subject: "sanctioned Iran for its support to X" is Iran's support, not the sanctioner's.

    def _noun_doers(self, noun: Token, targets: list[Token], resolver: ArgumentResolver) -> tuple[list[Token], str]:
        """The doers of an event noun and the name of the rule that found them: the first rule whose
        doers name an actor, else the first that found words that could (kept unresolved). A noun
        whose own phrase has modifiers ("military talks") is not given the clause's subject (doing
        so added false events on the dev sets)."""
        fallback: tuple[list[Token], str] = ([], "parse")
        in_phrase = False
        for name, rule, of_phrase in self.NOUN_DOER_RULES:
            if in_phrase and not of_phrase:
                break
            found = rule(self, noun, targets)
            in_phrase = in_phrase or bool(found)
            if any(resolver.resolve(t) is not None for t in found):
                return found, name
            if not fallback[0] and any(could_be_actor(t) for t in found):
                fallback = (found, name)
        return fallback

    def _possessor(self, noun: Token, targets: list[Token]) -> list[Token]:
        """"Iran's detention of X", "its support to X" (the pronoun resolves to its antecedent)."""
        return [c for c in noun.children if c.dep_ == "poss"]

    def _by_agent(self, noun: Token, targets: list[Token]) -> list[Token]:
        """"the detention of X by Iranian police"."""
        return _by_agents(noun)

    def _modifier(self, noun: Token, targets: list[Token]) -> list[Token]:
        """"Iranian support for X", "US air strikes on X"."""
        return [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}]

    def _light_verb_subject(self, noun: Token, targets: list[Token]) -> list[Token]:
        """"X held talks with Y": the subject of the light verb whose object the noun is."""
        if noun.dep_ in {"dobj", "attr"} and noun.head.lemma_.lower() in LIGHT_VERBS:
            return self._subjects(noun.head)
        return []

    def _engaging_subject(self, noun: Token, targets: list[Token]) -> list[Token]:
        """"X pursued reconciliation and talks with Y": the subject of a verb that takes part in
        the event its object names."""
        governor = _governing_verb(noun)
        if targets and governor is not None and governor.lemma_.lower() in LIGHT_VERBS | ENGAGING_VERBS:
            return self._subjects(governor)
        return []

    NOUN_DOER_RULES = (
        ("possessor", _possessor, True),
        ("by-agent", _by_agent, True),
        ("modifier", _modifier, True),
        ("light-verb-subject", _light_verb_subject, False),
        ("engaging-subject", _engaging_subject, False),
    )

    # -- pairing ------------------------------------------------------------------------------------

    def _pairs(self, trigger: Token, trigger_end: int, sources: list[Token], targets: list[Token], code: str,
               negated: bool, frame: str | None, resolver: ArgumentResolver, require_target: bool = False,
               governed_root: str | None = None, source_basis: str = "parse") -> list[Event]:
        """Events from a coded trigger and the doers and receivers the parse gave it. Where the parse
        names no actor for a side, named rules are tried in order (``SOURCE_RULES``,
        ``TARGET_RULES``); each side records the rule that found it as its ``basis``. A side the
        parse found but nothing resolves is kept ``unresolved`` (its words only) when the other
        side is an actor."""
        context = _Context(trigger, code, sources, targets, governed_root, resolver)
        context.source_actors = _based(_unique(a for s in sources for t in resolver.with_conjuncts(s) for a in resolver.resolve_all(t)),
                                       source_basis)
        context.target_actors = _unique(a for s in targets for t in resolver.with_conjuncts(s) for a in resolver.resolve_all(t))
        for name, rule in self.SOURCE_RULES:
            if context.source_actors:
                break
            rule(self, context)
            context.source_actors = _based(context.source_actors, name)
        if not context.source_actors:  # a doer the parse found that could be an actor, but none resolves
            context.source_actors = [unresolved(t) for t in sources if could_be_actor(t)][:1]
        for name, rule in self.TARGET_RULES:
            if context.target_actors or not context.source_actors:
                break
            rule(self, context)
            context.target_actors = _based(context.target_actors, name)
        source_actors, target_actors = context.source_actors, context.target_actors
        if source_actors and not target_actors:
            target_actors = [unresolved(t) for t in targets if could_be_actor(t)][:1]
        if not any(a.resolved for a in source_actors) and target_actors and trigger.pos_ == "VERB":
            # "a diplomat kidnapped 15 months earlier by gunmen": no coded doer, but the mention can
            # still date another report of the same event (see nlp.pipeline)
            self._hints.append(Event(trigger.sent, trigger, trigger_end, target_actors[0], target_actors[0], code, negated, frame))
            if source_actors:  # an unresolved doer: the event is listed, and dated as the hint is
                return [Event(trigger.sent, trigger, trigger_end, source_actors[0], t, code, negated, frame)
                        for t in target_actors[:1]]
        if not any(a.resolved for a in source_actors) and not any(a.resolved for a in target_actors):
            return []
        if not source_actors or (require_target and not target_actors):
            return []
        others = [t for t in target_actors if all(t.actor_id != s.actor_id for s in source_actors)]
        if others and len(source_actors) == 1:  # "Syria offered its troops to Lebanon": the troops are Syria's own
            target_actors = others
        sentence = trigger.sent
        events = []
        for source in source_actors:
            receivers: list[ArgActor | None] = [
                t for t in target_actors if (t.token_i, t.actor_id) != (source.token_i, source.actor_id)] or [None]
            for target in receivers:
                if target is not None and target.resolved and (target.actor_id, target.agent_id, target.sector) == (
                    source.actor_id, source.agent_id, source.sector
                ):
                    continue
                if negated and target is not None and target.resolved and code[:2] in REFUSAL_CODES:
                    # "cannot support X", "failed to reach agreement with X": a refusal is an event
                    events.append(Event(sentence, trigger, trigger_end, source, target, REFUSAL_CODES[code[:2]], False,
                                        frame or "refusal"))
                    continue
                events.append(Event(sentence, trigger, trigger_end, source, target, code, negated, frame))
                if not negated and target is not None and target.resolved:
                    resolver.note_event(code[:2], target)
        return events

def _irrealis(verb: Token) -> bool:
    """A that-clause that asks or plans ("demanded that Iraq withdraw", "agreed that they should
    cooperate"), not one that reports ("insisted that Iran had been involved")."""
    return verb.tag_ == "VB" or any(
        (c.dep_ == "aux" and c.lower_ in IRREALIS_AUX) or (c.dep_ in {"aux", "auxpass"} and c.tag_ == "VB")
        for c in verb.children
    )


def _drop_redundant(events: list[Event]) -> list[Event]:
    """Within a sentence, a targetless event of an actor that also acts on someone there adds
    nothing ("Syria offered troops to Lebanon to help": the help is the offer's purpose)."""
    with_target = {e.source.actor_id for e in events if e.target is not None and e.target.resolved}
    return [e for e in events if (e.target is not None and e.target.resolved) or e.source.actor_id not in with_target]


def _participle_of_actor(verb: Token) -> bool:
    """"sanctioned firms aiding X": an active participle describing a noun that could be an actor
    has that noun as its doer (not the sentence's subject, and not as the content of a statement,
    as in "issued a declaration demanding X")."""
    return verb.dep_ == "acl" and verb.tag_ == "VBG" and could_be_actor(verb.head) and not any(
        c.dep_ in {"nsubj", "agent"} for c in verb.children)


def _verb_source_basis(verb: Token, sources: list[Token]) -> str:
    """The name of the rule that gave a verb its doers, when it is not the verb's own subject:
    the noun a participle describes ("firms aiding X": ``participle-noun``) or the doer of a
    gerund after a preposition ("accused X of attacking Y": ``gerund-doer``)."""
    if _participle_of_actor(verb) and sources == [verb.head]:
        return "participle-noun"
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in verb.children):
        return "gerund-doer"
    return "parse"


def _own_doer(noun: Token) -> bool:
    """Whether an event noun names its own doer ("welcomed Israel's release of X", "condemned
    the attack on X by Y"): then it is an event of its own, not only what the verb acts on."""
    return any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children) or bool(_by_agents(noun))


def _by_agents(noun: Token) -> list[Token]:
    """The "by" agents of an event noun ("raids by US warplanes")."""
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]


def _gerund_doers(gerund: Token) -> list[Token]:
    """Who does what a gerund after a preposition names: the object of "accused X of attacking",
    else the subject of the verb the phrase hangs from ("the Taliban claimed responsibility for
    shooting down", "X was accused of spying")."""
    prep = gerund.head
    governor = prep.head
    while governor.pos_ not in {"VERB", "AUX"} and governor.head.i != governor.i:
        governor = governor.head
    if governor.pos_ not in {"VERB", "AUX"}:
        return []
    objects = [c for c in governor.children if c.dep_ == "dobj"]
    if prep.head.i == governor.i and objects:
        return objects
    return [c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"}]


def _attached_too_low(verb: Token) -> bool:
    """"X say Y is preparing a launch and have warned it not to": a verb coordinated with a reported
    clause, whose object pronoun is that clause's subject, is the reporter's (the parser put it low)."""
    return verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and any(
        c.dep_ == "dobj" and c.lower_ in {"it", "them"} for c in verb.children)


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object (or prepositional object) an event noun is, through at most two
    links of coordination or prepositions: "took the lead in pursuing talks with X"."""
    token = noun
    for _ in range(3):
        if token.dep_ not in {"dobj", "pobj", "conj", "prep", "appos"} or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "VERB":
            return token
    return None


def _acted_on_by(noun: Token) -> Token | None:
    """The verb whose object the noun is: "lifted the embargo", "the embargo was lifted", and through
    raising, "the embargo is likely to be lifted"."""
    if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ == "VERB":
        return noun.head
    if noun.dep_ == "nsubj":
        frontier = [noun.head]
        for _ in range(2):  # is -> likely (acomp) -> to be lifted (xcomp, passive)
            frontier = [c for h in frontier for c in h.children if c.dep_ in {"xcomp", "acomp"}]
            for verb in frontier:
                if verb.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in verb.children):
                    return verb
    return None


def _preps(token: Token) -> set[str]:
    return {c.lemma_.lower() for c in token.children if c.dep_ in PREP_DEPS}


def _objects(noun: Token) -> set[str]:
    """A noun trigger's 'object' words: its modifiers and the objects of its prepositions."""
    objs = {c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}}
    objs |= {g.lemma_.lower() for c in noun.children if c.dep_ == "prep" and c.lower_ in NOUN_OBJECT_PREPS
             for g in c.children if g.dep_ == "pobj"}
    return objs


@Language.factory("frenemy_events", default_config={"actors_files": []}, requires=["doc._.frenemy_mentions"])
def make_event_coder(nlp: Language, name: str, actors_files: list[str]) -> EventCoder:
    return EventCoder(load_catalogue(actors_files), lexicon())
