"""What frenemy's queries cost as the store grows, next to what DuckDB alone needs for the same data.

    python bench/scale_queries.py [--base /tmp/base/store.duckdb] [--sizes 10000,100000,1000000]
        [--workdir DIR] [--ops dyad,network,export,credibility,ingest] [--timeout 600] [--repeat 1]
        [--python PY] [--pythonpath SRC]

For each size it builds (or reuses) ``DIR/synth_<size>.duckdb`` with ``bench/synth_store.py``
and runs each operation in a fresh subprocess under ``/usr/bin/time``:

- **dyad**: ``frenemy dyad A B --format json`` on the store's hottest pair. Floor: that pair's
  events and claims (both directions) fetched as Arrow.
- **network**: ``frenemy network --format json``. Floor: every pair's events and claims
  aggregated with one ``GROUP BY`` each (count, mean Goldstein, first and last date), as Arrow.
- **export**: ``frenemy export --profile gdelt --format parquet``. Floor: ``COPY`` of events
  joined to documents to Parquet.
- **credibility**: ``frenemy.api._update_credibility`` on a copy of the store. Floor: the same
  grading as one self-join per table in SQL (same key, overlapping dates, other origins),
  written back with ``UPDATE``.
- **ingest**: ``frenemy ingest`` of one 2.5 KB document into a copy of the store (analysis,
  storing, and the credibility grading over the whole store). Floor: the rows of one stored
  document inserted under new ids in one transaction, then the SQL grading above; it has no
  spaCy analysis (``frenemy ingest`` into an empty store shows that fixed cost).

Figures: **wall** seconds, **CPU** seconds (user + system) and **peak RSS** (MB) of the
subprocess, the median of ``--repeat`` runs; "timeout" when it ran past ``--timeout``.
Copies are made before the clock starts. ``--python``/``--pythonpath`` (default: this Python and
``$PYTHONPATH``) choose the frenemy tree measured, run as ``python -m frenemy``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import duckdb  # noqa: E402
from synth_store import build, hottest_pair  # noqa: E402

OPS = ("dyad", "network", "export", "credibility", "ingest")

_ORIGIN = r"lower(trim(regexp_replace(coalesce(attributed_to, ''), '\s+', ' ', 'g')))"
_UNKNOWN = "(commitment = 'unknown' AND NOT (coalesce(denied, false) OR coalesce(no_evidence, false)))"
GRADE_SQL = f"""
CREATE TEMP TABLE r AS SELECT event_id AS id, source_id AS k1, target_id AS k2, event_root_code AS k3,
  event_date AS d0, coalesce(event_date_end, event_date) AS d1, {_ORIGIN} AS origin, {_UNKNOWN} AS unknown,
  CASE WHEN NOT (negated OR coalesce(denied, false) OR coalesce(no_evidence, false))
       AND commitment IS DISTINCT FROM 'unknown' THEN 1 ELSE 0 END AS stance
FROM events WHERE source_id IS NOT NULL;
CREATE TEMP TABLE rc AS SELECT claim_id AS id, least(subject_id, object_id) AS k1,
  greatest(subject_id, object_id) AS k2,
  '' AS k3, report_date AS d0, report_date AS d1, {_ORIGIN} AS origin, {_UNKNOWN} AS unknown,
  CASE WHEN no_evidence THEN -1 ELSE polarity * (CASE WHEN denied THEN -1 ELSE 1 END) END AS stance FROM claims;
"""
_GRADE_ONE = """
CREATE TEMP TABLE g_{t} AS WITH p AS (
  SELECT a.id, count(DISTINCT b.origin) FILTER (WHERE b.stance = a.stance) AS agree,
         count(DISTINCT b.origin) FILTER (WHERE b.stance <> a.stance) AS disagree
  FROM {r} a JOIN {r} b ON a.k1 = b.k1 AND a.k2 IS NOT DISTINCT FROM b.k2 AND a.k3 = b.k3
   AND a.id <> b.id AND a.origin <> b.origin AND NOT b.unknown
   AND (a.d0 IS NULL OR b.d0 IS NULL OR {overlap})
  GROUP BY a.id)
