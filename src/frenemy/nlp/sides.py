"""The named rules that find a side of an event the parse did not resolve, in the order they are
tried (``SideRules.SOURCE_RULES``, ``SideRules.TARGET_RULES``), and the helpers they share with
the event coder. Each rule reads and fills in a ``_Context``; the rule's name is stored as the
side's basis (``source_basis`` / ``target_basis``), so the evaluation scores each rule
(``bench/eval_events.py --bases``). ``frenemy.nlp.events.EventCoder`` inherits them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import ClassVar

from spacy.tokens import Token

from frenemy.nlp.arguments import POSSESSIONS, ArgActor, ArgumentResolver, could_be_actor, phrase
from frenemy.ontology.actors import ActorCatalogue
from frenemy.ontology.cameo import Lexicon
from frenemy.ontology.loader import toml

DOMESTIC_ROOTS = {"14", "17"}
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
RECIPIENT_PREPS = {"to", "for", "against", "with", "on", "toward", "towards", "from", "into"}
RECIPROCAL_NOUN_ROOTS = frozenset({"03", "04", "05", "06", "19"})
CONTENT_TARGET_ROOTS = frozenset(toml("argument_cues.toml")["content_target"]["roots"])
_MAIN_DYAD = toml("argument_cues.toml")["main_dyad"]
#: Doer bases of the verb rules (events.py), given way to by the receiving side's rule name.
VERB_DOER_BASES = frozenset({"participle-noun", "gerund-doer"})


class SideRules:
    """Side rules of the event coder (a mixin: ``catalogue``, ``lexicon``, ``_subjects`` and
    ``NOUN_DOER_RULES`` come from ``EventCoder``)."""

    catalogue: ActorCatalogue
    lexicon: Lexicon
    _subjects: Callable[[Token], list[Token]]
    #: (rule name, rule(coder, noun, targets) -> doers, whether the rule reads the noun's own phrase)
    NOUN_DOER_RULES: ClassVar[tuple[tuple[str, Callable[..., list[Token]], bool], ...]]

    def _reporter_subject(self, c: _Context) -> None:
        """"Iran said the reports were baseless, and warned the U.S.": parsed as coordinated with the
        reported clause, whose subject is no actor; the reporter's subject acts."""
        trigger = c.trigger
        if trigger.pos_ == "VERB" and trigger.dep_ == "conj" and trigger.head.dep_ == "ccomp":
            c.source_actors = _unique(a for s in self._subjects(trigger.head.head) for t in c.resolver.with_conjuncts(s)
                                      for a in c.resolver.resolve_all(t))

    def _between_parties(self, c: _Context) -> None:
        """"meetings between X and Y", "talks held between X and Y": each party acts towards the other."""
        found = _unique(a for t in _between(c.trigger) for a in c.resolver.resolve_all(t))
        c.source_actors = found
        if len(found) > 1:
            c.target_actors = _based(found, "between")

    def _passive_location(self, c: _Context) -> None:
        """"was arrested in Lebanon": CAMEO codes an unnamed agent by where it happened."""
        if c.target_actors and _is_passive(c.trigger) and not _named_agent(c.trigger):
            c.source_actors = [a for a in _unique(c.resolver.resolve(t) for t in _locations(c.trigger))
                               if (actor := self.catalogue.get(a.actor_id)) and actor.is_state]

    def _home_state_agent(self, c: _Context) -> None:
        """"48 insurgents had been captured": no place named; the state the story is about acts
        against its armed opposition."""
        home = c.resolver.home()
        if (c.target_actors and _is_passive(c.trigger) and not _named_agent(c.trigger) and home
                and any(t.sector in {"REB", "INS", "SEP"} for t in c.target_actors if t.actor_id == home)):
            c.source_actors = [ArgActor(home, None, "GOV", "", -1, default=True)]

    def _content_clause(self, c: _Context) -> None:
        """"Iraq and the US complained that Syria had done too little": the complaint is about Syria."""
        if c.code[:2] in CONTENT_TARGET_ROOTS and c.trigger.pos_ == "VERB":
            c.target_actors = [a for a in _unique(c.resolver.resolve(s) for ch in c.trigger.children if ch.dep_ == "ccomp"
                                                  for s in ch.children if s.dep_ in {"nsubj", "nsubjpass"})
                               if all(a.actor_id != x.actor_id for x in c.source_actors)]

    def _reciprocal(self, c: _Context) -> None:
        """"Jordan and the US agreed", "Iranian and Iraqi talks": each acts towards the other (but
        "Iranian and Russian military support" is two givers, not an exchange). What a pair named
        as one does ("both sides massed troops", "the two countries traded sanctions") is done by
        each to the other."""
        pair = len(c.source_actors) == 2 and all(a.basis == "named-pair" for a in c.source_actors)
        if pair or (len(c.source_actors) > 1 and c.trigger.pos_ == "VERB" and not any(could_be_actor(t) for t in c.targets)):
            c.target_actors = self._as_receivers(c.source_actors)  # "Jordan and the US agreed" (not "X and Y released the prisoners")
        elif len(c.source_actors) > 1 and c.code[:2] in RECIPROCAL_NOUN_ROOTS:
            c.target_actors = self._as_receivers(c.source_actors)

    def _as_receivers(self, actors: list[ArgActor]) -> list[ArgActor]:
        """Doers given to the receiving side too: a doer rule's name gives way to the target rule's
        (how the resolver found an actor, such as ``named-pair``, stays)."""
        doer_rules = {rule[0] for rule in (*self.SOURCE_RULES, *self.NOUN_DOER_RULES)} | VERB_DOER_BASES
        return [replace(a, basis="parse") if a.basis in doer_rules else a for a in actors]

    def _recipient(self, c: _Context) -> None:
        """"provided photographs and intelligence to Macedonia": who receives what the object names."""
        c.target_actors = _unique(a for r in _recipients(c.targets, self.lexicon) for t in c.resolver.with_conjuncts(r)
                                  for a in c.resolver.resolve_all(t))

    def _location(self, c: _Context) -> None:
        """"imposed a curfew in southeastern Turkey": the state where it happened."""
        c.target_actors = [a for a in _unique(c.resolver.resolve(t) for t in _locations(c.trigger))
                           if self.catalogue.get(a.actor_id)]

    def _domestic_group(self, c: _Context) -> None:
        """"police dispersed demonstrators": an unnamed group acted on at home."""
        if not c.source_actors[0].resolved:
            return
        c.target_actors = _domestic(c.targets, c.source_actors[0], self.catalogue.home_country(c.source_actors[0].actor_id))

    def _domestic_default(self, c: _Context) -> None:
        """CAMEO's domestic reading: a protest or a coercive measure with no named target ("students
        staged demonstrations", "the government imposed martial law") is aimed at home."""
        if DOMESTIC_ROOTS & {c.code[:2], c.governed_root} and len(c.source_actors) == 1 and c.source_actors[0].resolved:
            source = c.source_actors[0]
            named = next((t for t in c.targets if t.pos_ in {"NOUN", "PROPN"}), None)  # "arrested the captain"
            c.target_actors = [ArgActor(source.actor_id, None, "GOV" if source.sector not in STATE_SECTORS else None,
                                        phrase(named) if named is not None else source.text, -1, default=True)]

    def _main_dyad(self, c: _Context) -> None:
        """Salience: a verb whose doer is one of the two actors the document is about, and whose
        receiver the sentence leaves unsaid or names no actor ("Nakasone ruled out Japanese help",
        "Taiwan would not recognise the agreement"), acts on the other of the two, when the document
        names that one often enough (``[main_dyad] min_mentions``). A noun trigger is left alone:
        "Moscow's support" or "the Iranian threat" says too little of whom. The side is a default
        (not named in the sentence), so the word-order fallback may still name a nearer actor."""
        if c.trigger.pos_ != "VERB" or len(c.source_actors) != 1 or not c.source_actors[0].resolved:
            return
        if any(could_be_actor(t) for t in c.targets):  # "accused Force-17": kept unresolved, not guessed
            return
        main = c.resolver.main_pair()
        source = c.source_actors[0]
        if main is None or source.actor_id not in (main[0].actor_id, main[1].actor_id):
            return
        other = main[1] if source.actor_id == main[0].actor_id else main[0]
        if c.resolver.mention_count(other.actor_id) >= _MAIN_DYAD["min_mentions"]:
            c.target_actors = [ArgActor(other.actor_id, other.agent_id, other.sector, other.text, -1, default=True)]

    SOURCE_RULES = (
        ("reporter-subject", _reporter_subject),
        ("between", _between_parties),
        ("passive-location", _passive_location),
        ("home-state", _home_state_agent),
    )
    TARGET_RULES = (
        ("content-clause", _content_clause),
        ("recipient", _recipient),
        ("reciprocal", _reciprocal),
        ("location", _location),
        ("domestic", _domestic_group),
        ("domestic", _domestic_default),
        ("main-dyad", _main_dyad),
    )


