"""Evidence about a pair of actors: every stored event and relationship statement on the pair as
one signed, weighted item, and the items that report the same happening merged into one group.

An item's sign is what it says about the relationship (+1 cooperation, -1 conflict, 0 bargaining);
its intensity is how much (Goldstein, or a statement's strength); its weight is how far to believe
it, from the commitment of whoever says it, the source's Admiralty reliability and the
information's credibility (tables in ``ontology/data/assessment.toml``). Items that cannot count
(a negated or denied event, a question, a hypothetical) stay in the list with weight 0, so a
reader sees what was set aside and why.

Reports of one happening (the same arrest told by the minister, a wire story and an analyst) are
one group whose weight grows only with *independent origins*: a story repeated by ten papers that
all quote the same minister is still one origin.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
import datetime as dt
from datetime import date
from functools import cache, cached_property
from typing import Any

from frenemy.ontology.loader import toml
from frenemy.schemas import CLAIM_COLUMNS, EVENT_COLUMNS


@cache
def rules() -> dict[str, Any]:
    """The assessment tables (weights, labels, hypotheses, estimative language)."""
    return toml("assessment.toml")


# What ``from_event``, ``from_claim`` and ``gather`` read of a row (and ``_weight`` of the flags its
# table names): a dyad fetches only these of the store's 50-odd columns, as the rest would be read
# out of the store and thrown away for every one of a hot pair's hundred thousand rows.
_READS = {
    "events": ("event_id", "doc_id", "event_date", "event_date_end", "report_date", "source_id", "source_name",
               "source_sector", "target_id", "target_name", "target_sector", "event_code", "quad_class", "goldstein",
               "negated", "trigger", "trigger_start", "sentence", "char_start", "char_end", "frame", "hypothetical"),
    "claims": ("claim_id", "doc_id", "subject_id", "subject_name", "object_id", "object_name", "polarity", "strength",
               "statement", "sentence", "char_start", "char_end", "report_date", "basis", "hypothetical"),
}
_ATTRIBUTION_READS = ("attributed_to", "attributed_type", "source_reliability", "reliability_reason", "credibility",
                      "commitment", "alleged", "hedged", "denied", "no_evidence")
#: What only shows when an item is listed and never weighs it (a claim's sentence does: a question
#: is set aside), so rows that only feed a score need not carry it.
_DISPLAY = {"events": ("sentence", "trigger", "reliability_reason", "char_end"),
            "claims": ("statement", "reliability_reason", "char_end")}


def columns(table: str, also: Iterable[str] = (), display: bool = True) -> tuple[str, ...]:
    """The columns of ``table`` ("events" or "claims") evidence is made of, and ``also``, in the
    table's order; without ``display``, not those only a listed item shows."""
    wanted = {*_READS[table], *_ATTRIBUTION_READS, *rules()["weights"]["flags"], *also}
    if not display:
        wanted -= set(_DISPLAY[table])
    return tuple(c for c in {"events": EVENT_COLUMNS, "claims": CLAIM_COLUMNS}[table] if c in wanted)


@dataclass(slots=True)
class Evidence:
    """One event or statement, as evidence on a dyad. Slotted: a hot pair's assessment holds a few
    hundred thousand of them, and a dict per item would be most of its memory."""

    kind: str  # "event" or "claim"
    id: str
    doc_id: str
    date: dt.date | None  # dt.: the field's name hides the class in the lines below
    date_end: dt.date | None
    report_date: dt.date | None
    source_id: str
    source_name: str
    target_id: str
    target_name: str
    polarity: int
    quad_class: int | None
    goldstein: float | None
    code: str | None
    what: str
    attributed_to: str | None
    attributed_type: str | None
    source_reliability: str | None
    reliability_reason: str | None
    credibility: int | None
    commitment: str | None
    alleged: bool
    hedged: bool
    denied: bool
    no_evidence: bool
    evidence_class: str
    intensity: float
    weight: float
    sentence: str
    char_start: int | None
    char_end: int | None
    set_aside: str | None = None  # why an item with weight 0 does not count
    group: int = -1
    title: str | None = None
    publisher: str | None = None
    _origin: str | None = field(default=None, init=False, repr=False, compare=False)  # ``origin``, once read

    @property
    def origin(self) -> str:
        """Who the report goes back to: its innermost attributed source, else its document."""
        if self._origin is None:
            name = " ".join((self.attributed_to or "").lower().split())
            self._origin = name or f"doc:{self.doc_id}"
        return self._origin

    @property
    def contribution(self) -> float:
        return self.polarity * self.intensity * self.weight

    @property
    def transactional(self) -> bool:
        return self.evidence_class in {"exchange", "transactional_statement"}

    def to_dict(self) -> dict[str, Any]:
        row = {f.name: getattr(self, f.name) for f in fields(self) if f.init}  # ``asdict`` without deep copies
        row[f"{self.kind}_id"] = row.pop("id")
        row["contribution"] = round(self.contribution, 4)
        row["weight"] = round(self.weight, 4)
        row["intensity"] = round(self.intensity, 4)
        return row


