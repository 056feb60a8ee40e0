"""Which evidence rows speak of an actor the user names, when the name is a part of an actor.

Rows carry the actor an argument acts for, with the specific body or person as ``*_agent`` and the
CAMEO sector as ``*_sector`` ("Syrian rebels" is Syria with sector REB, "the Iranian intelligence
ministry" is Iran with agent ``irn-mois``). A user may ask about the whole ("Syria"), a part named
in the catalogue ("MOIS", "Yasser Arafat"), or a sector of a state ("Syrian rebels", "Iraqi
insurgents"). ``Scope`` says which sides of which rows are that actor, and ``relabel`` gives those
sides the scope's own key, so that "Syria vs Syrian rebels" becomes a dyad of two keys rather than
a state against itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

_SIDES = {"events": (("source_id", "source_name", "source_agent", "source_sector"),
                     ("target_id", "target_name", "target_agent", "target_sector")),
          "claims": (("subject_id", "subject_name", None, None), ("object_id", "object_name", None, None))}


@dataclass(frozen=True)
class Scope:
    actor_id: str  # the id the rows carry
    name: str
    agent: str | None = None  # only this body or person
    sector: str | None = None  # only this sector of the actor
    exclude_sectors: frozenset[str] = field(default_factory=frozenset)  # not these (the state apart from its rebels)
    kindred: frozenset[str] = field(default_factory=frozenset)  # sectors that count as ``sector`` (REB ~ INS)

    @property
    def key(self) -> str:
        return f"{self.actor_id}/{self.agent or self.sector}" if (self.agent or self.sector) else self.actor_id

    @property
    def partial(self) -> bool:
        return bool(self.agent or self.sector)

    def covers(self, actor_id: Any, agent: Any, sector: Any, table: str) -> bool:
        if actor_id != self.actor_id:
            return False
        if table == "claims":  # statements name whole actors
            return not self.partial
        if self.agent:
            return agent == self.agent
        if self.sector:
            return sector == self.sector or sector in self.kindred
        return sector not in self.exclude_sectors


def introduced_scope(rows: list[dict[str, Any]], name: str, actors_files: tuple[str, ...] = ()) -> Scope | None:
    """The scope of an actor the documents introduced (the store's ``actors`` rows not from the
    catalogue), found by id, name or any alias: a provisional actor is its own actor, a person
    tied to an actor covers what that person did or suffered."""
    from frenemy.ontology.actors import load_catalogue, normalize_name

    key = normalize_name(name)
    for row in rows:
        names = [row["name"], *(row.get("aliases") or "").split("|")]
        if row["actor_id"] == name or key in {normalize_name(n) for n in names if n}:
            if row.get("origin") == "document" and row.get("parent_id"):
                catalogue = load_catalogue(actors_files)
                parent = row["parent_id"]
                top = catalogue.represented(parent).actor_id if catalogue.get(parent) else parent
                return Scope(top, row["name"], agent=row["actor_id"])
            return Scope(row["actor_id"], row["name"])
    return None


def split_state(a: Scope, b: Scope, non_state_sectors: Iterable[str]) -> tuple[Scope, Scope]:
    """When one scope is a non-state part of the other's state ("Syria" vs "Syrian rebels"), the
    whole keeps only its state sectors."""
    sectors = frozenset(non_state_sectors)
    if a.actor_id == b.actor_id:
        if b.sector and not a.partial:
            a = Scope(a.actor_id, a.name, exclude_sectors=sectors)
        if a.sector and not b.partial:
            b = Scope(b.actor_id, b.name, exclude_sectors=sectors)
    return a, b


def relabel(rows: list[dict[str, Any]], table: str, scopes: Iterable[Scope]) -> list[dict[str, Any]]:
    """Rows with each side that a partial scope covers renamed to the scope's key and name; the
    sides a scope's actor id has but the scope does not cover are renamed out of the way, so that a
    part never stands in for the whole or the whole for a part."""
    scopes = list(scopes)
    ids = {s.actor_id for s in scopes}
    out = []
    for row in rows:
        row = dict(row)
        for id_col, name_col, agent_col, sector_col in _SIDES[table]:
            actor_id = row.get(id_col)
            if actor_id not in ids:
                continue
            agent, sector = row.get(agent_col) if agent_col else None, row.get(sector_col) if sector_col else None
            owner = next((s for s in scopes if s.covers(actor_id, agent, sector, table)), None)
            if owner is None:
                row[id_col] = f"{actor_id}/other"
            elif owner.partial:
                row[id_col], row[name_col] = owner.key, owner.name
        out.append(row)
    return out


def scope_of(name: str, actors_files: tuple[str, ...] = (), found: Callable[[str], Scope | None] | None = None,
             others: Callable[[], Iterable[str]] | None = None) -> Scope:
    """Which evidence a user-given actor name covers.

    A state's own government ("the Palestinian Authority", "the Iraqi government") speaks for the
    state, so it covers the state's evidence; another part (a ministry, a force, a person) covers
    what it did or suffered itself. A name the catalogue does not hold (``ActorCatalogue.lookup``)
    may be a sector of a state ("Syrian rebels", "Israel's military": the state with that sector and
    its kindred sectors) or a people of a place ("Kosovo Albanians"); else ``found`` may know it (an
    actor the documents introduced: a provisional actor, or a person tied to an actor); anything
    else is an ``UnknownActor`` ending with close names, among them ``others()`` (the names the
    documents introduced; read only then).
    """
    from frenemy.assess.evidence import rules
    from frenemy.ontology.actors import load_catalogue
    from frenemy.ontology.cameo import agents

    catalogue = load_catalogue(actors_files)
    actor = catalogue.lookup(name, loose=False)
    if actor is None:  # a name the documents introduced before a surname or a state-qualified name
        introduced = found(name) if found is not None else None
        if introduced is not None:
            return introduced
        actor = catalogue.lookup(name)
    if actor is None:
        words = name.split()
        head = words[-1].lower() if len(words) > 1 else ""
        agent = agents().get(head) or agents().get(head.removesuffix("s"))
        base = catalogue.lookup(" ".join(words[:-1])) if len(words) > 1 else None
        if base is None or not (agent or catalogue.demonym(head.removesuffix("s")) or catalogue.demonym(head)):
            raise catalogue.unknown(name, others() if others is not None else ())
        base = catalogue.represented(base.actor_id)
        sector = agent.sector if agent else None
        kindred = next((set(g) - {sector} for g in rules()["scope"]["kindred_sectors"] if sector in g), set())
        return Scope(base.actor_id, name, sector=sector, kindred=frozenset(kindred))
    represented = catalogue.represented(actor.actor_id)
    if represented.actor_id == actor.actor_id or (actor.type == "government_body" and actor.sector == "GOV"):
        return Scope(represented.actor_id, actor.name)
    return Scope(represented.actor_id, actor.name, agent=actor.actor_id)


def scopes_of(a: str, b: str, actors_files: tuple[str, ...] = (), found: Callable[[str], Scope | None] | None = None,
              others: Callable[[], Iterable[str]] | None = None) -> tuple[Scope, Scope]:
    """The scopes of a pair of names, split when one is a non-state part of the other's state."""
    from frenemy.errors import UsageError
    from frenemy.ontology.cameo import agents

    non_state = {agent.sector for agent in agents().values() if not agent.state_actor}
    first, second = split_state(scope_of(a, actors_files, found, others), scope_of(b, actors_files, found, others),
                                non_state)
    if first.key == second.key:
        raise UsageError(f"{a!r} and {b!r} are the same actor in the evidence ({first.name}); name two different actors")
    return first, second


__all__ = ["Scope", "introduced_scope", "relabel", "scope_of", "scopes_of", "split_state"]