@dataclass
class _Context:
    """What the side rules of one trigger read and fill in."""

    trigger: Token
    code: str
    sources: list[Token]
    targets: list[Token]
    governed_root: str | None
    resolver: ArgumentResolver
    source_actors: list[ArgActor] = field(default_factory=list)
    target_actors: list[ArgActor] = field(default_factory=list)


def _based(actors: list[ArgActor], basis: str) -> list[ArgActor]:
    """The actors a rule found, marked with its name (a side the parse found keeps ``parse``)."""
    return [replace(a, basis=basis) if a.basis == "parse" else a for a in actors]


def _named_agent(trigger: Token) -> bool:
    """A "by" agent that is a group of people ("by Sunni militants"), not a thing ("by a bomb")."""
    from frenemy.nlp.arguments import sector_of

    return any(sector_of(g) for c in trigger.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj")


def _is_passive(trigger: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in trigger.children) or (
        trigger.dep_ == "acl" and trigger.tag_ == "VBN")


def _between(trigger: Token) -> list[Token]:
    """The parties of "between X and Y" on the trigger, or on the noun a participle describes."""
    holders = [trigger] + ([trigger.head] if trigger.dep_ == "acl" else []) + [c for c in trigger.children if c.dep_ == "acl"]
    return [t for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in {"between", "among"}
            for g in c.children if g.dep_ == "pobj" for t in _with_conjuncts(g)]


def _recipients(objects: list[Token], event_nouns: Lexicon) -> list[Token]:
    """Who receives what an object names ("provided photographs and intelligence to Macedonia"),
    or whom an event noun in object position acts on ("allowed the return of UN inspectors")."""
    found = []
    for obj in (t for o in objects for t in (o, *o.conjuncts)):
        preps = RECIPIENT_PREPS | ({"of"} if (obj.lemma_.lower(), "NOUN") in event_nouns else set())
        found += [g for c in obj.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]
    return found


def _domestic(objects: list[Token], source: ArgActor, home: str | None) -> list[ArgActor]:
    """An unnamed group acted on at home ("police dispersed demonstrators", "rebels seized
    government positions"): CAMEO codes the group with the source's country and the group's sector
    ("Taliban fighters killed police officers": Afghanistan's police, not the Taliban's). A source
    with no home state (a provisional group) has no such home."""
    from frenemy.nlp.arguments import POSSESSIONS, held_by, sector_of

    if home is None:
        return []
    found = []
    for obj in objects:
        heads = [obj] + [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" and obj.pos_ in {"NUM", "NOUN"}
                         for g in c.children if g.dep_ == "pobj"]  # "thousands of refugees"
        for head in heads:
            sector = sector_of(head)
            if not sector and head.lemma_.lower() in POSSESSIONS:  # "government positions", "army bases"
                sector = next((sector_of(c) for c in head.children if c.dep_ in {"compound", "amod"} and sector_of(c)), None)
            sector = sector or next((sector_of(h) for h in held_by(head) if sector_of(h)), None)  # "opposition-held areas"
            if sector and head.pos_ == "NOUN":
                found.append(ArgActor(home, None, sector, head.text, head.i, default=True))
    return found[:1]


def _locations(trigger: Token) -> list[Token]:
    """Where an event took place, as a last-resort target: the state named by an "in" phrase
    ("imposed a curfew in southeastern Turkey" is Turkey acting on Turkey)."""
    found = []
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"in", "at", "outside", "near", "inside"}):
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        objects += [g for p2 in prep.children if p2.dep_ == "prep" for g in p2.children if g.dep_ == "pobj"]
        for obj in objects:
            if obj.ent_type_ in {"GPE", "LOC"}:
                found.append(obj)
            found += [c for c in obj.children if c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"}]
            found += [g for p2 in obj.children if p2.dep_ == "prep" and p2.lower_ in {"in", "of"}
                      for g in p2.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"]
    return found


def _unique(found) -> list[ArgActor]:
    seen, out = set(), []
    for arg in found:
        if arg is not None and (arg.actor_id, arg.agent_id) not in seen:
            seen.add((arg.actor_id, arg.agent_id))
            out.append(arg)
    return out


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts] if token.pos_ != "NUM" else [token]
