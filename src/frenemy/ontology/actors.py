"""The actor catalogue: stable ids, types, home states, sectors and every name an actor goes by.

Built from three shipped tables (``countries.csv``, ``government_bodies.csv``, ``actors.csv``)
and any number of user files in the ``actors.csv`` format. Lookups normalise spelling so that
Al-Qa'ida, al Qaeda and al-Qaida meet (case, apostrophes, hyphens, accents); short acronyms
(US, IS, AQ) match only in capitals so that "us" and "is" stay words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from frenemy.errors import UnknownActor, UsageError
from frenemy.ontology.loader import data_path, read_csv_rows

#: Actor types; states first. ``territory`` and ``historic`` are state-like.
ACTOR_TYPES = (
    "state", "territory", "historic", "government_body", "armed_group", "party", "igo", "ngo",
    "company", "person", "media", "religious_group", "other",
)
STATE_TYPES = {"state", "territory", "historic"}
USER_COLUMNS = ("actor_id", "name", "type", "country", "sector", "parent_id", "aliases")
_APOSTROPHES = re.compile(r"[’'‘`ʼ´\"“”]")
_DASHES = re.compile(r"[-‐‑‒–—_/]")
_DOTS = re.compile(r"(?<=\w)\.(?=\w|$)|(?<=^)\.")
_SPACE = re.compile(r"\s+")
_CASE_SENSITIVE_MAX = 3


@lru_cache(maxsize=1 << 17)
def normalize_name(text: str, keep_case: bool = False) -> str:
    """Spelling-insensitive form of a name: no accents, apostrophes, hyphens, dots or 'the'.
    Without ``keep_case`` it is the lower case of the ``keep_case`` form. Remembered, as the
    same words come back in every document."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text)
    text = _DASHES.sub(" ", text)
    text = text.replace(".", "")
    text = _SPACE.sub(" ", text).strip()
    if not keep_case:
        text = text.lower()
    if text.lower().startswith("the "):
        text = text[4:]
    return text


def _is_acronym(alias: str) -> bool:
    bare = normalize_name(alias, keep_case=True).replace(" ", "")
    return bare.isupper() and len(bare) <= _CASE_SENSITIVE_MAX


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
    first_words: set[str] = field(default_factory=set)
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
        words = key.split()
        self.first_words.add(words[0].lower())
        self.max_words = max(self.max_words, len(words))

    # -- lookups ---------------------------------------------------------------------------------

    def match(self, text: str) -> NameMatch | None:
        """The actor a piece of text names exactly (after normalisation), or ``None``."""
        kept = normalize_name(text, keep_case=True)
        acronym = self._acronyms.get(kept)
        if acronym is not None:
            return acronym
        return self._names.get(kept.lower())

    def surname(self, word: str) -> NameMatch | None:
        """A catalogue person's surname used alone ("Putin said"), matched in capitals only; a
        surname shared by persons acting for one state ("Bush") stands for that state."""
        return self._surnames.get(normalize_name(word, keep_case=True))

    def index_surnames(self) -> None:
        """Build the surname index from the persons; call after all actors are added."""
        by_surname: dict[str, list[Actor]] = {}
        for actor in self.actors.values():
            parts = normalize_name(actor.name, keep_case=True).split()
            if actor.type == "person" and len(parts) > 1 and parts[-1][:1].isupper():
                by_surname.setdefault(parts[-1], []).append(actor)
        self._surnames = {}
        for surname, persons in by_surname.items():
            if self._names.get(surname.lower()) or self._acronyms.get(surname):
                continue  # the word already names something else
            if len(persons) == 1:
                self._surnames[surname] = NameMatch(persons[0].actor_id, persons[0].sector, "surname")
            elif len({self.represented(p.actor_id).actor_id for p in persons}) == 1:
                self._surnames[surname] = NameMatch(self.represented(persons[0].actor_id).actor_id, "GOV", "surname")

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

    def home_country(self, actor_id: str) -> str | None:
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        if actor.is_state:
            return actor.actor_id if len(actor.actor_id) == 3 else None
        return actor.country or (self.home_country(actor.parent_id) if actor.parent_id and actor.parent_id != actor_id else None)

    def resolve(self, name: str) -> Actor:
        """A user-given name ("al Qaeda", "Iran", "IRN", "usa-cia") -> actor, or a helpful error."""
        if name in self.actors:
            return self.actors[name]
        found = self.match(name) or self.match(name.upper())
        if found is not None:
            return self.actors[found.actor_id]
        suggestions = [a.name for a in self.search(name, limit=3)] or self._close_names(name)
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        raise UnknownActor(f"unknown actor {name!r}{hint}; add it with --actors FILE")

    def _close_names(self, name: str, limit: int = 3) -> list[str]:
        """Names spelled like ``name`` (for "did you mean" hints)."""
        import difflib

        names = {normalize_name(n): a.name for a in self.actors.values() for n in (a.name, *a.aliases)}
        words = normalize_name(name).split()
        keys = [normalize_name(name)] + words
        found: list[str] = []
        for key in keys:
            for close in difflib.get_close_matches(key, names, n=limit, cutoff=0.75):
                if names[close] not in found:
                    found.append(names[close])
        return found[:limit]

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


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


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


@cache
def _builtin() -> ActorCatalogue:
    catalogue = ActorCatalogue()
    _load_countries(catalogue)
    _load_government_bodies(catalogue)
    path = data_path("actors.csv")
    if path.exists():
        load_actor_rows(catalogue, read_csv_rows(path), "actors.csv")
    catalogue.index_surnames()
    return catalogue


def load_catalogue(extra_files: Iterable[str | Path] = ()) -> ActorCatalogue:
    """The shipped catalogue plus the user's files (same columns as ``actors.csv``)."""
    extra = [Path(p) for p in extra_files]
    if not extra:
        return _builtin()
    import copy

    catalogue = copy.deepcopy(_builtin())
    for path in extra:
        if not path.is_file():
            raise UsageError(f"--actors: {path}: no such file")
        load_actor_rows(catalogue, read_csv_rows(path), str(path))
    catalogue.index_surnames()
    return catalogue
