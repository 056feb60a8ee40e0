"""Component ``frenemy_actors``: find the actors a text names, under any of their names.

Kinds of mention: catalogue names (with metonyms such as "Tehran" and demonyms such as
"Iranian"); persons tied to the actor they act for by a title or apposition ("Israel's Defence
Minister X", "X, a Hamas spokesman", "a Taliban commander called X"); and provisional actors, the
named organisations, groups and persons the catalogue does not hold (open world: "the American
Civil Liberties Union", "Towakil Karman"). A person named once in a document is recognised by
surname afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from frenemy.nlp.doctext import doc_text
from frenemy.ontology.actors import Actor, ActorCatalogue, load_catalogue, normalize_name
from frenemy.ontology.cameo import agents
from frenemy.ontology.loader import toml

#: Sectors whose members speak or act for their actor (not journalists, academics, civilians).
ACTING_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "REB", "OPP", "INS", "UAF", "SEP", "RAD", "PTY", "IGO", "NGO", "BUS", "REL"}
#: Words that cut a person's tie to the actor in a title ("former", "ex-", "veteran").
_FORMER = {"former", "ex", "retired", "veteran", "onetime", "one-time", "erstwhile"}
_NAMING_VERBS = {"call", "name", "identify", "know"}
_SKIP_LEFT = {"'", "‘", "’", "\"", "“", "”", "-", "–", "—", "the", "a", "an", "'s", "’s", "s"}
_SLUG = re.compile(r"[^a-z0-9]+")
#: Parts of speech of a person's title between an actor's name and theirs ("U.N. mediator", "Iran's").
_TITLE_POS = {"NOUN", "PROPN", "ADJ", "PART"}
#: Words before a surname that do not make it part of a longer name ("Mr Ford").
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "gen", "sen", "rep", "gov", "col", "lt", "maj"}
_PROVISIONAL = toml("provisional_actors.toml")
_PROVISIONAL_LABELS: dict[str, str] = dict(_PROVISIONAL["labels"])
_HEAD_TYPES = {word: kind for kind, words in _PROVISIONAL["head_types"].items() for word in words}
_NOT_ACTORS = frozenset(_PROVISIONAL["not_actors"]["names"])
_TYPE_SECTORS = {"armed_group": "REB", "party": "PTY", "company": "BUS", "ngo": "NGO", "government_body": "GOV",
                 "media": "MED"}


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
        mentions = _provisional_mentions(doc, mentions, persons, self.catalogue)
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
        named: set[str] = set()  # actors named in full so far: a converted person's surname may follow
        i, n = 0, len(doc)
        while i < n:
            head = normalize_name(words[i])
            if not head or punct[i]:
                i += 1
                continue
            if head.split()[0] not in first_words:
                surname = self._surname(doc[i], named)
                if surname is not None:
                    found.append(surname)
                i += 1
                continue
            # Grow the span a token at a time while its words still begin some name (the catalogue's
            # prefixes), keeping the longest that is a name: tens of thousands of names cost no more
            # than a few lookups per token.
            best = None
            for end in range(i + 1, min(n, i + catalogue.max_words * 2) + 1):
                if spaces_before[end] != spaces_before[i]:
                    break
                span_text = text[starts[i] : starts[end - 1] + len(words[end - 1])]
                if not punct[end - 1] and (match := catalogue.match(span_text)) is not None:
                    best = (end, match, span_text)
                if end < n and starts[end] == starts[end - 1] + len(words[end - 1]):
                    continue  # the next token is glued on ("al-", "People's"): the last word goes on
                if normalize_name(span_text) not in catalogue.prefixes:
                    break
            if best is not None and not self._titled_otherwise(doc, i, best[1].actor_id, found):
                end, match, span_text = best
                found.append(Mention(i, end, match.actor_id, match.sector, match.kind, span_text))
                named.add(match.actor_id)
                i = end
            else:
                surname = self._surname(doc[i], named)
                if surname is not None:
                    found.append(surname)
                i += 1
        return found

    def _titled_otherwise(self, doc: Doc, start: int, actor_id: str, found: list[Mention]) -> bool:
        """Whether the words just before a catalogue person's name tie them to an actor other than
        the one the catalogue has them act for ("U.N. mediator Diego Cordovez", whom the catalogue
        knows as Ecuador's foreign minister). The text wins: the name is left to the title link."""
        actor = self.catalogue.get(actor_id)
        if actor is None or actor.type != "person" or not found:
            return False
        title = doc[found[-1].end : start]
        if len(title) > 6 or any(t.pos_ not in _TITLE_POS or t.lower_ in _FORMER for t in title):
            return False
        titled = self.catalogue.represented(found[-1].actor_id).actor_id
        return titled != self.catalogue.represented_on(actor_id, getattr(doc._, "frenemy_published", None)).actor_id

    def _surname(self, token, named: set[str]) -> Mention | None:
        """A catalogue person named by surname alone: a proper noun the tagger does not read as
        a date, place or organisation ("Putin said", not "in May")."""
        if token.pos_ != "PROPN" or token.ent_type_ not in {"PERSON", ""}:
            return None
        doc = token.doc
        before = doc[token.i - 1].lower_.rstrip(".") if token.i > 0 else ""
        if (before and doc[token.i - 1].pos_ == "PROPN" and before not in agents() and before not in _HONORIFICS) or (
            token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"
        ):
            return None  # part of another full name ("Aftab Ahmad Khan Sherpao")
        match = self.catalogue.surname(token.text, named)
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


def _provisional_mentions(doc: Doc, mentions: list[Mention], found: dict[str, Actor],
                          catalogue: ActorCatalogue) -> list[Mention]:
    """Named entities the catalogue does not hold become provisional actors (open world), added to
    ``found``. An organisation whose name only begins with a catalogue name ("the American Civil
    Liberties Union") is its own actor of that country, not the country. A person named in full once
    is the same person when named by surname later; an acronym defined in brackets names the actor."""
    taken = {i: m for m in mentions for i in range(m.start, m.end)}
    dropped: set[int] = set()
    by_surname: dict[str, Actor] = {}
    acronyms: dict[str, Actor] = {}
    added: list[Mention] = []
    for ent in doc.ents:
        kind = _PROVISIONAL_LABELS.get(ent.label_)
        span = _bare(doc, ent.start, ent.end)
        if kind is None or span is None:
            continue
        start, end = span
        text = doc[start:end].text
        root = doc[start:end].root
        if ent.label_ in {"NORP", "GPE"} and root.dep_ in {"amod", "compound", "nmod"}:
            continue  # "Darfur rebels", "Tamil civilians": a people or place describing a group is not its actor
        if kind == "person" and any(i in taken for i in range(root.left_edge.i, start)):
            continue  # "U.N. mediator Diego Cordovez": the title's actor speaks through the person
        inside = {id(taken[i]): taken[i] for i in range(start, end) if i in taken}
        country = None
        if inside:
            if not _org_named_after(doc, start, end, list(inside.values()), ent.label_):
                continue
            country = catalogue.home_country(next(iter(inside.values())).actor_id)
        key = normalize_name(text)
        if not key or key in _NOT_ACTORS or not any(ch.isalpha() for ch in key):
            continue
        if kind == "person":
            surname = normalize_name(doc[end - 1].text)
            actor = by_surname.get(surname) if end - start == 1 else None
            if actor is None:
                actor = Actor(f"person:{_SLUG.sub('-', key).strip('-')}", text, "person", None, None, None, ())
                by_surname.setdefault(surname, actor)
        elif key in acronyms:  # "the Government of National Accord (GNA)"
            actor = acronyms[key]
        else:
            country = country or _country_before(doc, start, taken, catalogue)
            heads = (normalize_name(doc[start:end].root.text), normalize_name(doc[end - 1].text))
            kind = next((_HEAD_TYPES[h] for h in heads if h in _HEAD_TYPES), kind)
            actor = Actor(f"prov:{_SLUG.sub('-', key).strip('-')}", text, kind, country, _TYPE_SECTORS.get(kind), None, ())
        actor = found.get(actor.actor_id, actor)
        if text not in actor.aliases and text != actor.name:
            actor = Actor(actor.actor_id, actor.name, actor.type, actor.country, actor.sector, actor.parent_id,
                          (*actor.aliases, text))
        found[actor.actor_id] = actor
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].is_upper:
            acronyms[normalize_name(doc[end + 1].text)] = actor
        dropped.update(inside)
        added.append(Mention(start, end, actor.actor_id, actor.sector, "provisional", text))
    kept = [m for m in mentions if id(m) not in dropped] + added
    kept += _repeated_names(doc, added, {i for m in kept for i in range(m.start, m.end)})
    return kept + _defined_acronyms(doc, [m for m in kept if m.kind == "provisional"], {i for m in kept for i in range(m.start, m.end)})


