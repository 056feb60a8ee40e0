"""The signed network of every pair (``frenemy network``) computed in DuckDB, for stores of any size.

``balance.network(gather(events, claims))`` builds one ``Evidence`` object per stored row; at a
million events that is minutes and gigabytes. This module gets the same edges without them:

1. **Items in SQL.** One query turns the ``events`` and ``claims`` rows into the items ``gather``
   would make: stance-coded events dropped, symmetric duplicates (same document, trigger, code
   and pair) kept once, the ``as_of`` filter and clamp, and each item's sign, intensity and weight
   by ``from_event``/``from_claim``'s rules (the factors of ``assessment.toml`` multiplied in the
   same order, as doubles, so the products are bit-for-bit Python's). The origin of a report
   (``Evidence.origin``) is computed in Python once per distinct ``attributed_to``.
2. **Groups.** ``evidence.group`` merges items greedily; the grouping is reproduced over the
   items' columns: claims are one group per (pair, sign, origin) and undated events one per
   (pair, root, sign, document), by key; dated events of a (pair, root, sign) key whose items all
   share one span are one group; only keys with differing spans run the greedy merge, over plain
   numbers, dropping groups whose lead ends before the current item begins (they can match no
   later item).
3. **Sums.** Group figures (best weight per origin, noisy-OR, intensity, span) are vectorised;
   the per-pair sums are Python's ``sum`` over each pair's groups in creation order, so every
   float is the one ``score`` computes.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import numpy as np

from frenemy.assess.evidence import rules

_WS = r"[\s\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{0b}\x{0c}]"
_EPOCH = date(1970, 1, 1).toordinal()


def _d(value: float) -> str:
    return f"CAST({float(value)!r} AS DOUBLE)"


def _lookup(expr: str, table: dict[str, float], default: float) -> str:
    cases = " ".join(f"WHEN {_s(k)} THEN {_d(v)}" for k, v in table.items())
    return f"(CASE {expr} {cases} ELSE {_d(default)} END)" if cases else _d(default)


def _s(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _weight_sql(commitment: str, reliability: str, credibility: str, flags: dict[str, str]) -> str:
    """``evidence._weight`` without the frame factor: commitment x reliability x credibility x flags."""
    w = rules()["weights"]
    base = f"regexp_replace(coalesce(nullif({commitment}, ''), 'certain'), '-negative$', '')"
    sql = _lookup(base, w["commitment"], w["commitment"]["unknown"])
    sql += " * " + _lookup(f"substr(coalesce(nullif({reliability}, ''), 'F'), 1, 1)", w["reliability"],
                           w["reliability"]["F"])
    sql += " * " + _lookup(f"CAST(coalesce(nullif({credibility}, 0), 6) AS VARCHAR)", w["credibility"],
                           w["credibility"]["6"])
    for flag, factor in w["flags"].items():
        sql = f"({sql}) * (CASE WHEN coalesce({flags[flag]}, false) THEN {_d(factor)} ELSE {_d(1.0)} END)"
    return sql


def items_sql(as_of: date | None) -> str:
    """Every evidence item ``gather`` makes from the store's events (those with a doer) and
    claims, with ``pos``, its place in ``gather``'s order."""
    w, intensity = rules()["weights"], rules()["intensity"]
    flags = {f: f for f in w["flags"]}
    frame = _lookup("coalesce(frame, '')", w["frames"], 1.0)
    basis = _lookup("coalesce(nullif(basis, ''), 'statement')", w["basis"], 1.0)
    no_ev_event = _d(intensity["statement"] * intensity["no_evidence"])
    events = f"""
    ev AS (
      SELECT *, row_number() OVER (ORDER BY event_date NULLS LAST, doc_id, trigger_start, event_id) AS opos
      FROM events WHERE source_id IS NOT NULL AND source_id <> '' AND frame IS DISTINCT FROM 'stance'
      QUALIFY row_number() OVER (PARTITION BY doc_id, trigger_start, event_code, list_sort([source_id, target_id])
                                 ORDER BY event_date NULLS LAST, doc_id, trigger_start, event_id) = 1),
    ev1 AS (
      SELECT *, CASE WHEN quad_class IN (1, 2) THEN 1 WHEN quad_class IN (3, 4) THEN -1
                     ELSE CAST(sign(coalesce(goldstein, 0.0)) AS INTEGER) END AS sign0,
             (coalesce(negated, false) OR coalesce(denied, false) OR coalesce(hypothetical, false)) AS aside
      FROM ev),
    ev2 AS (
      SELECT *, coalesce(no_evidence, false) AND sign0 <> 0 AND NOT aside AS noev FROM ev1),
    ei AS (
      SELECT 0 AS kind, event_id AS id, doc_id, event_date AS date, coalesce(event_date_end, event_date) AS date_end,
             report_date, source_id, coalesce(nullif(source_name, ''), source_id) AS source_name,
             target_id, coalesce(nullif(target_name, ''), target_id) AS target_name, char_start, opos,
             CASE WHEN noev THEN -sign0 ELSE sign0 END AS polarity, substr(event_code, 1, 2) AS code2,
             CASE WHEN noev THEN {no_ev_event} ELSE greatest(abs(coalesce(goldstein, 0.0)) / {_d(10.0)},
                                                           {_d(intensity["event_floor"])}) END AS intensity,
             CASE WHEN aside THEN {_d(0.0)} ELSE
               ({_weight_sql("CASE WHEN noev THEN 'certain' ELSE commitment END", "source_reliability",
                             "credibility", flags)}) * {frame} END AS weight,
             attributed_to
      FROM ev2)"""
    claims = f"""
    cl AS (
      SELECT *, row_number() OVER (ORDER BY report_date NULLS LAST, doc_id, char_start, claim_id) AS opos,
             polarity * (CASE WHEN coalesce(denied, false) THEN -1 ELSE 1 END) AS sign0,
             {_d(intensity["statement"])} * coalesce(nullif(strength, 0.0), {_d(1.0)}) AS intensity0
      FROM claims),
    cl1 AS (
      SELECT *, CASE WHEN coalesce(no_evidence, false) THEN -sign0 ELSE sign0 END AS sign1,
             CASE WHEN coalesce(no_evidence, false) THEN 'certain' ELSE commitment END AS commitment1
      FROM cl),
    cl2 AS (
      SELECT *, (regexp_matches(coalesce(sentence, ''), '\\?{_WS}*$')
                 OR (sign1 = 0 AND commitment1 IS NOT DISTINCT FROM 'unknown')
                 OR coalesce(hypothetical, false)
                 OR (coalesce(no_evidence, false) AND sign1 = 0)) AS aside
      FROM cl1),
    ci AS (
      SELECT 1 AS kind, claim_id AS id, doc_id, report_date AS date, report_date AS date_end, report_date,
             subject_id AS source_id, coalesce(nullif(subject_name, ''), subject_id) AS source_name,
             object_id AS target_id, coalesce(nullif(object_name, ''), object_id) AS target_name, char_start, opos,
             sign1 AS polarity, '' AS code2,
             CASE WHEN coalesce(no_evidence, false) THEN intensity0 * {_d(intensity["no_evidence"])}
                  ELSE intensity0 END AS intensity,
             CASE WHEN aside THEN {_d(0.0)} ELSE
               ({_weight_sql("commitment1", "source_reliability", "credibility", flags)}) * {_d(1.0)} * {basis}
             END AS weight,
             attributed_to
      FROM cl2)"""
    when = f"DATE '{as_of.isoformat()}'" if as_of else None
    keep = f"WHERE (report_date IS NULL OR report_date <= {when}) AND (date IS NULL OR date <= {when})" if when else ""
    end = f"CASE WHEN date_end > {when} THEN {when} ELSE date_end END" if when else "date_end"
    return f"""WITH {events}, {claims},
    allitems AS (SELECT * FROM ei UNION ALL BY NAME SELECT * FROM ci)
    SELECT * EXCLUDE (date_end), {end} AS date_end,
           row_number() OVER (ORDER BY coalesce(date, DATE '9999-12-31'), doc_id, coalesce(char_start, 0), id, kind,
                              opos) AS pos
    FROM allitems {keep}"""


