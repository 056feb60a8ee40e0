"""The actor catalogue: stable ids, types, home states, sectors and every name an actor goes by.

Built from three shipped tables of our own (``countries.csv``, ``government_bodies.csv``,
``actors.csv``), then the converted PETRARCH-2 / Phoenix dictionaries (``petrarch_actors.csv``,
which only adds: our own ids, names and types win), then any number of user files in the
``actors.csv`` format. Lookups normalise spelling so that Al-Qa'ida, al Qaeda and al-Qaida meet
(case, apostrophes, hyphens, accents); short acronyms (US, IS, AQ) match only in capitals so that
"us" and "is" stay words, and converted names only where the text capitalises them as the name
is ("Army of God", not "army of god"). Persons may carry dated roles (Colin Powell: US elite until
1987, US government 2001-2005), and ``represented_on`` picks the one in force on a date.
"""

from __future__ import annotations

import copy
import csv
import re
import unicodedata
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from frenemy.errors import UnknownActor, UsageError
from frenemy.ontology.loader import data_path, read_csv_rows, toml

#: Actor types; states first. ``territory`` and ``historic`` are state-like.
ACTOR_TYPES = (
    "state", "territory", "historic", "government_body", "armed_group", "party", "igo", "ngo",
    "company", "person", "media", "religious_group", "other",
)
STATE_TYPES = {"state", "territory", "historic"}
USER_COLUMNS = ("actor_id", "name", "type", "country", "sector", "parent_id", "aliases")
#: What ``normalize_name`` does to single characters: apostrophes and dots go, dashes become spaces.
_SPELLING = str.maketrans({**dict.fromkeys("’'‘`ʼ´\"“”"), **dict.fromkeys("-‐‑‒–—_/", " "), ".": None})
_CASE_SENSITIVE_MAX = 3
#: The converted PETRARCH-2 / Phoenix actor dictionaries (scripts/convert_petrarch.py).
UPSTREAM_FILE = "petrarch_actors.csv"
UPSTREAM_COLUMNS = [*USER_COLUMNS, "roles", "surname"]
UPSTREAM_AGENTS_FILE = "petrarch_agents.csv"
#: How users qualify a name by a state ("Iraqi government", "al-Qaeda in Syria").
QUALIFIERS_FILE = "name_qualifiers.toml"
#: A possessive ending: "Israel's", "Iraqis'".
_POSSESSIVE = re.compile(r"['’`]s$|(?<=s)['’`]$")
#: A state in brackets ending a name: "Ministry of Defence (Iraq)".
_BRACKETED = re.compile(r"\s*\([^()]*\)$")


