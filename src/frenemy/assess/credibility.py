"""Admiralty information credibility (1-6) for each event, from the other reports in the store.

Credibility is about the information, not the source: it counts how many *independent* origins
(different attributed sources, or the same words in different documents are one origin) report
the same thing, and how many contradict it. The source's reliability grade is not used here,
and credibility is not used to grade sources.

1 confirmed by other sources · 2 probably true · 3 possibly true · 4 doubtful ·
5 improbable · 6 truth cannot be judged (Admiralty / NATO scale, ../shared/lexicons/admiralty_scale.json)

Two implementations of one rule set. ``credibility(rows)`` below is the reference: plain Python
over a list of rows, easy to read and to test by hand, but quadratic in the size of each group
and run over the whole store (161 s at a million events). The store grades with ``grades_sql``
instead: the same rules as one set-based DuckDB query per table, which can also be limited to
the groups a batch of documents touched (``Store.regrade_credibility``). Both must give the same
grade to every row (tests/assess/test_credibility.py compares them on a store of real documents).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any


def _key(row: dict[str, Any]) -> tuple:
    if "claim_id" in row:  # a statement about a dyad, in either order
        return tuple(sorted((row["subject_id"], row["object_id"])))
    return row["source_id"], row["target_id"], row["event_root_code"]


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if "claim_id" in a:  # statements characterise the relationship as of their report; compare within 2 years
        if a["report_date"] is None or b["report_date"] is None:
            return True
        return abs((a["report_date"] - b["report_date"]).days) <= 730
    a0, a1 = a["event_date"], a["event_date_end"] or a["event_date"]
    b0, b1 = b["event_date"], b["event_date_end"] or b["event_date"]
    if a0 is None or b0 is None:
        return True
    return a0 <= b1 and b0 <= a1


def _affirms(row: dict[str, Any]) -> bool | int:
    """An event's stance: it happened or not. A statement's stance: the sign it gives the relationship."""
    if "claim_id" in row:
        # polarity already carries the statement's own negation ("not one of alliance"); a denial by
        # the speaker ("X denies any alliance") turns it round
        sign = row["polarity"] * (-1 if row["denied"] else 1)
        return -1 if row["no_evidence"] else sign
    return not (row["negated"] or row["denied"] or row["no_evidence"]) and row["commitment"] != "unknown"


def _origin(row: dict[str, Any]) -> str:
    """What makes a report independent: who it is attributed to (a wire story reprinted by two
    papers is one origin; two papers quoting the same minister is one origin too)."""
    return origin(row.get("attributed_to"))


def origin(attributed_to: str | None) -> str:
    """The origin of a report attributed to ``attributed_to``: lower-cased, whitespace collapsed.

    The SQL grading uses this very function on each distinct attribution (there are far fewer
    than rows) rather than DuckDB's ``lower`` and a regex: those differ from Python's on a final
    capital sigma, on a dotted capital I and on Unicode spaces, and two reports are of one
    origin exactly when this function says so."""
    return " ".join((attributed_to or "").lower().split())


def credibility(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    """event_id (or claim_id) -> credibility 1..6 for every row of the events (or claims) table."""
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    rows = list(rows)
    for row in rows:
        groups[_key(row)].append(row)
    grades: dict[str, int] = {}
    for row in rows:
        row_id = row.get("claim_id") or row["event_id"]
        if row["commitment"] == "unknown" and not (row["denied"] or row["no_evidence"]):
            grades[row_id] = 6
            continue
        mine = _origin(row)
        stance = _affirms(row)
        agree: set[str] = set()
        disagree: set[str] = set()
        for other in groups[_key(row)]:
            if other is row or not _overlap(row, other) or _origin(other) == mine:
                continue
            if other["commitment"] == "unknown" and not (other["denied"] or other["no_evidence"]):
                continue
            (agree if _affirms(other) == stance else disagree).add(_origin(other))
        grades[row_id] = _grade(len(agree), len(disagree))
    return grades


def _grade(corroborations: int, contradictions: int) -> int:
    if contradictions and not corroborations:
        return 5
    if contradictions:
        return 4
    if corroborations >= 2:
        return 1
    if corroborations == 1:
        return 2
    return 3


# -- the same grading in SQL -----------------------------------------------------------------------
#
# Each table is read as "reports" of one shape, so one grading query serves both: id; k1, k2, k3
# the group key; t0, t1 the first and last day the report speaks of (a report without a date
# speaks of all time: -infinity to infinity, which overlaps every report as the NULL rule wants);
# origin; stance (two reports agree when their stances are equal); unjudged (grade 6).
# ``_frenemy_origins`` maps attributed_to to ``origin()``, and a scoped grading reads the batch's
# documents from ``_frenemy_touched`` (doc_id); ``Store.regrade_credibility`` registers both.

#: Every graded event as a report. Candidates whose doer did not resolve (source_id NULL) are
#: neither graded nor counted, as ``Store.credibility_inputs`` leaves them out of the reference.
EVENT_REPORTS = """
SELECT e.event_id AS id,
       -- the group: the same doer, receiver and CAMEO root code (a NULL receiver groups with NULL)
       e.source_id AS k1, e.target_id AS k2, e.event_root_code AS k3,
       -- the days: from its date to its end date (or that day alone)
       coalesce(e.event_date, '-infinity'::DATE) AS t0,
       CASE WHEN e.event_date IS NULL THEN 'infinity'::DATE ELSE coalesce(e.event_date_end, e.event_date) END AS t1,
       coalesce(o.origin, '') AS origin,
       -- cannot be judged: of unknown commitment (a question, a plan) and denying nothing
       coalesce(e.commitment = 'unknown', false)
           AND NOT (coalesce(e.denied, false) OR coalesce(e.no_evidence, false)) AS unjudged,
       -- the stance: it happened (1), or not: negated, denied, without evidence, or of unknown commitment (0)
       CASE WHEN coalesce(e.negated, false) OR coalesce(e.denied, false) OR coalesce(e.no_evidence, false)
                 OR coalesce(e.commitment = 'unknown', false) THEN 0 ELSE 1 END AS stance
