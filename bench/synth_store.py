"""Grow a real frenemy store into a synthetic one of about N events, all in SQL.

    python bench/synth_store.py BASE OUT --events N [--actors 400] [--seed 7] [--hot-share 0.045]

BASE is a store made by ``frenemy ingest`` (it is only read). OUT is written from scratch:

- **Schema**: ``COPY FROM DATABASE`` copies BASE whole (tables, primary keys, indexes, the
  ``sources`` view, ``frenemy_meta``), so every ``frenemy`` command opens OUT as it would BASE.
- **Replicas**: the base's documents are copied R = ceil(N / base events) - 1 times with their
  events, claims, mentions and extraction rows (``INSERT ... SELECT`` over a ``range`` of replica
  numbers, never a Python loop over rows). Each copy gets fresh ids (``md5`` of the old id, the
  replica number and the seed), and every event, claim and mention points to its copy's document.
- **Dates**: each copied document gets a publication date drawn over 1990-2025; its events'
  and claims' dates move by the same number of days.
- **Actors**: a share of the replicas ("kept") keeps the base's actor ids, so the base's hottest
  pair grows to about ``--hot-share`` of all events. The other replicas map every actor id
  onto a pool of about ``--actors`` ids: the catalogue actors present in BASE, then synthetic
  ``synth:NNNN`` actors (added to ``actors``). The map is an affine permutation of the actors'
  ranks that changes with each replica, so rotated copies spread over many pairs.
- **Credibility** is copied from the base rows, not graded again.

It prints the rows per table, the hottest pair's share and the seconds taken.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa

DAYS = 13149  # 1990-01-01 .. 2025-12-31
PAIR = ("least(source_id, target_id)", "greatest(source_id, target_id)")


def hottest_pair(con: duckdb.DuckDBPyConnection, schema: str = "main") -> tuple[str, str, int, int]:
    """(a, b, events of the pair in either direction, all events) for the pair with most events."""
    a, b, n = con.execute(
        f"SELECT {PAIR[0]}, {PAIR[1]}, count(*) AS n FROM {schema}.events "
        "WHERE source_id IS NOT NULL AND target_id IS NOT NULL GROUP BY ALL ORDER BY n DESC, 1, 2 LIMIT 1"
    ).fetchall()[0]
    return a, b, n, con.execute(f"SELECT count(*) FROM {schema}.events").fetchall()[0][0]


def _replicas(count: int, pool: int, keep_share: float, seed: int) -> pa.Table:
    """One row per replica (not per data row): kept or not, and its rank permutation."""
    rnd = random.Random(seed)
    coprime = [m for m in range(1, pool) if math.gcd(m, pool) == 1]
    ks, kept, mult, off = [], [], [], []
    for k in range(1, count + 1):
        ks.append(k)
        kept.append(rnd.random() < keep_share)
        mult.append(rnd.choice(coprime))
        off.append(rnd.randrange(pool))
    return pa.table({"k": ks, "kept": kept, "mult": mult, "off": off})


def build(base: Path, out: Path, events: int, actors: int = 400, seed: int = 7, hot_share: float = 0.045,
          threads: int = 2) -> dict[str, int]:
    if out.exists():
        raise SystemExit(f"{out} exists; remove it first")
    started = time.perf_counter()
    con = duckdb.connect(str(out))

    def run(sql: str) -> list[tuple]:
        return con.execute(sql).fetchall()  # this DuckDB wants each result read before the next statement

    run(f"SET threads = {threads}")
    run(f"ATTACH '{base}' AS b (READ_ONLY)")
    run(f"COPY FROM DATABASE b TO {run('SELECT current_database()')[0][0]}")
    ha, hb, hot, base_events = hottest_pair(con, "b")
    count = max(0, math.ceil(events / base_events) - 1)
    keep_share = min(1.0, hot_share / (hot / base_events))

    # the actor pool: catalogue actors named in BASE, then synthetic ones up to --actors
    run("CREATE TEMP TABLE pool AS SELECT row_number() OVER (ORDER BY actor_id) - 1 AS i, actor_id, name, "
                "type, country FROM b.actors WHERE origin = 'catalogue'")
    n_cat = con.execute("SELECT count(*) FROM pool").fetchall()[0][0]
    if n_cat > actors:
        run(f"DELETE FROM pool WHERE i >= {actors}")
    run(f"""INSERT INTO pool SELECT i, printf('synth:%04d', i), printf('Synthetic actor %d', i), 'other', NULL
                    FROM range({n_cat}, {actors}) t(i)""")
    pool = con.execute("SELECT count(*) FROM pool").fetchall()[0][0]
    rep = _replicas(count, pool, keep_share, seed)
    con.register("rep_arrow", rep)
    run("CREATE TEMP TABLE rep AS SELECT * FROM rep_arrow")
    con.unregister("rep_arrow")
    # every actor id BASE uses, ranked most used first
    run("""CREATE TEMP TABLE dom AS SELECT id, row_number() OVER (ORDER BY count(*) DESC, id) - 1 AS r FROM (
                     SELECT source_id AS id FROM b.events UNION ALL SELECT target_id FROM b.events
                     UNION ALL SELECT subject_id FROM b.claims UNION ALL SELECT object_id FROM b.claims
                     UNION ALL SELECT actor_id FROM b.mentions) WHERE id IS NOT NULL GROUP BY id""")
    # rotated replicas only: (k, old id) -> pool actor; a kept replica has no row here
    run(f"""CREATE TEMP TABLE amap AS SELECT rep.k, dom.id AS old_id, pool.actor_id AS new_id, pool.name,
                      pool.type, pool.country
                    FROM rep CROSS JOIN dom JOIN pool ON pool.i = (dom.r * rep.mult + rep.off) % {pool}
                    WHERE NOT rep.kept""")
    run(f"""CREATE TEMP TABLE docmap AS
                SELECT *, CAST(published - coalesce(old, DATE '2005-01-01') AS INTEGER) AS delta FROM (
                  SELECT rep.k, d.doc_id, d.published AS old,
                    'doc_' || substr(md5(d.doc_id || ':' || rep.k || ':{seed}'), 1, 20) AS new_doc_id,
                    DATE '1990-01-01' + CAST(hash(d.doc_id, rep.k, {seed}) % {DAYS} AS INTEGER) AS published
                  FROM b.documents d CROSS JOIN rep)""")

    def new_id(prefix: str, column: str) -> str:
        return f"'{prefix}_' || substr(md5(x.{column} || ':' || m.k || ':{seed}'), 1, 20) AS {column}"

    def side(alias: str, id_col: str, name_col: str, extra: tuple[str, ...] = ()) -> str:
        cols = [f"coalesce({alias}.new_id, x.{id_col}) AS {id_col}",
                f"CASE WHEN {alias}.new_id IS NULL THEN x.{name_col} ELSE {alias}.name END AS {name_col}"]
        cols += [f"CASE WHEN {alias}.new_id IS NULL THEN x.{c} ELSE {alias}.{c.split('_')[1]} END AS {c}"
                 for c in extra]
        return ", ".join(cols)

    def amap_join(alias: str, column: str) -> str:
        return f"LEFT JOIN amap {alias} ON {alias}.k = m.k AND {alias}.old_id = x.{column}"

    shift = "x.{0} + m.delta AS {0}".format
    run("BEGIN")
    run(f"""INSERT INTO documents SELECT x.* REPLACE (m.new_doc_id AS doc_id, m.published AS published,
                      x.url || '#synth-' || m.k AS url, x.source_path || '#synth-' || m.k AS source_path)
                    FROM b.documents x JOIN docmap m USING (doc_id)""")
    run("INSERT INTO extractions SELECT x.* REPLACE (m.new_doc_id AS doc_id) "
                "FROM b.extractions x JOIN docmap m USING (doc_id)")
    run(f"""INSERT INTO events SELECT x.* REPLACE ({new_id('evt', 'event_id')}, m.new_doc_id AS doc_id,
                      {shift('event_date')}, {shift('event_date_end')}, {shift('report_date')},
                      {side('s', 'source_id', 'source_name', ('source_type', 'source_country'))},
                      {side('t', 'target_id', 'target_name', ('target_type', 'target_country'))})
                    FROM b.events x JOIN docmap m USING (doc_id) {amap_join('s', 'source_id')}
                    {amap_join('t', 'target_id')}""")
    run(f"""INSERT INTO claims SELECT x.* REPLACE ({new_id('clm', 'claim_id')}, m.new_doc_id AS doc_id,
                      {shift('report_date')}, {side('s', 'subject_id', 'subject_name')},
                      {side('t', 'object_id', 'object_name')})
                    FROM b.claims x JOIN docmap m USING (doc_id) {amap_join('s', 'subject_id')}
                    {amap_join('t', 'object_id')}""")
    run(f"""INSERT INTO mentions SELECT x.* REPLACE (m.new_doc_id AS doc_id,
                      coalesce(a.new_id, x.actor_id) AS actor_id)
                    FROM b.mentions x JOIN docmap m USING (doc_id) {amap_join('a', 'actor_id')}""")
    run("""INSERT INTO actors SELECT actor_id, name, type, country, NULL, NULL, '', 'provisional' FROM pool
                   WHERE actor_id NOT IN (SELECT actor_id FROM actors)""")
    run("COMMIT")
    run("DETACH b")
    run("CHECKPOINT")
    seconds = time.perf_counter() - started
    rows = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in ("documents", "events", "claims", "mentions", "extractions", "actors")}
    a, b2, n, total = hottest_pair(con)
    con.close()
    kept = sum(rep.column("kept").to_pylist())
    print(f"{out}: {count} replicas of {base} ({kept} kept, {count - kept} rotated over {pool} actors) "
          f"in {seconds:.1f} s")
    print("  " + ", ".join(f"{t} {v:,}" for t, v in rows.items()))
    print(f"  hottest pair {a} / {b2}: {n:,} events ({100 * n / total:.1f}%); base's was {ha} / {hb} "
          f"({100 * hot / base_events:.1f}%)")
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", type=Path, help="a store made by frenemy ingest (read only)")
    parser.add_argument("out", type=Path, help="the synthetic store to write (must not exist)")
    parser.add_argument("--events", type=int, required=True, help="about this many events")
    parser.add_argument("--actors", type=int, default=400, help="actor ids the rotated replicas use")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--hot-share", type=float, default=0.045, help="the hottest pair's share of events")
    parser.add_argument("--threads", type=int, default=2, help="DuckDB threads")
    args = parser.parse_args(argv)
    if not args.base.exists():
        sys.exit(f"{args.base}: no such store")
    build(args.base, args.out, args.events, args.actors, args.seed, args.hot_share, args.threads)


if __name__ == "__main__":
    main()
