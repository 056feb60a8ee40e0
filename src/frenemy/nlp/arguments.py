"""Who an argument of an event stands for: from a token of the parse to an actor.

A noun phrase names an actor directly ("Iran", "Tehran", "the CIA"), through a modifier
("the Iranian authorities", "al-Qaeda members", "Iran's diplomats"), through "of"
("members of al-Qaeda"), or through a person tied to an actor ("the minister X"). The sector
comes from the head noun ("authorities" -> GOV, "troops" -> MIL) or from the name itself
(a ministry, a capital used as a metonym).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Token

from frenemy.ontology.actors import ActorCatalogue
from frenemy.ontology.cameo import agents
from frenemy.ontology.loader import toml

_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod"}
_LOCATED = {"in", "throughout", "across", "inside"}
_CUES = toml("argument_cues.toml")
POSSESSIONS = frozenset(_CUES["possessions"]["nouns"])
_HOME_SECTORS = frozenset(_CUES["home_country"]["sectors"])
HOLDING_VERBS = frozenset(_CUES["held_by"]["verbs"])
_MEMBERSHIP = frozenset(_CUES["membership"]["nouns"]) | POSSESSIONS
RELATIONAL = frozenset(_CUES["relational"]["nouns"])
_PRONOUNS_ORG = frozenset(_CUES["pronouns"]["organisation"])
_PRONOUNS_PERSON = frozenset(_CUES["pronouns"]["person"])
_PRONOUNS_SPEAKER = frozenset(_CUES["pronouns"]["speaker"])
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})
#: Where an antecedent of a possessive pronoun may stand: the arguments of a clause, not a place or a time
_ANTECEDENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "appos", "conj", "pobj"})
_NOT_ANTECEDENT_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "from", "during", "since"})
_PAIR_STATES = frozenset(_CUES["pair_nouns"]["states"])
_PAIR_ANY = frozenset(_CUES["pair_nouns"]["any"])
_PAIR_MARKERS = frozenset(_CUES["pair_nouns"]["markers"])
_PAIR_MAIN = frozenset(_CUES["pair_nouns"]["main"])
_ACTOR_NOUNS = frozenset(_CUES["unresolved"]["nouns"])
_ACTOR_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
_REPORTING = frozenset(toml("attribution_cues.toml")["reporting"]["neutral"])
_ROLE_NOUNS = {root: frozenset(nouns) for root, nouns in _CUES["role_nouns"].items()}
_DESCRIPTIONS = {noun: frozenset(types) for noun, types in _CUES["descriptions"]["nouns"].items()}
_DEFINITE = frozenset(_CUES["descriptions"]["determiners"])


@dataclass(frozen=True)
class ArgActor:
    """An event argument resolved to the actor it stands for."""

    actor_id: str  # the represented actor: a state, group, organisation...
    agent_id: str | None  # the specific body or person named, when not the actor itself
    sector: str | None
    text: str
    token_i: int
    default: bool = False  # filled in by a coding convention (domestic target), not named in the text
    basis: str = "parse"  # the named rule that found this side (stored as source_basis / target_basis)

    @property
    def resolved(self) -> bool:
        """Whether the side names an actor (an unresolved side keeps only the words of the text)."""
        return bool(self.actor_id)


def could_be_actor(token: Token) -> bool:
    """Whether a noun phrase head could stand for an actor (a person, a group, an organisation, a
    people, a place that acts), as opposed to a thing, a sum or an event."""
    lower = token.lower_
    if token.pos_ == "PRON":
        return lower in _PRONOUNS_PERSON or lower in _PRONOUNS_ORG or lower in _PRONOUNS_SPEAKER
    return (token.ent_type_ in _ACTOR_ENTITIES or token.lemma_.lower() in _ACTOR_NOUNS or lower in _ACTOR_NOUNS
            or _sector(token) is not None)


def unresolved(token: Token) -> ArgActor:
    """A side the parse found but no actor stands for ("the plane", "the two delegations"): kept with
    its words so that the evaluation can count what resolution loses; never an actor."""
    return ArgActor("", None, None, _phrase(token), token.i, basis="unresolved")


class ArgumentResolver:
    """Resolves tokens of one document to actors, remembering who was mentioned last."""

    def __init__(self, doc: Doc, catalogue: ActorCatalogue) -> None:
        self.doc = doc
        self.catalogue = catalogue
        self.mentions = doc._.frenemy_mentions or []
        self._starts = sorted((m.start, n) for n, m in enumerate(self.mentions))
        self.token_mention = doc._.frenemy_token_mention or {}
        self.persons = doc._.frenemy_persons or {}
        self.last_org: ArgActor | None = None
        self.last_person: ArgActor | None = None
        self.roles: dict[str, ArgActor] = {}
        self._home: str | None | Literal[False] = False  # the document's country, worked out when first needed
        self._main: tuple[ArgActor, ArgActor] | None | Literal[False] = False  # its main dyad, likewise
        self._counts: dict[str, int] = {}  # mentions per represented actor (with the main dyad)
        self.when = getattr(doc._, "frenemy_published", None)  # the date persons' dated roles are read on

    def mentions_in(self, start: int, end: int) -> list:
        """The mentions that begin in tokens [start, end), in text order (a binary search, so that
        per-sentence work does not scan the whole document)."""
        first = bisect_left(self._starts, (start, -1))
        last = bisect_left(self._starts, (end, -1))
        return [self.mentions[n] for _, n in self._starts[first:last]]

    def note_event(self, root_code: str, target: ArgActor | None) -> None:
        """After "X detained members of Y", "the detainees" stand for Y in this document."""
        if target is not None and not target.default:
            for noun in _ROLE_NOUNS.get(root_code, ()):
                self.roles[noun] = target

    def note_subject(self, arg: ArgActor) -> None:
        """Remember a resolved subject for later pronouns."""
        if arg.agent_id and arg.agent_id.startswith("person:") or self._is_person(arg.agent_id):
            self.last_person = arg
        else:
            self.last_org = arg

    def _is_person(self, actor_id: str | None) -> bool:
        actor = self.catalogue.get(actor_id) if actor_id else None
        return actor is not None and actor.type == "person"

    def with_conjuncts(self, token: Token) -> list[Token]:
        """The token and its coordinated partners ("Iran or Hezbollah"), also when the parser
        hangs the conjunction on another word of the same name ("Barack Obama and X")."""
        if token.pos_ == "NUM":
            return [token]
        found = [token, *token.conjuncts]
        for child in token.children:  # "The US, Russia, and Switzerland": a list parsed as apposition
            if child.dep_ == "appos" and child.i in self.token_mention and child.conjuncts:
                found += [child, *child.conjuncts]
        if token.i in self.token_mention:
            mention = self.mentions[self.token_mention[token.i]]
            for i in range(mention.start, mention.end):
                found += [c for c in self.doc[i].conjuncts if c not in found]
        return found

    def resolve_all(self, token: Token) -> Sequence[ArgActor | None]:
        """Like ``resolve``, but "Hungarian and Romanian officials" gives one actor per modifier, and
        "the two countries" both of the pair it stands for."""
        pair = self._named_pair(token)
        if pair:
            return pair
        first = self.resolve(token)
        if first is None or token.i in self.token_mention:
            return [first]
        found = [first]
        for child in token.children:
            if child.dep_ in _MODIFIER_DEPS and child.i in self.token_mention:
                for conj in child.conjuncts:
                    if conj.i in self.token_mention and (other := self._from_mention(self.token_mention[conj.i], conj)):
                        found.append(ArgActor(other.actor_id, other.agent_id, first.sector, first.text, conj.i))
            elif child.dep_ == "appos" and child.i == first.token_i:  # "the states, Tunisia, Israel and Syria"
                found += [other for conj in child.conjuncts if (other := self.resolve(conj, 1)) is not None]
        return found

    def main_pair(self) -> tuple[ArgActor, ArgActor] | None:
        """The two actors the document names most (by represented actor), each at its first mention."""
        if self._main is False:
            counts: dict[str, int] = {}
            first: dict[str, ArgActor] = {}
            for mention in self.mentions:
                arg = self.resolve(self.doc[mention.start])
                if arg is not None:
                    counts[arg.actor_id] = counts.get(arg.actor_id, 0) + 1
                    first.setdefault(arg.actor_id, arg)
            top = sorted(counts, key=lambda a: -counts[a])[:2]  # stable: the first named wins a tie
            self._main = (first[top[0]], first[top[1]]) if len(top) == 2 else None
            self._counts = counts
        return self._main

    def mention_count(self, actor_id: str) -> int:
        """How many times the document names the actor (by represented actor)."""
        self.main_pair()
        return self._counts.get(actor_id, 0)

    def _named_pair(self, token: Token) -> list[ArgActor]:
        """"The two countries", "both sides": the two actors last named before the phrase (states
        for a noun of states), as the document's dyad at that point; "the two sides", "both
        parties" (``[pair_nouns] main``) are the document's main dyad, the two it names most."""
        lemma = token.lemma_.lower()
        if token.i in self.token_mention or not (lemma in _PAIR_STATES or lemma in _PAIR_ANY):
            return []
        if not any(c.lower_ in _PAIR_MARKERS and c.dep_ in {"nummod", "det", "predet", "preconj", "amod"} for c in token.children):
            return []
        if lemma in _PAIR_MAIN and (main := self.main_pair()) is not None:
            return [ArgActor(a.actor_id, a.agent_id, a.sector, _phrase(token), token.i, basis="named-pair") for a in main]
        found: list[ArgActor] = []
        for index in range(len(self.mentions) - 1, -1, -1):
            mention = self.mentions[index]
            if mention.start >= token.i:
                continue
            arg = self._from_mention(index, self.doc[mention.start])
            if arg is None or any(a.actor_id == arg.actor_id for a in found):
                continue
            actor = self.catalogue.get(arg.actor_id)
            if lemma in _PAIR_STATES and not (actor is not None and actor.is_state):
                continue
            found.append(ArgActor(arg.actor_id, arg.agent_id, arg.sector, _phrase(token), token.i, basis="named-pair"))
            if len(found) == 2:
                return found
        return []

    def _speaker(self, pronoun: Token, depth: int) -> ArgActor | None:
        """'"We will not accept it," the minister said': the speaker's pronoun in a quoted clause is
        the subject of the reporting verb that governs it."""
        for ancestor in pronoun.ancestors:
            if ancestor.pos_ in {"VERB", "AUX"} and ancestor.lemma_.lower() in _REPORTING:
                for child in ancestor.children:
                    if child.dep_ == "nsubj" and child.i != pronoun.i and child.lower_ not in _PRONOUNS_SPEAKER:
                        found = self.resolve(child, depth + 1)
                        if found is not None:
                            return replace(found, text=pronoun.text, token_i=pronoun.i, basis="quoted-speaker")
                return None
        return None

    def resolve(self, token: Token, depth: int = 0) -> ArgActor | None:
        """The actor ``token`` (the head of a noun phrase) stands for, or ``None``."""
        if token.i in self.token_mention:
            mention = self.mentions[self.token_mention[token.i]]
            if mention.kind == "demonym":  # "Bosnian Serbs", "Iraqi Kurds": the people of the place named first
                for child in token.children:
                    if child.dep_ in {"amod", "compound"} and child.i in self.token_mention and child.i < mention.start:
                        return self._from_mention(self.token_mention[child.i], child)
            return self._from_mention(self.token_mention[token.i], token)
        lower = token.lower_
        if token.pos_ == "PRON" and lower in _PRONOUNS_SPEAKER and depth < 2:
            return self._speaker(token, depth)
        if token.pos_ == "PRON" and (lower in _PRONOUNS_PERSON or lower in _PRONOUNS_ORG):
            if token.dep_ == "poss" and lower in _POSSESSIVE_PRONOUNS and depth < 2:
                antecedent = self._possessive_antecedent(token, person=lower in _PRONOUNS_PERSON, depth=depth)
                if antecedent is not None:
                    return antecedent
            if lower in _OBJECT_PRONOUNS and token.dep_ in {"dobj", "pobj", "dative", "nsubj"} and token.head.dep_ != "ROOT":
                nearby = self._preceding_mention(token, person=lower in _PRONOUNS_PERSON)
                if nearby is not None:
                    return nearby
            nearby = self._clause_subject(token, depth)
            if nearby is not None:
                return nearby
            return self.last_person if lower in _PRONOUNS_PERSON else self.last_org
        for holder in held_by(token):  # "Hezbollah-controlled areas"
            if holder.i in self.token_mention and (found := self._from_mention(self.token_mention[holder.i], holder)):
                return ArgActor(found.actor_id, found.agent_id, found.sector, _phrase(token), token.i)
        sector = _sector(token) or next(  # "opposition groups": the modifier names the sector
            (_sector(c) for c in token.children if c.dep_ in {"compound", "amod"} and c.i not in self.token_mention and _sector(c)),
            None,
        )
        relational = token.lemma_.lower() in RELATIONAL  # "Turkey's NATO allies": NATO, never Turkey
        for child in token.children:
            if child.dep_ in _MODIFIER_DEPS and child.i in self.token_mention and not (relational and child.dep_ == "poss"):
                found = self._from_mention(self.token_mention[child.i], child)
                if found is not None:
                    return ArgActor(found.actor_id, found.agent_id, sector or found.sector, _phrase(token), token.i)
            if child.dep_ == "poss" and child.pos_ == "PRON" and (sector or token.lemma_.lower() in _MEMBERSHIP):
                found = self.resolve(child, depth + 1)
                if found is not None:
                    return ArgActor(found.actor_id, None, sector, _phrase(token), token.i)
        if depth == 0 and (earlier := self._definite_possession(token)) is not None:
            return earlier
        if depth == 0 and token.lemma_.lower() in self.roles:
            role = self.roles[token.lemma_.lower()]
            return ArgActor(role.actor_id, role.agent_id, role.sector, _phrase(token), token.i)
        if depth >= 3:
            return None
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "from"} and (
                sector or token.pos_ in {"NUM", "PRON"} or token.lemma_.lower() in _MEMBERSHIP
            ):
                for obj in child.children:
                    if obj.dep_ == "pobj" and (found := self.resolve(obj, depth + 1)) is not None:
                        return ArgActor(found.actor_id, found.agent_id, sector or found.sector, _phrase(token), token.i)
            if child.dep_ in {"appos", "compound"} and (found := self.resolve(child, depth + 1)) is not None:
                return found
            if sector and child.dep_ == "prep" and child.lower_ in _LOCATED:  # "rebels in the Ivory Coast"
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i in self.token_mention:
                        found = self._from_mention(self.token_mention[obj.i], obj)
                        if found is not None and (place := self.catalogue.get(found.actor_id)) and place.is_state:
                            return ArgActor(found.actor_id, None, sector, _phrase(token), token.i)
        if token.pos_ == "NUM":
            for child in token.children:
                if child.dep_ == "conj" and (found := self.resolve(child, depth + 1)) is not None:
                    return found
        if depth == 0 and (described := self._described(token)) is not None:
            return described
        if depth == 0 and sector in _HOME_SECTORS and token.pos_ == "NOUN" and (home := self.home()) is not None and (
            not self._located_elsewhere(token.sent, home)
        ):
            # "coalition forces faced insurgents": unnamed armed opposition is the country's where the
            # story happens (CAMEO coders read it from the dateline and context)
            return ArgActor(home, None, sector, _phrase(token), token.i, default=True)
        return None

    def _described(self, token: Token) -> ArgActor | None:
        """"The regime", "the alliance", "the militants": the actor of a fitting type named last
        before the phrase, in its sentence or the few before (``[descriptions]``), other than the
        subject of the phrase's own clause; "the prime minister": a person named before who acts
        for a state."""
        types = _DESCRIPTIONS.get(token.lemma_.lower())
        if types is None or token.pos_ != "NOUN" or not any(
                c.dep_ in {"det", "predet"} and c.lower_ in _DEFINITE for c in token.children):
            return None
        verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        own = {t.i for c in (verb.children if verb is not None else ()) if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
        sentence = token.sent
        for _ in range(_CUES["descriptions"]["window"]):
            if sentence.start == 0:
                break
            sentence = self.doc[sentence.start - 1].sent
        fitting = []
        for mention in reversed(self.mentions_in(sentence.start, token.i)):
            if mention.start in own or mention.end > token.left_edge.i:
                continue
            arg = self._from_mention(self.token_mention[mention.start], self.doc[mention.start])
            if arg is None:
                continue
            actor = self.catalogue.get(arg.actor_id)
            if actor is None:
                continue
            person = mention.kind == "person" or self._is_person(arg.agent_id) or bool(
                arg.agent_id and arg.agent_id.startswith("person:"))
            if actor.type in types and not person or ("person" in types and person and actor.is_state):
                fitting.append((mention, arg))
        # the last one named earlier in the sentence; else, as a story's topic is its subject, the
        # last one named as a subject before; else the last one named
        here = next((arg for m, arg in fitting if m.start >= token.sent.start), None)
        subject = next((arg for m, arg in fitting if any(self.doc[i].dep_ in {"nsubj", "nsubjpass"}
                                                         for i in range(m.start, m.end))), None)
        chosen = here or subject or (fitting[0][1] if fitting else None)
        if chosen is None:
            return None
        return ArgActor(chosen.actor_id, chosen.agent_id, chosen.sector, _phrase(token), token.i, basis="description")

    def _located_elsewhere(self, sentence, home: str) -> bool:
        """Whether the sentence places something in another state ("kidnapped in Pakistan by militants")."""
        for token in sentence:
            if token.dep_ == "pobj" and token.head.lower_ in _LOCATED and token.i in self.token_mention:
                actor = self.catalogue.get(self.mentions[self.token_mention[token.i]].actor_id)
                if actor is not None and actor.is_state and actor.actor_id != home:
                    return True
        return False

    def home(self) -> str | None:
        """The state a document is about: the one named most, if named at least twice as often as
        the next (else ``None``)."""
        if self._home is False:
            counts: dict[str, int] = {}
            for mention in self.mentions:
                actor = self.catalogue.get(mention.actor_id)
                if actor is not None and actor.is_state:
                    counts[actor.actor_id] = counts.get(actor.actor_id, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            self._home = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) and ranked[0][1] >= 2 else None
        return self._home

    def _definite_possession(self, token: Token) -> ArgActor | None:
        """"the helicopter" after "a US Chinook helicopter": a definite thing an actor owns (a base,
        a convoy, a helicopter) is the one last named with its owner in the document."""
        if token.lemma_.lower() not in POSSESSIONS or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        if any(c.dep_ in _MODIFIER_DEPS for c in token.children):
            return None
        lemma = token.lemma_.lower()
        for i in range(token.i - 1, -1, -1):
            earlier = self.doc[i]
            if earlier.lemma_.lower() != lemma:
                continue
            owner = next((j for j in range(earlier.left_edge.i, earlier.i) if j in self.token_mention), None)
            if owner is not None:  # "a US Chinook helicopter"
                found = self._from_mention(self.token_mention[owner], self.doc[owner])
                if found is not None:
                    return ArgActor(found.actor_id, found.agent_id, found.sector, _phrase(token), token.i)
        return None

    def _preceding_mention(self, pronoun: Token, person: bool) -> ArgActor | None:
        """'offered troops to President X to help him': an object pronoun does not stand for its
        clause's subject but for the last fitting actor named before it in the sentence."""
        subjects = {c.i for a in pronoun.ancestors for c in a.children if c.dep_ == "nsubj"}
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
            if i in self.token_mention and i not in subjects:
                mention = self.mentions[self.token_mention[i]]
                is_person = mention.kind == "person" or self._is_person(mention.actor_id)
                if is_person == person:
                    return self._from_mention(self.token_mention[i], self.doc[i])
        return None

    def _possessive_antecedent(self, pronoun: Token, person: bool, depth: int) -> ArgActor | None:
        """'Treasury designated X for its support to Y': a possessive pronoun stands for the nearest
        fitting actor named before it in its sentence as an argument (a subject, an object, a
        partner of a preposition), not for the main clause's subject; places and times are passed by
        ("Iran said in Baghdad that its troops ...")."""
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
            token = self.doc[i]
            if i not in self.token_mention or token.dep_ not in _ANTECEDENT_DEPS:
                continue
            if token.dep_ == "pobj" and token.head.lower_ in _NOT_ANTECEDENT_PREPS:
                continue
            if token.dep_ == "conj" and token.head.i in self.token_mention:
                continue  # "Iran and Syria ... their": the first of the pair speaks for both here
            found = self.resolve(token, depth + 1)
            if found is None:
                continue
            mention = self.mentions[self.token_mention[i]]
            is_person = mention.kind == "person" or self._is_person(found.agent_id) or bool(
                found.agent_id and found.agent_id.startswith("person:"))
            if is_person == person:
                return replace(found, text=pronoun.text, token_i=pronoun.i)
        return None

    def _clause_subject(self, pronoun: Token, depth: int) -> ArgActor | None:
        """'Japan said it had halted aid': a pronoun in a reported clause stands for the subject of
        the verb that reports it (the nearest governing verb with a resolvable subject)."""
        if depth > 1:
            return None
        for ancestor in pronoun.ancestors:
            if ancestor.pos_ not in {"VERB", "AUX"}:
                continue
            for child in ancestor.children:
                if child.dep_ == "nsubj" and child.i != pronoun.i and child.pos_ != "PRON" and child.i < pronoun.i:
                    found = self.resolve(child, depth + 1)
                    if found is not None:
                        return found
        return None

    def _from_mention(self, index: int, token: Token) -> ArgActor | None:
        mention = self.mentions[index]
        person = self.persons.get(mention.actor_id)
        if person is not None and person.parent_id is None:  # a provisional actor: it acts for itself
            return ArgActor(person.actor_id, None, mention.sector or person.sector, mention.text, token.i)
        if person is not None:
            top = self.catalogue.represented(person.parent_id) if person.parent_id in self.catalogue.actors else None
            if top is None:
                return None
            return ArgActor(top.actor_id, person.actor_id, person.sector, mention.text, token.i)
        actor = self.catalogue.get(mention.actor_id)
        if actor is None:
            return None
        top = self.catalogue.represented_on(actor.actor_id, self.when)
        agent_id = actor.actor_id if top.actor_id != actor.actor_id else None
        sector = mention.sector or (actor.sector if actor.type in {"government_body", "person"} else None)
        if actor.roles and self.when is not None and (role := self.catalogue.role_on(actor.actor_id, self.when)):
            sector = role.sector or sector
        if mention.kind == "demonym" and token.head.i != token.i:
            sector = _sector(token.head) or sector
        return ArgActor(top.actor_id, agent_id, sector, mention.text, token.i)


def held_by(token: Token) -> list[Token]:
    """The holder in "X-held Y" / "X-controlled Y" (X as a token), or nothing."""
    return [h for c in token.children if c.dep_ == "amod" and c.lemma_.lower() in HOLDING_VERBS
            for h in c.children if h.dep_ in {"npadvmod", "compound", "nmod"}]


def sector_of(token: Token) -> str | None:
    """The CAMEO sector a noun names ("troops" -> MIL), or ``None``."""
    return _sector(token)


def _sector(token: Token) -> str | None:
    table = agents()
    lower = token.lower_
    agent = table.get(token.lemma_.lower()) or table.get(lower) or (table.get(lower[:-1]) if lower.endswith("s") else None)
    return agent.sector if agent else None


def phrase(token: Token) -> str:
    """The noun phrase a token heads, without relative clauses and long modifiers."""
    return _phrase(token)


def _phrase(token: Token) -> str:
    """The noun phrase a token heads, without relative clauses and long modifiers."""
    left = token.left_edge.i
    return token.doc[left : token.i + 1].text