FROM events e LEFT JOIN _frenemy_origins o ON o.attributed_to = e.attributed_to
WHERE e.source_id IS NOT NULL
"""

#: ... in the groups of the rows of the batch's documents only
EVENTS_TOUCHED = """
  AND EXISTS (SELECT 1 FROM events t JOIN _frenemy_touched USING (doc_id)
              WHERE t.source_id = e.source_id AND t.target_id IS NOT DISTINCT FROM e.target_id
                AND t.event_root_code = e.event_root_code)
"""

#: Every statement as a report.
CLAIM_REPORTS = """
SELECT c.claim_id AS id,
       -- the group: the same two actors, in either order
       least(c.subject_id, c.object_id) AS k1, greatest(c.subject_id, c.object_id) AS k2, '' AS k3,
       -- a statement characterises the relationship as of its report, for two years: the spans
       -- [d, d + 730] and [e, e + 730] overlap exactly when d and e are at most 730 days apart
       coalesce(c.report_date, '-infinity'::DATE) AS t0,
       coalesce(c.report_date + 730, 'infinity'::DATE) AS t1,
       coalesce(o.origin, '') AS origin,
       -- cannot be judged: of unknown commitment and denying nothing
       coalesce(c.commitment = 'unknown', false)
           AND NOT (coalesce(c.denied, false) OR coalesce(c.no_evidence, false)) AS unjudged,
       -- the stance: the sign it gives the relationship (polarity carries the statement's own
       -- negation), turned round when the speaker denies it; "no evidence of" is negative
       CASE WHEN coalesce(c.no_evidence, false) THEN -1
            WHEN coalesce(c.denied, false) THEN -c.polarity
            ELSE c.polarity END AS stance
FROM claims c LEFT JOIN _frenemy_origins o ON o.attributed_to = c.attributed_to
WHERE true  -- every statement is graded (a scoped grading adds its condition)
"""

#: ... in the groups (unordered pairs) of the statements of the batch's documents only
CLAIMS_TOUCHED = """
  AND EXISTS (SELECT 1 FROM claims t JOIN _frenemy_touched USING (doc_id)
              WHERE least(t.subject_id, t.object_id) = least(c.subject_id, c.object_id)
                AND greatest(t.subject_id, t.object_id) = greatest(c.subject_id, c.object_id))