def _repeated_names(doc: Doc, named: list[Mention], taken: set[int]) -> list[Mention]:
    """Every other place a document repeats a provisional actor's full name, where the tagger
    missed it ("The Free Kivu Brigades attacked ..." after "... accused the Free Kivu Brigades")."""
    names: dict[tuple[str, ...], Mention] = {}
    for m in named:
        if m.end - m.start > 1 or doc[m.start].is_upper:  # a single ordinary word repeats as a word
            names.setdefault(tuple(t.text for t in doc[m.start : m.end]), m)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(names, key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    found = []
    texts = [t.text for t in doc]
    for i, text in enumerate(texts):
        for words in by_first.get(text, ()):
            end = i + len(words)
            if tuple(texts[i:end]) == words and not any(j in taken for j in range(i, end)):
                m = names[words]
                found.append(Mention(i, end, m.actor_id, m.sector, m.kind, m.text))
                taken.update(range(i, end))
                break
    return found


def _bare(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """An entity without a leading article or trailing possessive, if it still looks like a name."""
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'"} or doc[end - 1].is_punct):
        end -= 1
    if end <= start or not any(t.is_title or t.is_upper for t in doc[start:end]):
        return None
    return start, end


def _org_named_after(doc: Doc, start: int, end: int, inside: list[Mention], label: str) -> bool:
    """Whether an organisation's name merely begins with a catalogue name ("American Civil Liberties
    Union", "Iraq Humanitarian Fund") rather than being that actor or a part of it ("the Iranian
    Government", "Hamas' military wing")."""
    if label != "ORG" or any(m.end > end or m.start < start for m in inside):
        return False
    last = doc[end - 1]
    agent = agents().get(last.lemma_.lower()) or agents().get(last.lower_)
    if any(m.end >= end for m in inside) or (agent is not None and agent.state_actor):
        return False  # "the Iraqi Interior Ministry" is a part of the state
    return all(m.kind in {"demonym", "name", "metonym"} for m in inside) and end - max(m.end for m in inside) >= 2


def _country_before(doc: Doc, start: int, taken: dict[int, Mention], catalogue: ActorCatalogue) -> str | None:
    """The state a demonym or state name just before a name places it in ("the Pakistani X")."""
    if start > 0 and (start - 1) in taken:
        actor = catalogue.get(taken[start - 1].actor_id)
        if actor is not None and actor.is_state:
            return catalogue.home_country(actor.actor_id)
    return None


def _defined_acronyms(doc: Doc, mentions: list[Mention], taken: set[int] | None = None) -> list[Mention]:
    """"The Palestinian Authority (PA) ...": an acronym defined in brackets after a name stands for
    that actor in the rest of the document, even when it is too ambiguous to be a catalogue alias."""
    taken = taken if taken is not None else {i for m in mentions for i in range(m.start, m.end)}
    defined: dict[str, Mention] = {}
    for m in mentions:
        if m.kind in {"name", "provisional"} and m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
            acronym = doc[m.end + 1].text
            if acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 6:
                defined.setdefault(acronym, m)
    found = []
    for token in doc:
        full = defined.get(token.text)
        if full is not None and token.i not in taken and token.i > full.start:
            found.append(Mention(token.i, token.i + 1, full.actor_id, full.sector, full.kind, token.text))
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