@dataclass
class EvidenceGroup:
    """Items that report one happening (or one judgement by one origin); counted once."""

    items: list[Evidence] = field(default_factory=list)

    @property
    def lead(self) -> Evidence:
        return max(self.items, key=lambda e: (e.weight, e.intensity))

    @property
    def polarity(self) -> int:
        return self.items[0].polarity  # one sign per group: the sign is part of the grouping key

    # The figures below are read thousands of times by the bootstrap; they are computed once, after
    # ``group`` has finished adding items (it only reads ``lead`` while grouping).

    @cached_property
    def intensity(self) -> float:
        return max(e.intensity for e in self.items)

    @cached_property
    def origins(self) -> set[str]:
        return {e.origin for e in self.items}

    @cached_property
    def weight(self) -> float:
        """Noisy-OR over independent origins, each at its best report: repetition adds nothing."""
        best: dict[str, float] = {}
        for item in self.items:
            best[item.origin] = max(best.get(item.origin, 0.0), item.weight)
        disbelief = 1.0
        for w in best.values():
            disbelief *= 1.0 - min(w, 1.0)
        return 1.0 - disbelief

    @cached_property
    def mass(self) -> float:
        return self.intensity * self.weight

    @property
    def span(self) -> tuple[date | None, date | None]:
        starts = [e.date for e in self.items if e.date]
        ends = [e.date_end or e.date for e in self.items if e.date]
        return (max(starts), min(ends)) if starts else (None, None)


def _event_sign(quad_class: int | None, goldstein: float | None) -> int:
    if quad_class in (1, 2):
        return 1
    if quad_class in (3, 4):
        return -1
    g = goldstein or 0.0
    return (g > 0) - (g < 0)


def _weight(row: dict[str, Any], commitment: str | None) -> float:
    flags = tuple(bool(row.get(flag)) for flag in rules()["weights"]["flags"])
    return _weight_of((commitment or "certain").removesuffix("-negative"), (row.get("source_reliability") or "F")[:1],
                      str(row.get("credibility") or 6), flags, row.get("frame") or "")


@cache
def _weight_of(commitment: str, reliability: str, credibility: str, flags: tuple[bool, ...], frame: str) -> float:
    """The weight for one combination of the table keys (a few dozen occur among a million rows)."""
    w = rules()["weights"]
    weight = w["commitment"].get(commitment, w["commitment"]["unknown"])
    weight *= w["reliability"].get(reliability, w["reliability"]["F"])
    weight *= w["credibility"].get(credibility, w["credibility"]["6"])
    for (flag, factor), present in zip(w["flags"].items(), flags):
        if present:
            weight *= factor
    return weight * w["frames"].get(frame, 1.0)


def _is_transactional_code(code: str | None) -> bool:
    if not code:
        return False
    return code.startswith(_transactional_prefixes())


@cache
def _transactional_prefixes() -> tuple[str, ...]:
    return tuple(rules()["transactional"]["codes"])


def from_event(row: dict[str, Any]) -> Evidence:
    """An ``events`` row as evidence."""
    sign = _event_sign(row.get("quad_class"), row.get("goldstein"))
    floor = rules()["intensity"]["event_floor"]
    set_aside = None
    if row.get("negated"):
        set_aside = "negated: the text says it did not happen"
    elif row.get("denied"):
        set_aside = "denied by the source reporting it"
    elif row.get("hypothetical"):
        set_aside = "hypothetical"
    commitment, intensity = row.get("commitment"), max(abs(row.get("goldstein") or 0.0) / 10.0, floor)
    if row.get("no_evidence") and sign and not set_aside:  # "nor have we seen evidence that X cooperated
        # with Y": a finding against the event it names, weighed as a no-evidence statement
        table = rules()["intensity"]
        cls = "no_evidence_of_cooperation" if sign > 0 else "no_evidence_of_hostility"
        sign, intensity, commitment = -sign, table["statement"] * table["no_evidence"], "certain"
    elif _is_transactional_code(row.get("event_code")):
        cls = "exchange"
    elif sign > 0:
        cls = "faction_cooperation" if _is_faction(row) else (
            "material_cooperation" if row.get("quad_class") == 2 else "verbal_cooperation")
    else:
        cls = "material_conflict" if row.get("quad_class") == 4 else "verbal_conflict"
    return Evidence(
        kind="event", id=row["event_id"], doc_id=row["doc_id"], date=row.get("event_date"),
        date_end=row.get("event_date_end") or row.get("event_date"), report_date=row.get("report_date"),
        source_id=row["source_id"], source_name=row.get("source_name") or row["source_id"],
        target_id=row["target_id"], target_name=row.get("target_name") or row["target_id"],
        polarity=sign, quad_class=row.get("quad_class"), goldstein=row.get("goldstein"), code=row.get("event_code"),
        what=" ".join((row.get("trigger") or "").split()), **_attribution(row), evidence_class=cls,
        intensity=intensity,
        weight=0.0 if set_aside else _weight(row, commitment),
        sentence=row.get("sentence") or "", char_start=row.get("char_start"), char_end=row.get("char_end"),
        set_aside=set_aside,
    )