def network(con: Any, as_of: date | None = None):
    """``balance.network(gather(...))`` of the whole store, from DuckDB (``con``: a store connection)."""
    import pyarrow as pa

    from frenemy.assess.balance import Edge, Network, sign

    origins = [r[0] for r in con.execute(
        "SELECT DISTINCT attributed_to FROM (SELECT attributed_to FROM events UNION ALL SELECT attributed_to FROM claims) "
        "WHERE attributed_to IS NOT NULL").fetchall()]
    con.register("fx_origin", pa.table({"k": pa.array(origins, type=pa.string()),
                                        "v": pa.array([" ".join(o.lower().split()) for o in origins], type=pa.string())}))
    con.execute(f"CREATE OR REPLACE TEMP TABLE fx_items AS {items_sql(as_of)}")
    valid = ("source_id IS NOT NULL AND source_id <> '' AND target_id IS NOT NULL AND target_id <> '' "
             "AND source_id <> target_id AND weight > 0")
    # group keys, pairs, documents and origins need only equality (pairs also their order): each is
    # numbered over its distinct values and joined back, rather than ranked over every item
    rows = _fetchnumpy(con, f"""
        WITH v AS (
          SELECT i.kind, i.polarity, i.code2, i.date, i.date_end, i.doc_id, i.weight, i.intensity, i.pos,
                 least(source_id, target_id) AS lo, greatest(source_id, target_id) AS hi,
                 coalesce(nullif(o.v, ''), 'doc:' || i.doc_id) AS origin
          FROM fx_items i LEFT JOIN fx_origin o ON o.k = i.attributed_to WHERE {valid}),
        w AS (SELECT *, CASE WHEN kind = 1 THEN origin ELSE '' END AS korigin FROM v),
        pairs AS (SELECT lo, hi, row_number() OVER (ORDER BY lo, hi) - 1 AS pair FROM (SELECT DISTINCT lo, hi FROM w)),
        keys AS (SELECT *, row_number() OVER () - 1 AS key
                 FROM (SELECT DISTINCT kind, lo, hi, code2, polarity, korigin FROM w)),
        docs AS (SELECT doc_id, row_number() OVER () - 1 AS doc FROM (SELECT DISTINCT doc_id FROM w)),
        origins AS (SELECT origin, row_number() OVER () - 1 AS origin_n FROM (SELECT DISTINCT origin FROM w))
        SELECT pairs.pair, keys.key, w.kind, w.polarity, w.date - DATE '1970-01-01' AS d0,
               w.date_end - DATE '1970-01-01' AS d1, docs.doc, origins.origin_n AS origin, w.weight, w.intensity
        FROM w JOIN pairs USING (lo, hi)
        JOIN keys ON keys.kind = w.kind AND keys.lo = w.lo AND keys.hi = w.hi AND keys.code2 = w.code2
             AND keys.polarity = w.polarity AND keys.korigin = w.korigin
        JOIN docs USING (doc_id) JOIN origins USING (origin)
        ORDER BY w.pos""")
    pair_names = con.execute(f"""
        SELECT DISTINCT least(source_id, target_id) AS lo, greatest(source_id, target_id) AS hi
        FROM fx_items WHERE {valid} ORDER BY lo, hi""").fetchall()
    names = dict(con.execute(f"""
        WITH m AS (SELECT source_id AS actor, source_name AS name, pos * 2 AS o FROM fx_items
                   UNION ALL SELECT target_id, target_name, pos * 2 + 1 FROM fx_items WHERE target_id IS NOT NULL)
        SELECT actor, arg_min(name, o) FROM m GROUP BY actor ORDER BY min(o)""").fetchall())
    con.execute("DROP TABLE IF EXISTS fx_items")
    edges = _edges(rows, pair_names, Edge, sign)
    used = {x for e in edges for x in (e.source, e.target)}
    return Network({k: v for k, v in names.items() if k in used}, edges)