SELECT r.id, CASE WHEN r.unknown THEN 6 WHEN coalesce(disagree, 0) > 0 AND coalesce(agree, 0) = 0 THEN 5
  WHEN disagree > 0 THEN 4 WHEN agree >= 2 THEN 1 WHEN agree = 1 THEN 2 ELSE 3 END AS grade
FROM {r} r LEFT JOIN p USING (id);
UPDATE {t} SET credibility = g.grade FROM g_{t} g WHERE {t}.{key} = g.id;
"""
GRADE_SQL += _GRADE_ONE.format(t="events", r="r", key="event_id", overlap="(a.d0 <= b.d1 AND b.d0 <= a.d1)")
GRADE_SQL += _GRADE_ONE.format(t="claims", r="rc", key="claim_id", overlap="abs(a.d0 - b.d0) <= 730")

FLOORS = {
    "dyad": """import duckdb, sys
c = duckdb.connect(sys.argv[1], read_only=True); a, b = sys.argv[2:4]
e = c.execute("SELECT * FROM events WHERE (source_id = ? AND target_id = ?) OR (source_id = ? AND target_id = ?) "
              "ORDER BY event_date", [a, b, b, a]).to_arrow_table()
k = c.execute("SELECT * FROM claims WHERE (subject_id = ? AND object_id = ?) OR (subject_id = ? AND object_id = ?) "
              "ORDER BY report_date", [a, b, b, a]).to_arrow_table()
print(e.num_rows, k.num_rows)""",
    "network": """import duckdb, sys
c = duckdb.connect(sys.argv[1], read_only=True)
e = c.execute("SELECT least(source_id, target_id) a, greatest(source_id, target_id) b, count(*) n, avg(goldstein) g, "
              "min(event_date) d0, max(event_date) d1 FROM events "
              "WHERE source_id IS NOT NULL AND target_id IS NOT NULL "
              "GROUP BY ALL").to_arrow_table()
k = c.execute("SELECT least(subject_id, object_id) a, greatest(subject_id, object_id) b, count(*) n, avg(polarity) p, "
              "min(report_date), max(report_date) FROM claims GROUP BY ALL").to_arrow_table()
print(e.num_rows, k.num_rows)""",
    "export": """import duckdb, sys
c = duckdb.connect(sys.argv[1], read_only=True)
c.execute(f"COPY (SELECT e.*, d.url, d.publisher, d.title, d.ingested_at, d.source_path FROM events e "
          f"JOIN documents d USING (doc_id) WHERE e.source_id IS NOT NULL) TO '{sys.argv[2]}' (FORMAT parquet)"
          ).fetchall()""",
    "credibility": """import duckdb, sys
c = duckdb.connect(sys.argv[1]); c.execute("BEGIN").fetchall()
c.execute(sys.argv[2]).fetchall(); c.execute("COMMIT").fetchall()""",
    "ingest": """import duckdb, sys
c = duckdb.connect(sys.argv[1]); c.execute("BEGIN").fetchall()
d = c.execute("SELECT doc_id FROM documents ORDER BY abs(length(text) - 2500) LIMIT 1").fetchall()[0][0]
c.execute("CREATE TEMP TABLE nd AS SELECT * REPLACE ('doc_floor' AS doc_id) FROM documents WHERE doc_id = ?",
          [d]).fetchall()
for t, key in (("events", "event_id"), ("claims", "claim_id"), ("mentions", None), ("extractions", None)):
    rep = "'doc_floor' AS doc_id" + (f", {key} || '_floor' AS {key}" if key else "")
    c.execute(f"INSERT INTO {t} SELECT * REPLACE ({rep}) FROM {t} WHERE doc_id = ?", [d]).fetchall()
c.execute("INSERT INTO documents SELECT * FROM nd").fetchall()
c.execute(sys.argv[2]).fetchall(); c.execute("COMMIT").fetchall()""",
}

_CRED = "import sys; from frenemy.api import _update_credibility; from frenemy.store import Store; " \
        "_update_credibility(Store(sys.argv[1]))"


def timed(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[float, float, float] | None:
    """(wall s, cpu s, peak RSS MB) of one subprocess, or None on timeout."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%e %U %S %M", "-o", out.name, *cmd], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return None
        if proc.returncode != 0:
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
        wall, user, system, rss = out.read().split()[-4:]
        return float(wall), float(user) + float(system), int(rss) / 1024