def from_claim(row: dict[str, Any]) -> Evidence:
    """A ``claims`` row (a statement that characterises the relationship) as evidence.

    Its sign already carries the statement's own negation ("not one of alliance"); a speaker's
    denial turns it round; a "found no evidence" finding counts against the claim it answers.
    """
    table = rules()["intensity"]
    sign = row["polarity"] * (-1 if row.get("denied") else 1)
    intensity = table["statement"] * (row.get("strength") or 1.0)
    commitment = row.get("commitment")
    set_aside = None
    if row.get("no_evidence"):
        cls = "no_evidence_of_cooperation" if sign > 0 else "no_evidence_of_hostility"
        sign, intensity, commitment = -sign, intensity * table["no_evidence"], "certain"
        if sign == 0:
            set_aside = "a finding of no evidence that answers no claim of either sign"
    elif row.get("basis") == "stance":  # a signed predicate between the two, not a relationship term
        cls = "stance_cooperation" if sign > 0 else "stance_conflict"
    elif sign > 0:
        cls = "positive_statement"
    elif sign < 0:
        cls = "negative_statement"
    else:
        cls = "transactional_statement"
    if (row.get("sentence") or "").rstrip().endswith("?") or (sign == 0 and commitment == "unknown"):
        set_aside = "a question, not a statement"
    elif row.get("hypothetical"):
        set_aside = "hypothetical"
    return Evidence(
        kind="claim", id=row["claim_id"], doc_id=row["doc_id"], date=row.get("report_date"),
        date_end=row.get("report_date"), report_date=row.get("report_date"),
        source_id=row["subject_id"], source_name=row.get("subject_name") or row["subject_id"],
        target_id=row["object_id"], target_name=row.get("object_name") or row["object_id"],
        polarity=sign, quad_class=None, goldstein=None, code=None, what=" ".join((row.get("statement") or "").split()),
        **_attribution(row), evidence_class=cls, intensity=intensity,
        weight=0.0 if set_aside else _weight(row, commitment) * rules()["weights"]["basis"].get(row.get("basis") or "statement", 1.0),
        sentence=row.get("sentence") or "", char_start=row.get("char_start"), char_end=row.get("char_end"),
        set_aside=set_aside,
    )


def _attribution(row: dict[str, Any]) -> dict[str, Any]:
    get = row.get
    return {"attributed_to": get("attributed_to"), "attributed_type": get("attributed_type"),
            "source_reliability": get("source_reliability"), "reliability_reason": get("reliability_reason"),
            "credibility": get("credibility"), "commitment": get("commitment"), "alleged": bool(get("alleged")),
            "hedged": bool(get("hedged")), "denied": bool(get("denied")), "no_evidence": bool(get("no_evidence"))}


def _is_faction(row: dict[str, Any]) -> bool:
    """A cooperative act by a part of a state that is not its government ("elements of the IRGC",
    "a faction of the army"): evidence for the factional hypothesis."""
    sectors = {row.get("source_sector") or "", row.get("target_sector") or ""} - {""}
    return bool(sectors) and not sectors <= {"GOV"}