@lru_cache(maxsize=1 << 17)
def normalize_name(text: str, keep_case: bool = False) -> str:
    """Spelling-insensitive form of a name: no accents, apostrophes, hyphens, dots or 'the'.
    Without ``keep_case`` it is the lower case of the ``keep_case`` form. Remembered, as the
    same words come back in every document."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.translate(_SPELLING).split())
    if not keep_case:
        text = text.lower()
    if text.lower().startswith("the "):
        text = text[4:]
    return text


def _is_acronym(alias: str) -> bool:
    bare = normalize_name(alias, keep_case=True).replace(" ", "")
    return bare.isupper() and len(bare) <= _CASE_SENSITIVE_MAX


class Role(NamedTuple):
    """A person acting for ``actor_id`` (a state or an organisation) in ``sector`` from ``start``
    to ``end`` (inclusive; ``None`` is open). A role with no dates is the default for dates that
    no dated role covers. (A named tuple: tens of thousands are read at every start.)"""

    actor_id: str
    sector: str | None = None
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, when: date) -> bool:
        return self.dated and (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


def parse_roles(text: str) -> tuple[Role, ...]:
    """``USA:GOV:2001-01-20:2005-01-26|un:IGO::`` -> roles (the ``roles`` column of petrarch_actors.csv)."""
    roles = []
    for item in _split(text):
        actor_id, sector, start, end = (item.split(":") + ["", "", ""])[:4]
        roles.append(Role(actor_id, sector or None, date.fromisoformat(start) if start else None,
                          date.fromisoformat(end) if end else None))
    return tuple(roles)


def role_on(roles: tuple[Role, ...], when: date | None) -> Role | None:
    """The role in force on ``when``: the latest-begun dated role covering it, else the default
    (undated) role, else the most recent role. Without a date: the most recent role."""
    dated = [r for r in roles if r.dated]
    if when is not None:
        covering = [r for r in dated if r.covers(when)]
        if covering:
            return max(covering, key=lambda r: (r.start or date.min, r.end or date.max))
        default = next((r for r in roles if not r.dated), None)
        if default is not None:
            return default
    if dated:
        return max(dated, key=lambda r: (r.end or date.max, r.start or date.min, r.actor_id, r.sector or ""))
    return roles[0] if roles else None


@dataclass(frozen=True)
class Actor:
    """One actor of the catalogue."""

    actor_id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    parent_id: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    @property
    def is_state(self) -> bool:
        return self.type in STATE_TYPES


@dataclass(frozen=True)
class NameMatch:
    """What a name stands for: the actor, and the sector it implies (a metonym implies GOV)."""

    actor_id: str
    sector: str | None = None
    kind: str = "name"  # name | metonym | demonym


@dataclass
class ActorCatalogue:
    """All known actors and the indexes that resolve names to them."""

    actors: dict[str, Actor] = field(default_factory=dict)
    _names: dict[str, NameMatch] = field(default_factory=dict)
    _acronyms: dict[str, NameMatch] = field(default_factory=dict)
    _demonyms: dict[str, NameMatch] = field(default_factory=dict)
    _surnames: dict[str, NameMatch] = field(default_factory=dict)
    #: Converted (upstream) names: key -> (match, the case each word must have in the text).
    _upstream: dict[str, tuple[NameMatch, tuple[int, ...]]] = field(default_factory=dict)
    #: Persons of the converted tables who may be named by surname alone, and that surname.
    _upstream_surnames: dict[str, str] = field(default_factory=dict)
    #: Actors that come from the converted tables (not extended ones of ours).
    _upstream_ids: set[str] = field(default_factory=set)
    #: Surname -> converted persons bearing it: a surname alone names one of them only after the
    #: document has named that person in full.
    _anaphoric: dict[str, tuple[NameMatch, ...]] = field(default_factory=dict)
    first_words: set[str] = field(default_factory=set)
    #: Every leading run of whole words of every name (lower case): a span whose words are not
    #: one cannot grow into a name, so a scan of the text stops there.
    prefixes: set[str] = field(default_factory=set)
    max_words: int = 1

    # -- building --------------------------------------------------------------------------------

    def add(self, actor: Actor, metonyms: Iterable[str] = (), demonyms: Iterable[str] = ()) -> None:
        """Add (or replace) an actor; later additions win for a shared name."""
        if actor.type not in ACTOR_TYPES:
            raise UsageError(f"actor {actor.actor_id}: unknown type {actor.type!r} (one of {', '.join(ACTOR_TYPES)})")
        self.actors[actor.actor_id] = actor
        for alias in (actor.name, actor.actor_id if actor.is_state else "", *actor.aliases):
            self._index(alias, NameMatch(actor.actor_id, actor.sector, "name"))
        for alias in metonyms:
            self._index(alias, NameMatch(actor.actor_id, "GOV", "metonym"))
        for demonym in demonyms:
            key = normalize_name(demonym)
            if key:
                self._demonyms[key] = NameMatch(actor.actor_id, None, "demonym")
                self._index(demonym, NameMatch(actor.actor_id, None, "demonym"))

    def _index(self, alias: str, match: NameMatch) -> None:
        if not alias or not alias.strip():
            return
        if _is_acronym(alias):
            key = normalize_name(alias, keep_case=True)
            self._acronyms[key] = match
        else:
            key = normalize_name(alias)
            if not key:
                return
            self._names[key] = match
        self._note_words(key)

    def _note_words(self, key: str) -> None:
        words = key.lower().split()
        self.first_words.add(words[0])
        self.max_words = max(self.max_words, len(words))
        prefix = words[0]
        self.prefixes.add(prefix)
        for word in words[1:]:
            prefix += " " + word
            self.prefixes.add(prefix)

    def add_upstream(self, actor: Actor, surname: str | None = None) -> None:
        """Add an actor of a converted table, or extend ours: an id we hold keeps its name, type and
        parent and only gains aliases (and roles, when it has none); a name we already give any
        actor is not taken. Converted names match only as capitalised as the name is written."""
        mine = self.actors.get(actor.actor_id)
        if mine is not None:
            new = tuple(a for a in actor.aliases if a not in mine.aliases and a != mine.name)
            actor = replace(mine, aliases=mine.aliases + new, roles=mine.roles or actor.roles)
            names: Iterable[str] = new
        else:
            if actor.type not in ACTOR_TYPES:
                raise UsageError(f"actor {actor.actor_id}: unknown type {actor.type!r}")
            names = (actor.name, *actor.aliases)
            self._upstream_ids.add(actor.actor_id)
            if surname and actor.type == "person":
                self._upstream_surnames[actor.actor_id] = surname
        self.actors[actor.actor_id] = actor
        match = NameMatch(actor.actor_id, actor.sector, "name")
        for alias in names:
            kept = normalize_name(alias, keep_case=True)
            key = kept.lower()
            if not key or key in self._names or key in self._upstream or kept in self._acronyms:
                continue
            words = kept.split()
            if len(words) == 1 and len(kept) <= _CASE_SENSITIVE_MAX and kept.isupper():
                self._acronyms[kept] = match
            elif len(words) == 1:
                self._upstream[key] = (match, (_word_case(kept),))
            else:
                self._upstream[key] = (match, tuple(1 if w[:1].isupper() else 0 for w in words))
            self._note_words(key)

    # -- lookups ---------------------------------------------------------------------------------

    def match(self, text: str) -> NameMatch | None:
        """The actor a piece of text names exactly (after normalisation), or ``None``."""
        kept = normalize_name(text, keep_case=True)
        acronym = self._acronyms.get(kept)
        if acronym is not None:
            return acronym
        key = kept.lower()
        found = self._names.get(key)
        if found is not None or not self._upstream:
            return found
        upstream = self._upstream.get(key)
        if upstream is None:
            return None
        match, cases = upstream
        for word, case in zip(kept.split(), cases):
            if (case == 1 and not word[:1].isupper()) or (case == 2 and not word.isupper()):
                return None
        return match

    def surname(self, word: str, named: Container[str] = ()) -> NameMatch | None:
        """A catalogue person's surname used alone ("Putin said"), matched in capitals only; a
        surname shared by persons acting for one state ("Bush") stands for that state. A person of
        the converted tables is named by surname alone only once the text has named them in full
        (``named``: the actor ids named so far): twenty thousand officials' surnames are too many
        to read every capitalised word as one of them."""
        key = normalize_name(word, keep_case=True)
        found = self._surnames.get(key)
        if found is None and named:
            found = next((m for m in self._anaphoric.get(key, ()) if m.actor_id in named), None)
        return found

    def index_surnames(self) -> None:
        """Build the surname index from the persons; call after all actors are added. Our own
        persons' surnames stand alone; a surname of several of them stands for their state when they
        all act for one, else for nobody. A converted person's surname (those the table gives: persons
        who acted for a state or group) that is not one of ours names them only after the document
        has named them in full (see ``surname``)."""
        ours: dict[str, list[Actor]] = {}
        upstream: dict[str, list[NameMatch]] = {}
        for actor in self.actors.values():
            if actor.type != "person":
                continue
            if actor.actor_id in self._upstream_ids:
                if actor.actor_id in self._upstream_surnames:
                    surname = normalize_name(self._upstream_surnames[actor.actor_id], keep_case=True)
                    upstream.setdefault(surname, []).append(NameMatch(actor.actor_id, actor.sector, "surname"))
                continue
            parts = normalize_name(actor.name, keep_case=True).split()
            if len(parts) > 1 and parts[-1][:1].isupper():
                ours.setdefault(parts[-1], []).append(actor)
        self._surnames = {}
        for surname, persons in ours.items():
            if self.match(surname):
                continue  # the word already names something else
            if len(persons) == 1:
                self._surnames[surname] = NameMatch(persons[0].actor_id, persons[0].sector, "surname")
            elif len({self.represented(p.actor_id).actor_id for p in persons}) == 1:
                self._surnames[surname] = NameMatch(self.represented(persons[0].actor_id).actor_id, "GOV", "surname")
        # (a word that names something is read as that name before it is tried as a surname)
        self._anaphoric = {surname: tuple(matches) for surname, matches in upstream.items() if surname not in self._surnames}

    def demonym(self, word: str) -> NameMatch | None:
        return self._demonyms.get(normalize_name(word))

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def represented(self, actor_id: str) -> Actor:
        """The actor this one acts for: a ministry -> its state, a person -> their group or state."""
        actor = self.actors[actor_id]
        seen = {actor_id}
        while actor.parent_id and actor.parent_id in self.actors and actor.parent_id not in seen:
            if actor.type not in {"government_body", "person"}:
                break
            seen.add(actor.parent_id)
            actor = self.actors[actor.parent_id]
        return actor

    def role_on(self, actor_id: str, when: date | None = None) -> Role | None:
        """The dated role of a person in force on ``when`` (see ``role_on``), or ``None``."""
        actor = self.actors.get(actor_id)
        return role_on(actor.roles, when) if actor is not None and actor.roles else None

    def represented_on(self, actor_id: str, when: date | None = None) -> Actor:
        """Like ``represented``, on a date: a person with dated roles acts for the actor of the role
        in force then (Colin Powell in 1990 and in 2003: the United States; Ann Veneman in 2003 the
        United States, in 2006 UNICEF). Without a date, ``represented``: the actor's parent."""
        role = self.role_on(actor_id, when) if when is not None else None
        if role is not None and role.actor_id in self.actors and role.actor_id != actor_id:
            return self.represented(role.actor_id)
        return self.represented(actor_id)

    def copy(self) -> ActorCatalogue:
        """A copy that can be extended without changing this one (actors and matches are immutable)."""
        return ActorCatalogue(**{f.name: copy.copy(getattr(self, f.name)) for f in fields(self)})

    def home_country(self, actor_id: str) -> str | None:
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        if actor.is_state:
            return actor.actor_id if len(actor.actor_id) == 3 else None
        return actor.country or (self.home_country(actor.parent_id) if actor.parent_id and actor.parent_id != actor_id else None)

    def resolve(self, name: str) -> Actor:
        """A user-given name ("al Qaeda", "Iran", "IRN", "usa-cia", "Putin", "Iraqi government",
        "Yemeni al-Qaeda") -> actor (see ``lookup``), or an ``UnknownActor`` whose one-line message
        ends with the close names ("unknown actor 'Irann'; did you mean Iran, Iraq?")."""
        found = self.lookup(name)
        if found is None:
            raise self.unknown(name)
        return found

    def lookup(self, name: str, loose: bool = True) -> Actor | None:
        """The actor a user-given name stands for, or ``None``: an id, any name or alias in any case
        and spelling ("al-Qa'ida", "hamas"), or its possessive ("Iran's"); then, unless not
        ``loose`` (a caller with other names to try first, such as those the documents introduced),
        a person's surname alone when one person bears it ("Veneman"), or a name qualified by a
        state (``name_qualifiers.toml``): the state's own government ("Iraqi government", "the
        government of Iraq": the state), or a catalogue actor's branch in that state ("Yemeni
        al-Qaeda": al-Qaeda in the Arabian Peninsula; "the Taliban in Pakistan": Tehrik-i-Taliban
        Pakistan) or, when the catalogue has none, that actor. Only a name not known whole is taken
        apart, so a known name costs a dictionary lookup or two."""
        name = name.strip()
        found = self._named(name)
        if found is not None or not loose:
            return found
        return self._by_surname(name) or self._qualified(name)

    def unknown(self, name: str, others: Iterable[str] = ()) -> UnknownActor:
        """The error for a name that does not resolve, ending with the close names (``suggest``)."""
        suggestions = tuple(self.suggest(name, others))
        if suggestions:
            message = f"unknown actor {name!r}; did you mean {', '.join(suggestions)}?"
        else:
            message = f"unknown actor {name!r}; add it with --actors FILE"
        return UnknownActor(message, name, suggestions)

    def _named(self, name: str) -> Actor | None:
        if name in self.actors:
            return self.actors[name]
        found = self.match(name) or self.match(name.upper())
        if found is not None:
            return self.actors[found.actor_id]
        bare = _POSSESSIVE.sub("", name)
        if bare != name and bare:
            return self._named(bare)
        return None

    def _by_surname(self, name: str) -> Actor | None:
        """A person named by surname alone, in any case: one of ours, or the one converted person
        bearing it (a surname several persons bear names none of them)."""
        if " " in name.strip():
            return None
        word = normalize_name(name, keep_case=True)
        for key in dict.fromkeys((word, word[:1].upper() + word[1:])):
            found = self._surnames.get(key)
            if found is not None and self.actors[found.actor_id].type == "person":
                return self.actors[found.actor_id]
            bearers = self._anaphoric.get(key, ())
            if len(bearers) == 1:
                return self.actors[bearers[0].actor_id]
        return None

    def _state(self, text: str) -> Actor | None:
        """The state a qualifier names: a demonym ("Iraqi"), a name, alias or metonym, possessive or not."""
        text = _POSSESSIVE.sub("", text)
        found = self.demonym(text) or self.match(text) or self.match(text.upper())
        actor = self.actors.get(found.actor_id) if found is not None else None
        return actor if actor is not None and actor.is_state else None

    def _qualified(self, name: str) -> Actor | None:
        """A name made of a state qualifier and what it qualifies (see ``lookup``)."""
        for state, rest in self._splits(name):
            found = self._part(state, rest)
            if found is not None:
                return found
        return None

    def _splits(self, name: str) -> Iterator[tuple[Actor, str]]:
        """Each way ``name`` reads as a state and what it qualifies: "Iraqi | government",
        "Israel's | government", "government | of | Iraq" (``name_qualifiers.toml``)."""
        words = name.split()
        _, connectors = _qualifier_words()
        splits = [(words[:i], words[i:]) for i in range(1, len(words))]
        splits += [(words[i + 1:], words[:i]) for i in range(1, len(words) - 1) if normalize_name(words[i]) in connectors]
        for qualifier, rest in splits:
            state = self._state(" ".join(qualifier))
            if state is not None:
                yield state, " ".join(rest)

    def _part(self, state: Actor, rest: str) -> Actor | None:
        """What ``rest`` names in ``state``: the state itself for its government, the state's own
        actor of that name ("Iraqi Ministry of Defence"), the state's branch of a catalogue actor,
        or that actor when it has none and is not another state's part."""
        state_words, _ = _qualifier_words()
        if normalize_name(rest) in state_words:
            return state
        base = self._named(rest)
        if base is not None and base.is_state:
            return None
        home = self.home_country(base.actor_id) if base is not None else None
        if base is not None and home == state.actor_id:
            return base
        branch = self._branch(base, rest, state.actor_id)
        if branch is not None or base is None:
            return branch
        if home is not None and base.type in {"government_body", "person"}:
            return None  # another state's body or person: "Iraqi CIA" is no actor
        return base

    def _branch(self, base: Actor | None, rest: str, state_id: str) -> Actor | None:
        """The catalogue's actor of a state for ``rest``: one named ``rest`` apart from a state in
        brackets ("Ministry of Defence (Iraq)"); else, for a catalogue actor ``base``, one whose name
        contains the name given or ``base``'s (al-Qaeda in the Arabian Peninsula), before one whose
        parent is ``base``. Ours before converted ones, the shortest name first. A scan of the
        catalogue, made only for a name not known whole."""
        key = normalize_name(rest)
        needles = {f" {key} "} | ({f" {normalize_name(base.name)} "} if base is not None else set())
        best: tuple[tuple, Actor] | None = None
        for actor in self.actors.values():
            if actor.is_state or actor.type == "person" or (base is not None and actor.actor_id == base.actor_id):
                continue
            child = base is not None and actor.parent_id == base.actor_id
            if self.home_country(actor.actor_id) != state_id:
                continue
            names = [normalize_name(a) for a in (actor.name, *actor.aliases)]
            exact = any(_BRACKETED.sub("", n) == key for n in names)
            named = base is not None and any(needle in f" {n} " for n in names for needle in needles)
            if not (exact or named or child):
                continue
            rank = (not exact, not named, not child, actor.actor_id in self._upstream_ids, len(actor.name), actor.actor_id)
            if best is None or rank < best[0]:
                best = (rank, actor)
        return best[1] if best is not None else None

    def suggest(self, name: str, others: Iterable[str] = (), limit: int = 3) -> list[str]:
        """Names close to ``name``, for "did you mean": what a state-qualified name means with what
        it qualifies spelled right ("Iraqi govenment": Iraq), the persons bearing it as surname,
        then names and aliases spelled alike, of the whole or of its words (difflib; an actor once,
        by its name; a name before a metonym or demonym, a state before others). ``others`` are more
        names to offer (actors the documents introduced). Reads every name: only for a name that
        did not resolve."""
        import difflib

        key = normalize_name(name)
        if not key:
            return []
        pool: dict[str, tuple[str, float, bool]] = {}  # name key -> (name to show, rank penalty, a state's)
        for other in others:
            words = normalize_name(other).split() if other else []
            if words:
                pool.setdefault(" ".join(words), (other, 0.0, False))
            if len(words) > 1:  # a person's surname alone, as a user may type it
                pool.setdefault(words[-1], (other, 0.05, False))
        for found, match in self._names.items():
            actor = self.actors[match.actor_id]
            pool.setdefault(found, (actor.name, 0.0 if match.kind == "name" else 0.1, actor.is_state))
        for found, (match, _) in self._upstream.items():
            pool.setdefault(found, (self.actors[match.actor_id].name, 0.02, False))
        if name.strip().isupper():  # an acronym, typed as one
            for found, match in self._acronyms.items():
                actor = self.actors[match.actor_id]
                pool.setdefault(found.lower(), (actor.name, 0.0, actor.is_state))
        shown: list[str] = []
        state_words, _ = _qualifier_words()
        for state, rest in self._splits(name):
            for close in difflib.get_close_matches(normalize_name(rest), [*state_words, *pool], n=3, cutoff=0.8):
                part = self._part(state, close)
                if part is not None and part.name not in shown:
                    shown.append(part.name)
        shown += [self.actors[m.actor_id].name for m in self._bearers(name)]
        scored = []
        words = [w for w in key.split() if len(w) >= 4 and w != key]
        for query, cutoff, penalty in [(key, 0.6, 0.0)] + [(w, 0.8, 0.1) for w in words]:
            for close in difflib.get_close_matches(query, pool, n=50, cutoff=cutoff):
                label, kind_penalty, is_state = pool[close]
                score = difflib.SequenceMatcher(None, query, close).ratio() - kind_penalty - penalty
                score += 0.05 if close[:1] == query[:1] else 0.0  # a first letter is seldom mistyped
                scored.append((-round(score, 3), not is_state, abs(len(close) - len(query)), label))
        for *_, label in sorted(scored):
            if label not in shown:
                shown.append(label)
        return shown[:limit]

    def _bearers(self, name: str) -> list[NameMatch]:
        """Persons whose surname is ``name`` (one word, any case)."""
        if " " in name.strip():
            return []
        word = normalize_name(name, keep_case=True)
        word = word[:1].upper() + word[1:]
        found = list(self._anaphoric.get(word, ()))
        for actor in self.actors.values():
            if actor.type == "person" and actor.actor_id not in self._upstream_ids:
                parts = normalize_name(actor.name, keep_case=True).split()
                if len(parts) > 1 and parts[-1] == word:
                    found.append(NameMatch(actor.actor_id, actor.sector, "surname"))
        return found

    def search(self, query: str, limit: int = 10) -> list[Actor]:
        """Actors whose names or aliases contain ``query`` (for autocomplete and hints)."""
        key = normalize_name(query)
        if not key:
            return []
        hits: list[tuple[int, str, Actor]] = []
        for actor in self.actors.values():
            names = [normalize_name(n) for n in (actor.name, *actor.aliases)]
            if any(n.startswith(key) for n in names):
                hits.append((0 if normalize_name(actor.name).startswith(key) else 1, actor.name, actor))
            elif any(key in n for n in names):
                hits.append((2, actor.name, actor))
        return [a for _, _, a in sorted(hits, key=lambda h: (h[0], h[1]))[:limit]]