def _copy(store: Path, work: Path) -> Path:
    copy = work / "copy.duckdb"
    for stale in (copy, copy.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(store, copy)
    return copy


def commands(op: str, store: Path, work: Path, py: str, pair: tuple[str, str], doc: Path) -> tuple[list, list]:
    """(frenemy command, floor command) for one operation; copies the store where either writes."""
    frenemy = [py, "-m", "frenemy"]
    if op == "dyad":
        return [*frenemy, "dyad", *pair, "--db", str(store), "--format", "json"], [str(store), *pair]
    if op == "network":
        return [*frenemy, "network", "--db", str(store), "--format", "json"], [str(store)]
    if op == "export":
        return ([*frenemy, "export", "--db", str(store), "--profile", "gdelt", "--format", "parquet", "--out",
                 str(work / "export.parquet")], [str(store), str(work / "floor.parquet")])
    if op == "credibility":
        return [py, "-c", _CRED, "COPY"], ["COPY", GRADE_SQL]
    return [*frenemy, "ingest", str(doc), "--db", "COPY", "-q"], ["COPY", GRADE_SQL]


def measure(cmd: list[str], store: Path, work: Path, env: dict[str, str], args) -> list | None:
    runs = []
    for _ in range(args.repeat):
        run = [str(_copy(store, work)) if part == "COPY" else part for part in cmd]
        runs.append(timed(run, env, args.timeout))
        if runs[-1] is None:
            return None
    return [statistics.median(r[i] for r in runs) for i in range(3)]


def cell(m: list | None) -> str:
    return "timeout | | " if m is None else f"{m[0]:.2f} | {m[1]:.2f} | {m[2]:.0f}"


def bench_doc(base: Path, work: Path) -> Path:
    """A stored document of about 2.5 KB with a line added, so the store does not hold it yet."""
    con = duckdb.connect(str(base), read_only=True)
    text = con.execute("SELECT text FROM documents ORDER BY abs(length(text) - 2500) LIMIT 1").fetchall()[0][0]
    con.close()
    doc = work / "bench_doc.txt"
    doc.write_text(text + "\n\nThis copy was made for the scale benchmark.\n")
    return doc


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=Path, default=Path("/tmp/base/store.duckdb"))
    parser.add_argument("--sizes", default="10000,100000,1000000", help="events per store, comma separated")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "frenemy-scale")
    parser.add_argument("--ops", default=",".join(OPS), help=f"some of {','.join(OPS)}")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per operation")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure (median)")
    parser.add_argument("--python", default=sys.executable, help="Python that runs frenemy")
    parser.add_argument("--pythonpath", default=os.environ.get("PYTHONPATH"), help="e.g. a pristine src tree")
    parser.add_argument("--no-floor", action="store_true", help="only frenemy's figures")
    args = parser.parse_args(argv)
    ops = [op for op in args.ops.split(",") if op]
    if unknown := set(ops) - set(OPS):
        parser.error(f"--ops: unknown {', '.join(sorted(unknown))}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if args.pythonpath:
        env["PYTHONPATH"] = args.pythonpath
    doc = bench_doc(args.base, args.workdir)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        store = args.workdir / f"synth_{size}.duckdb"
        if not store.exists():
            build(args.base, store, size)
        con = duckdb.connect(str(store), read_only=True)
        a, b, hot, events = hottest_pair(con)
        con.close()
        for op in ops:
            mine, floor = commands(op, store, args.workdir, args.python, (a, b), doc)
            m = measure(mine, store, args.workdir, env, args)
            f = None if args.no_floor else measure([args.python, "-c", FLOORS[op], *floor], store, args.workdir,
                                                    env, args)
            ratio = f"{m[0] / f[0]:.0f}x" if m and f and f[0] else ""
            rows.append(f"| {events:,} | {op} | {cell(m)} | {' | | ' if args.no_floor else cell(f)} "
                        f"| {ratio} |")
            print(f"{size} {op} ({a}/{b}: {hot:,}): frenemy {cell(m)}; floor {cell(f)}", file=sys.stderr,
                  flush=True)
    print("| events | operation | frenemy wall s | CPU s | peak MB | DuckDB floor wall s | CPU s | peak MB "
          "| wall ratio |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
