"""Component ``frenemy_actors``: find the actors a text names, under any of their names.

Three kinds of mention: catalogue names (with metonyms such as "Tehran" and demonyms such as
"Iranian"), and persons tied to the actor they act for by a title or apposition
("Israel's Defence Minister X", "X, a Hamas spokesman", "a Taliban commander called X").
A person linked once in a document is recognised by surname afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from frenemy.nlp.doctext import doc_text
from frenemy.ontology.actors import Actor, ActorCatalogue, load_catalogue, normalize_name
from frenemy.ontology.cameo import agents

#: Sectors whose members speak or act for their actor (not journalists, academics, civilians).
ACTING_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "REB", "OPP", "INS", "UAF", "SEP", "RAD", "PTY", "IGO", "NGO", "BUS", "REL"}
#: Words that cut a person's tie to the actor in a title ("former", "ex-", "veteran").
_FORMER = {"former", "ex", "retired", "veteran", "onetime", "one-time", "erstwhile"}
_NAMING_VERBS = {"call", "name", "identify", "know"}
_SKIP_LEFT = {"'", "‘", "’", "\"", "“", "”", "-", "–", "—", "the", "a", "an", "'s", "’s", "s"}
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class Mention:
    """A span of tokens naming an actor."""

    start: int
    end: int
    actor_id: str
    sector: str | None
    kind: str  # name | metonym | demonym | person
    text: str


for _name, _default in (("frenemy_mentions", None), ("frenemy_token_mention", None), ("frenemy_persons", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class ActorFinder:
    """Finds catalogue names and title-linked persons and leaves them on ``doc._``."""

    def __init__(self, catalogue: ActorCatalogue) -> None:
        self.catalogue = catalogue

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._catalogue_mentions(doc)
        mentions += _defined_acronyms(doc, mentions)
        persons: dict[str, Actor] = {}
        mentions += self._person_mentions(doc, mentions, persons)
        mentions.sort(key=lambda m: m.start)
        doc._.frenemy_mentions = mentions
        doc._.frenemy_token_mention = {i: n for n, m in enumerate(mentions) for i in range(m.start, m.end)}
        doc._.frenemy_persons = persons
        return doc

    def _catalogue_mentions(self, doc: Doc) -> list[Mention]:
        """Greedy longest match of normalised token spans against the catalogue's names."""
        catalogue, first_words = self.catalogue, self.catalogue.first_words
        found: list[Mention] = []
        text = doc_text(doc)
        # Token attributes read once into lists: spans are tried at every position, and building
        # spaCy Token objects for each try costs more than the lookups.
        words = [t.text for t in doc]
        starts = [t.idx for t in doc]
        punct = [t.is_punct for t in doc]
        spaces_before = [0]
        for token in doc:
            spaces_before.append(spaces_before[-1] + token.is_space)
        i, n = 0, len(doc)
        while i < n:
            head = normalize_name(words[i])
            if not head or punct[i]:
                i += 1
                continue
            if head.split()[0] not in first_words:
                surname = self._surname(doc[i])
                if surname is not None:
                    found.append(surname)
                i += 1
                continue
            for size in range(min(catalogue.max_words * 2, n - i), 0, -1):
                end = i + size
                if punct[end - 1] or spaces_before[end] != spaces_before[i]:
                    continue
                span_text = text[starts[i] : starts[end - 1] + len(words[end - 1])]
                match = catalogue.match(span_text)
                if match is not None:
                    found.append(Mention(i, end, match.actor_id, match.sector, match.kind, span_text))
                    i = end
                    break
            else:
                surname = self._surname(doc[i])
                if surname is not None:
                    found.append(surname)
                i += 1
        return found

    def _surname(self, token) -> Mention | None:
        """A catalogue person named by surname alone: a proper noun the tagger does not read as
        a date, place or organisation ("Putin said", not "in May")."""
        if token.pos_ != "PROPN" or token.ent_type_ not in {"PERSON", ""}:
            return None
        doc = token.doc
        if (token.i > 0 and doc[token.i - 1].pos_ == "PROPN" and not doc[token.i - 1].lower_ in agents()) or (
            token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"
        ):
            return None  # part of another full name ("Aftab Ahmad Khan Sherpao")
        match = self.catalogue.surname(token.text)
        if match is None:
            return None
        return Mention(token.i, token.i + 1, match.actor_id, match.sector, "name", token.text)

    def _person_mentions(self, doc: Doc, names: list[Mention], persons: dict[str, Actor]) -> list[Mention]:
        token_mention = {i: n for n, m in enumerate(names) for i in range(m.start, m.end)}
        found: list[Mention] = []
        by_surname: dict[str, Actor] = {}
        for ent in doc.ents:
            if ent.label_ not in {"PERSON", "WORK_OF_ART", "ORG"} or any(i in token_mention for i in range(ent.start, ent.end)):
                continue
            if ent.label_ != "PERSON" and not _looks_like_name(ent):
                continue
            surname = normalize_name(ent[-1].text)
            link = _title_to_left(doc, ent.start, token_mention) or _description_link(doc[ent.start : ent.end].root, token_mention)
            if link is None:
                person = by_surname.get(surname)
                if person is None:
                    continue
            else:
                mention_index, sector = link
                person = _person_actor(ent.text, names[mention_index].actor_id, sector)
                persons[person.actor_id] = person
                by_surname[surname] = person
            found.append(Mention(ent.start, ent.end, person.actor_id, person.sector, "person", ent.text))
        return found