def _fetchnumpy(con: Any, sql: str) -> dict:
    from contextlib import nullcontext

    raw, guard = (con.raw, con.guard) if hasattr(con, "raw") else (con, nullcontext)
    with guard():
        return raw.execute(sql).fetchnumpy()


def _column(rows: dict, name: str, fill: int | None = None) -> np.ndarray:
    values = rows[name]
    if isinstance(values, np.ma.MaskedArray):
        return values.filled(fill if fill is not None else 0)
    return np.asarray(values)


def _labels(kind, key, doc, d0, d1, dated, weight, intensity) -> np.ndarray:
    """Each item's group, as ``evidence.group`` forms them (an int label, unique per group)."""
    n = len(kind)
    table = rules()["scoring"]
    max_days, share = table["merge_max_days"], table["same_span_overlap"]
    cat = np.where(kind == 1, 0, np.where(dated, 2, 1)).astype(np.int64)  # claim / undated event / dated event
    sub = np.where(cat == 1, doc, 0).astype(np.int64)
    greedy = cat == 2
    if greedy.any():
        idx = np.flatnonzero(greedy)
        keys = key[idx]
        # keys whose dated items all share one span are one group: only the others need the merge
        lo0 = np.full(key.max() + 1, np.iinfo(np.int64).max)
        hi0 = np.full(key.max() + 1, np.iinfo(np.int64).min)
        lo1, hi1 = lo0.copy(), hi0.copy()
        np.minimum.at(lo0, keys, d0[idx])
        np.maximum.at(hi0, keys, d0[idx])
        np.minimum.at(lo1, keys, d1[idx])
        np.maximum.at(hi1, keys, d1[idx])
        mixed = (lo0 != hi0) | (lo1 != hi1)
        hard = idx[mixed[keys]]
        if len(hard):
            live: dict[int, list[list]] = defaultdict(list)
            count: dict[int, int] = defaultdict(int)
            for i, k, b0, b1, w, s in zip(hard.tolist(), key[hard].tolist(), d0[hard].tolist(), d1[hard].tolist(),
                                          weight[hard].tolist(), intensity[hard].tolist()):
                groups = live[k]
                keep, found = [], None
                for g in groups:
                    a0, a1 = g[2], g[3]
                    if a1 < b0:  # ends before this item starts: no later item (dated on or after) can join it
                        continue
                    keep.append(g)
                    if found is None and _same(a0, a1, b0, b1, max_days, share):
                        found = g
                if found is None:
                    found = [w, s, b0, b1, count[k]]
                    count[k] += 1
                    keep.append(found)
                elif (w, s) > (found[0], found[1]):  # the new lead (max() keeps the first of equals)
                    found[0], found[1], found[2], found[3] = w, s, b0, b1
                live[k] = keep
                sub[i] = found[4]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    combined = (key.astype(np.int64) * (int(sub.max()) + 1) + sub) * 3 + cat
    _, inverse = np.unique(combined, return_inverse=True)
    return inverse.reshape(-1)