"""

#: id -> grade for every report: the distinct other origins of its group that said the same,
#: or otherwise, at an overlapping time. Rather than pair every report with every other of its
#: group (what ``credibility()`` does, quadratic in a group's size), each report is paired with
#: each other origin of its group (a handful), and an ASOF join asks whether that origin spoke
#: at an overlapping time.
GRADES = """
WITH reports AS (
    -- grp numbers the groups (equal keys, NULL receivers included, get one number)
    SELECT *, dense_rank() OVER (ORDER BY k1, k2, k3) AS grp FROM ({reports})
),
-- Reports alike in all but their id share their origin, so never count for each other: grade
-- once per distinct (group, days, origin, stance). Reports that cannot be judged count for no one.
judged AS (SELECT DISTINCT grp, t0, t1, origin, stance FROM reports WHERE NOT unjudged),
-- Who said what in each group: its origins, each with each stance it took
voices AS (SELECT DISTINCT grp, origin, stance FROM judged),
-- For each voice and each day one of its reports starts, the furthest day its reports starting
-- that day or before reach
reach AS (
    SELECT grp, origin, stance, t0, max(max(t1)) OVER (PARTITION BY grp, origin, stance ORDER BY t0) AS reach
    FROM judged GROUP BY grp, origin, stance, t0
),
-- Each report with each voice of another origin in its group (an origin never confirms itself)...
candidates AS (
    SELECT r.*, v.origin AS other, v.stance AS other_stance
    FROM judged r JOIN voices v ON v.grp = r.grp AND v.origin <> r.origin
),
-- ... kept when that voice spoke at an overlapping time: some report of it starts by the
-- report's last day and ends on or after its first (a0 <= b1 and b0 <= a1), i.e. the reach of
-- its latest start up to the report's last day gets to the report's first day
heard AS (
    SELECT c.* FROM candidates c
    ASOF JOIN reach a ON a.grp = c.grp AND a.origin = c.other AND a.stance = c.other_stance AND a.t0 <= c.t1
    WHERE a.reach >= c.t0
),
counts AS (
    SELECT grp, t0, t1, origin, stance,
           -- the distinct other origins that say the same, and those that say otherwise
           count(DISTINCT other) FILTER (WHERE other_stance = stance) AS agree,
           count(DISTINCT other) FILTER (WHERE other_stance <> stance) AS disagree
    FROM heard GROUP BY grp, t0, t1, origin, stance
)
SELECT r.id,
       CASE WHEN r.unjudged THEN 6                       -- truth cannot be judged
            WHEN c.disagree > 0 AND c.agree = 0 THEN 5   -- only contradicted: improbable
            WHEN c.disagree > 0 THEN 4                   -- contested: doubtful
            WHEN c.agree >= 2 THEN 1                     -- two independent origins or more: confirmed
            WHEN c.agree = 1 THEN 2                      -- one: probably true
            ELSE 3 END AS credibility                    -- none (no row in counts): possibly true
FROM reports r LEFT JOIN counts c
  ON c.grp = r.grp AND c.t0 = r.t0 AND c.t1 = r.t1 AND c.origin = r.origin AND c.stance = r.stance
"""

#: Writes the grades that changed (most do not, and DuckDB rewrites what an UPDATE touches).
UPDATE = """
UPDATE {table} SET credibility = g.credibility
FROM ({grades}) g
WHERE {table}.{id} = g.id AND {table}.credibility IS DISTINCT FROM g.credibility
"""

_TABLES = {"events": ("event_id", EVENT_REPORTS, EVENTS_TOUCHED), "claims": ("claim_id", CLAIM_REPORTS, CLAIMS_TOUCHED)}


def grades_sql(table: str, touched: bool = False) -> str:
    """The query giving (id, credibility) for the rows of ``table`` ("events" or "claims"):
    all of them, or with ``touched`` those in the groups of ``_frenemy_touched``'s documents' rows
    (a group's grades depend on its rows only, so the others cannot have changed)."""
    _, reports, scope = _TABLES[table]
    return GRADES.format(reports=reports + (scope if touched else ""))


def update_sql(table: str, touched: bool = False) -> str:
    """The statement writing ``grades_sql(table, touched)`` into ``table``."""
    return UPDATE.format(table=table, id=_TABLES[table][0], grades=grades_sql(table, touched))


__all__ = ["credibility", "grades_sql", "origin", "update_sql"]