def _defined_acronyms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"The Palestinian Authority (PA) ...": an acronym defined in brackets after a name stands for
    that actor in the rest of the document, even when it is too ambiguous to be a catalogue alias."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    defined: dict[str, Mention] = {}
    for m in mentions:
        if m.kind == "name" and m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
            acronym = doc[m.end + 1].text
            if acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 6:
                defined.setdefault(acronym, m)
    found = []
    for token in doc:
        m = defined.get(token.text)
        if m is not None and token.i not in taken and token.i > m.start:
            found.append(Mention(token.i, token.i + 1, m.actor_id, m.sector, "name", token.text))
    return found


def _title_to_left(doc: Doc, start: int, token_mention: dict[int, int]) -> tuple[int, str] | None:
    """'Iran's Intelligence Minister X', 'Taliban spokesman X', 'U.S. Secretary of State X':
    walk left over title words to an actor name; the title must contain a sector noun."""
    sector = None
    for i in range(start - 1, max(-1, start - 9), -1):
        token = doc[i]
        if i in token_mention:
            return (token_mention[i], sector) if sector else None
        lower = token.lower_
        if lower in _FORMER:
            return None
        agent = agents().get(token.lemma_.lower()) or agents().get(lower)
        if agent is not None:
            if agent.sector not in ACTING_SECTORS:
                return None
            sector = sector or agent.sector
        elif not (lower in _SKIP_LEFT or token.is_title or token.pos_ == "ADJ" or lower in {"of", "for", "and"}):
            return None
    return None


def _description_link(root: Token, token_mention: dict[int, int]) -> tuple[int, str] | None:
    """'X, a Hamas spokesman' or 'a Taliban commander called X'."""
    for noun in _describing_nouns(root):
        agent = agents().get(noun.lemma_.lower())
        if agent is None or agent.sector not in ACTING_SECTORS:
            continue
        if any(c.lower_ in _FORMER for c in noun.children):
            return None
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "poss", "nmod"} and child.i in token_mention:
                return token_mention[child.i], agent.sector
            if child.dep_ == "prep" and child.lower_ in {"of", "for", "from"}:
                for obj in child.children:
                    if obj.i in token_mention:
                        return token_mention[obj.i], agent.sector
    return None


def _looks_like_name(ent) -> bool:
    return all(t.is_title or t.is_punct for t in ent) and len(ent) <= 4


def _describing_nouns(root: Token):
    for child in root.children:
        if child.dep_ == "appos":
            yield child
    if root.dep_ == "appos":
        yield root.head
    if root.dep_ in {"oprd", "attr", "dobj"} and root.head.lemma_ in _NAMING_VERBS and root.head.dep_ == "acl":
        yield root.head.head


def _person_actor(name: str, parent_id: str, sector: str) -> Actor:
    """A person found in a text, acting for ``parent_id`` in ``sector``."""
    slug = _SLUG.sub("-", normalize_name(name)).strip("-")
    return Actor(f"person:{slug}", name.strip("'‘’\"“” "), "person", None, sector, parent_id, ())


@Language.factory("frenemy_actors", default_config={"actors_files": []})
def make_actor_finder(nlp: Language, name: str, actors_files: list[str]) -> ActorFinder:
    return ActorFinder(load_catalogue(actors_files))