def _same(a0: int, a1: int, b0: int, b1: int, max_days: int, share: float) -> bool:
    """``evidence._same_happening`` for two dated spans (days)."""
    overlap = min(a1, b1) - max(a0, b0) + 1
    if overlap <= 0:
        return False
    widths = sorted((a1 - a0 + 1, b1 - b0 + 1))
    if overlap == widths[0] and widths[1] <= max_days:
        return True
    union = max(a1, b1) - min(a0, b0) + 1
    return overlap / union >= share


def _edges(rows: dict, pair_names: list, Edge: Any, sign: Any) -> list:
    prior = rules()["scoring"]["prior"]
    kind = _column(rows, "kind")
    n = len(kind)
    if n == 0:
        return []
    dated = ~np.ma.getmaskarray(rows["d0"])
    d0, d1 = _column(rows, "d0").astype(np.int64), _column(rows, "d1").astype(np.int64)
    key, doc, origin = _column(rows, "key"), _column(rows, "doc"), _column(rows, "origin")
    pair, polarity = _column(rows, "pair"), _column(rows, "polarity").astype(np.int64)
    weight, intensity = _column(rows, "weight").astype(np.float64), _column(rows, "intensity").astype(np.float64)
    label = _labels(kind, key, doc, d0, d1, dated, weight, intensity)
    n_groups = int(label.max()) + 1
    pos = np.arange(n)
    first = np.full(n_groups, n, dtype=np.int64)
    np.minimum.at(first, label, pos)
    # group figures
    g_int = np.full(n_groups, -np.inf)
    np.maximum.at(g_int, label, intensity)
    g_pair = np.empty(n_groups, dtype=np.int64)
    g_pair[label] = pair
    g_pol = np.empty(n_groups, dtype=np.int64)
    g_pol[label] = polarity
    big, small = np.iinfo(np.int64).max, np.iinfo(np.int64).min
    g_start = np.full(n_groups, small)
    g_end = np.full(n_groups, big)
    np.maximum.at(g_start, label[dated], d0[dated])
    np.minimum.at(g_end, label[dated], d1[dated])
    g_dated = g_start != small
    # noisy-OR over each group's origins, at each origin's best report, in order of first appearance
    span = int(origin.max()) + 1
    combined, inverse = np.unique(label.astype(np.int64) * span + origin.astype(np.int64), return_inverse=True)
    inverse = inverse.reshape(-1)
    uniq = np.stack([combined // span, combined % span])
    best = np.zeros(uniq.shape[1])
    np.maximum.at(best, inverse, weight)
    seen = np.full(uniq.shape[1], n, dtype=np.int64)
    np.minimum.at(seen, inverse, pos)
    order = np.lexsort((seen, uniq[0]))
    o_group, o_factor = uniq[0][order], 1.0 - np.minimum(best[order], 1.0)
    n_origins = np.bincount(o_group, minlength=n_groups)
    starts = np.concatenate([[0], np.cumsum(n_origins)[:-1]])
    disbelief = o_factor[starts].copy()  # 1.0 * x is x
    two = n_origins == 2
    disbelief[two] = o_factor[starts[two]] * o_factor[starts[two] + 1]
    for g in np.flatnonzero(n_origins > 2).tolist():
        product = 1.0
        for factor in o_factor[starts[g]:starts[g] + n_origins[g]].tolist():
            product *= factor
        disbelief[g] = product
    g_mass = g_int * (1.0 - disbelief)
    g_signed = g_pol.astype(np.float64) * g_mass
    # per pair, groups in the order they were formed
    by_pair = np.lexsort((first, g_pair))
    mass_l, signed_l = g_mass[by_pair].tolist(), g_signed[by_pair].tolist()
    start_l = np.where(g_dated, g_start, small)[by_pair].tolist()
    end_l = np.where(g_dated, g_end, small)[by_pair].tolist()
    pairs_sorted = g_pair[by_pair]
    bounds = np.flatnonzero(np.diff(pairs_sorted)) + 1
    cuts = [0, *bounds.tolist(), len(pairs_sorted)]
    edges = []
    for a, b in zip(cuts[:-1], cuts[1:]):
        masses, signed = mass_l[a:b], signed_l[a:b]
        total = sum(masses)
        value = round(sum(signed) / (total + prior), 3)
        days = [x for j in range(a, b) for x in (start_l[j], end_l[j]) if x != small]
        yearly: dict[int, list[int]] = defaultdict(list)
        for j in range(a, b):
            if start_l[j] != small:
                yearly[_day(start_l[j]).year].append(j)
        spells = []
        for year in sorted(yearly):
            js = yearly[year]
            y = round(sum(signed_l[j] for j in js) / (sum(mass_l[j] for j in js) + prior), 3)
            spells.append({"start": date(year, 1, 1), "end": date(year, 12, 31), "score": y, "sign": sign(y)})
        source, target = pair_names[int(pairs_sorted[a])]
        edges.append(Edge(source, target, value, sign(value), round(total, 4), b - a,
                          _day(min(days)) if days else None, _day(max(days)) if days else None, spells))
    return edges


def _day(days: int) -> date:
    return date.fromordinal(_EPOCH + days)


__all__ = ["items_sql", "network"]