@cache
def _qualifier_words() -> tuple[frozenset[str], frozenset[str]]:
    """The nouns that stand for a qualifying state itself and the words joining a name to a state
    that follows it (``name_qualifiers.toml``)."""
    rules = toml(QUALIFIERS_FILE)
    return (frozenset(normalize_name(w) for w in rules["state"]["words"]),
            frozenset(normalize_name(w) for w in rules["suffix"]["connectors"]))


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _word_case(word: str) -> int:
    """How a word of a converted name must be written in a text: 0 any case (particles such as
    "of", "al"), 1 capitalised, 2 in capitals (an acronym; only a one-word name asks for it)."""
    if not word[:1].isupper():
        return 0
    return 2 if len(word) > 1 and word.isupper() and sum(ch.isalpha() for ch in word) > 1 else 1


def _load_countries(catalogue: ActorCatalogue) -> None:
    for row in read_csv_rows(data_path("countries.csv")):
        kind = {"un_member": "state", "observer": "state"}.get(row["status"], row["status"])
        actor = Actor(row["iso3"], row["name"], kind, country=row["iso3"], aliases=_split(row["aliases"]))
        catalogue.add(actor, metonyms=_split(row["metonyms"]), demonyms=_split(row["demonyms"]))


def _load_government_bodies(catalogue: ActorCatalogue) -> None:
    for row in read_csv_rows(data_path("government_bodies.csv")):
        catalogue.add(Actor(row["actor_id"], row["name"], "government_body", row["country"], row["sector"],
                            row["country"], _split(row["aliases"])))