def gather(events: Iterable[dict[str, Any]], claims: Iterable[dict[str, Any]], as_of: date | None = None,
           meta: dict[str, dict[str, Any]] | None = None) -> list[Evidence]:
    """Evidence items from event and claim rows of one dyad, known by ``as_of`` (reported by then
    and, for events, begun by then). A symmetric event coded in both directions from one sentence
    ("Iran and al-Qaeda met") is one item. An event read from a stance (frame ``stance``) is the
    stance claim of the same sentence coded as an event: the claim counts, the event does not."""
    items: list[Evidence] = []
    seen: set[tuple] = set()
    for row in events:
        if row.get("frame") == "stance":
            continue
        key = (row["doc_id"], row.get("trigger_start"), row.get("event_code"),
               frozenset((row["source_id"], row["target_id"])))
        if key in seen:
            continue
        seen.add(key)
        items.append(from_event(row))
    items += [from_claim(row) for row in claims]
    if as_of is not None:
        items = [e for e in items if (e.report_date is None or e.report_date <= as_of)
                 and (e.date is None or e.date <= as_of)]
        for e in items:
            if e.date_end and e.date_end > as_of:
                e.date_end = as_of
    for e in items:
        doc = (meta or {}).get(e.doc_id) or {}
        e.title, e.publisher = doc.get("title"), doc.get("publisher")
    items.sort(key=lambda e: (e.date or date.max, e.doc_id, e.char_start or 0, e.id))
    return items


def group(items: list[Evidence]) -> list[EvidenceGroup]:
    """Merge the items that count into groups of one happening each; sets ``Evidence.group``.

    Events merge when they share the pair (either direction), the CAMEO root and the sign, and
    their dates agree: one span inside the other and the wider no longer than a year (a day and its
    month), or the two spans mostly the same. Statements merge when one origin says the same sign
    about the pair again. An item joins the first group (in the order groups were made) whose lead
    report it matches.

    Only the groups an item could join are looked at, never every group: a statement's key names
    its group; an undated event can only join the undated group of its key and document; a dated
    event is matched against its key's open groups, and when the items come in date order (as
    ``gather`` sorts them) a group closes once its lead's span ends before the current item begins,
    since no later item can overlap it.
    """
    table = rules()["scoring"]
    rising = _dates_rise(items)
    groups: list[EvidenceGroup] = []
    leads: list[Evidence] = []  # each group's lead, kept as items join (``EvidenceGroup.lead``)
    named: dict[tuple, int] = {}  # a statement's key or an undated event's (key, document) -> its group
    open_groups: dict[tuple, list[int]] = {}  # a dated event's key -> groups it may join, oldest first
    for item in items:
        if item.weight <= 0:
            continue
        pair = frozenset((item.source_id, item.target_id))
        if item.kind == "claim":
            index = named.setdefault(("claim", pair, item.polarity, item.origin), len(groups))
        elif item.date is None:
            index = named.setdefault(("event", pair, (item.code or "")[:2], item.polarity, item.doc_id), len(groups))
        else:
            index = _dated_group(open_groups.setdefault(("event", pair, (item.code or "")[:2], item.polarity), []),
                                 leads, item, item.date, table, rising, len(groups))
        if index == len(groups):
            groups.append(EvidenceGroup([item]))
            leads.append(item)
        else:
            groups[index].items.append(item)
            if (item.weight, item.intensity) > (leads[index].weight, leads[index].intensity):
                leads[index] = item  # ``max`` keeps the first of equals, so only a stronger item takes the lead
        item.group = index
    return groups


def _dates_rise(items: list[Evidence]) -> bool:
    """Whether the dated items that count come in date order (so a group can be closed)."""
    dates = [e.date for e in items if e.weight > 0 and e.kind == "event" and e.date is not None]
    return all(x <= y for x, y in zip(dates, dates[1:]))


def _dated_group(candidates: list[int], leads: list[Evidence], item: Evidence, start: date, table: dict[str, Any],
                 rising: bool, new: int) -> int:
    """The first of ``candidates`` whose lead ``item`` (beginning on ``start``) matches, else ``new``
    (then added to them). With ``rising`` dates, the groups whose lead ended before ``start`` are
    dropped: no later item can overlap them."""
    if rising:
        candidates[:] = [i for i in candidates if (leads[i].date_end or leads[i].date or start) >= start]
    for index in candidates:
        if _same_happening(leads[index], item, table):
            return index
    candidates.append(new)
    return new


def _same_happening(lead: Evidence, item: Evidence, table: dict[str, Any]) -> bool:
    a0, b0 = lead.date, item.date
    if a0 is None or b0 is None:
        return a0 is None and b0 is None and lead.doc_id == item.doc_id
    a1, b1 = lead.date_end or a0, item.date_end or b0
    overlap = (min(a1, b1) - max(a0, b0)).days + 1
    if overlap <= 0:
        return False
    widths = sorted(((a1 - a0).days + 1, (b1 - b0).days + 1))
    nested = overlap == widths[0]
    if nested and widths[1] <= table["merge_max_days"]:
        return True
    union = (max(a1, b1) - min(a0, b0)).days + 1
    return overlap / union >= table["same_span_overlap"]


__all__ = ["Evidence", "EvidenceGroup", "from_claim", "from_event", "gather", "group", "rules"]