def load_actor_rows(catalogue: ActorCatalogue, rows: Iterable[dict[str, str]], where: str) -> None:
    """Add rows in the ``actors.csv`` format; a bad row is a one-line error naming file and row."""
    for number, row in enumerate(rows, start=2):
        missing = [c for c in ("actor_id", "name", "type") if not row.get(c)]
        if missing:
            raise UsageError(f"{where}:{number}: missing {', '.join(missing)} (columns: {', '.join(USER_COLUMNS)})")
        try:
            catalogue.add(Actor(
                row["actor_id"], row["name"], row["type"], row.get("country") or None, row.get("sector") or None,
                row.get("parent_id") or None, _split(row.get("aliases") or ""),
            ))
        except UsageError as exc:
            raise UsageError(f"{where}:{number}: {exc}") from None


def _load_own(catalogue: ActorCatalogue) -> None:
    _load_countries(catalogue)
    _load_government_bodies(catalogue)
    path = data_path("actors.csv")
    if path.exists():
        load_actor_rows(catalogue, read_csv_rows(path), "actors.csv")


def load_upstream_file(catalogue: ActorCatalogue, path: Path) -> None:
    """Add the rows of ``petrarch_actors.csv`` (converted by scripts/convert_petrarch.py) after our
    own tables: they extend our actors and never replace our names. Read with a plain CSV reader:
    the file is generated, and twenty-odd thousand rows are read at every start."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(line for line in handle if not line.startswith("#"))
        columns = next(rows)
        if columns != UPSTREAM_COLUMNS:
            raise UsageError(f"{path.name}: columns {columns} (expected {UPSTREAM_COLUMNS}); rerun scripts/convert_petrarch.py")
        for actor_id, name, kind, country, sector, parent_id, aliases, roles, surname in rows:
            catalogue.add_upstream(Actor(
                actor_id, name, kind, country or None, sector or None, parent_id or None,
                tuple(aliases.split("|")) if aliases else (), parse_roles(roles) if roles else (),
            ), surname or None)


@cache
def agent_nouns() -> dict[str, str]:
    """Noun phrase -> CAMEO sector for every agent noun we know: our ``agents.csv`` first, then the
    converted PETRARCH-2 / Phoenix agent dictionary (``petrarch_agents.csv``, singular and plural
    forms; "prime minister" -> GOV, "rebel commander" -> REB). Ours win on a shared noun."""
    nouns: dict[str, str] = {}
    for name in ("agents.csv", UPSTREAM_AGENTS_FILE):
        path = data_path(name)
        if not path.exists():
            continue
        for row in read_csv_rows(path):
            for noun in (row["noun"], row.get("plural") or ""):
                if noun:
                    nouns.setdefault(noun.lower(), row["sector"])
    return nouns


def own_catalogue() -> ActorCatalogue:
    """Our own three tables only, without the converted ones (what the converter merges into)."""
    catalogue = ActorCatalogue()
    _load_own(catalogue)
    catalogue.index_surnames()
    return catalogue


@cache
def _builtin() -> ActorCatalogue:
    catalogue = ActorCatalogue()
    _load_own(catalogue)
    path = data_path(UPSTREAM_FILE)
    if path.exists():
        load_upstream_file(catalogue, path)
    catalogue.index_surnames()
    return catalogue


def load_catalogue(extra_files: Iterable[str | Path] = ()) -> ActorCatalogue:
    """The shipped catalogue plus the user's files (same columns as ``actors.csv``)."""
    extra = [Path(p) for p in extra_files]
    if not extra:
        return _builtin()
    catalogue = _builtin().copy()
    for path in extra:
        if not path.is_file():
            raise UsageError(f"--actors: {path}: no such file")
        load_actor_rows(catalogue, read_csv_rows(path), str(path))
    catalogue.index_surnames()
    return catalogue
