"""Events in the column layouts other tools read: GDELT 2.0, ICEWS, an i2 Analyst's Notebook /
Maltego link table, and our own native columns with full attribution.

- **gdelt**: the 61 columns of a GDELT 2.0 event record, in GDELT's order (GDELT 2.0 Event
  Codebook). Reports of one event (same actors, code and date) are one row, with NumMentions
  (reports), NumSources (publishers) and NumArticles (documents) counted as GDELT does. CAMEO
  codes stay strings ("040"); GLOBALEVENTID is a stable 60-bit number from our event id. We do no
  geocoding or tone: those columns are empty.
- **icews**: the ICEWS coded-event columns ("Event ID", "Event Date", "Source Name", ...,
  "Story ID", "Sentence Number", "Publisher"); "Event Text" is the CAMEO description and
  "Intensity" the Goldstein weight.
- **i2**: Entity1, Entity1 Type, Entity2, Entity2 Type, Link Type, Date, Description, Source: one
  link per event, for i2 Analyst's Notebook (import specification in docs/exports.md) or Maltego.
- **native**: the store's event columns (``schemas.EVENT_COLUMNS``).

Each profile is a list of (column, arrow type); writers keep those types in Parquet, and
``PANDAS_DTYPES`` gives them back when a CSV is read with pandas.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from frenemy.errors import UsageError
from frenemy.schemas import EVENT_COLUMNS

PROFILES = ("gdelt", "icews", "i2", "native")
FORMATS = ("csv", "tsv", "jsonl", "parquet")

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
       "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO] + [f"ActionGeo_{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
                 "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
                 "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]
I2_COLUMNS = ["Entity1", "Entity1 Type", "Entity2", "Entity2 Type", "Link Type", "Date", "Description", "Source"]

_INTS = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
         "NumArticles", "DATEADDED", "Sentence Number", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type"}
_FLOATS = {"FractionDate", "GoldsteinScale", "AvgTone", "Intensity", "Latitude", "Longitude"} | {
    f"{a}_{c}" for a in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in ("Lat", "Long")}


def columns(profile: str) -> list[str]:
    return {"gdelt": GDELT_COLUMNS, "icews": ICEWS_COLUMNS, "i2": I2_COLUMNS, "native": list(EVENT_COLUMNS)}[profile]


def pandas_dtypes(profile: str) -> dict[str, str]:
    """dtypes for ``pandas.read_csv(..., dtype=...)`` so that codes stay strings ("040")."""
    if profile == "native":
        return {c: "string" for c in ("event_code", "event_root_code", "source_id", "target_id")}
    return {c: ("Int64" if c in _INTS else "float64" if c in _FLOATS else "string") for c in columns(profile)}


def rows(profile: str, events: list[dict[str, Any]], country_names: dict[str, str]) -> list[dict[str, Any]]:
    """The export rows of ``profile`` from ``Store.events_for_export`` rows."""
    if profile not in PROFILES:
        raise UsageError(f"--profile: unknown profile {profile!r} (choose from {', '.join(PROFILES)})")
    if profile == "native":
        return [{c: e.get(c) for c in EVENT_COLUMNS} for e in events]
    if profile == "gdelt":
        return _gdelt(events)
    if profile == "icews":
        return [_icews(e, country_names) for e in events]
    return [_i2(e) for e in events]


def _gdelt(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for e in events:
        groups.setdefault((e["source_id"], e["target_id"], e["event_code"], e["event_date"]), []).append(e)
    out = []
    for reports in groups.values():
        e = reports[0]
        day = e["event_date"] or e["report_date"]
        row = dict.fromkeys(GDELT_COLUMNS)
        row.update({
            "GLOBALEVENTID": int(e["event_id"].split("_")[-1][:15], 16),
            "SQLDATE": int(day.strftime("%Y%m%d")) if day else None,
            "MonthYear": int(day.strftime("%Y%m")) if day else None,
            "Year": day.year if day else None,
            "FractionDate": round(day.year + (day.timetuple().tm_yday - 1) / 365, 4) if day else None,
            **_gdelt_actor("Actor1", e, "source"), **_gdelt_actor("Actor2", e, "target"),
            "IsRootEvent": int((e.get("sentence_index") or 0) == 0),
            "EventCode": e["event_code"], "EventBaseCode": e["event_code"][:3], "EventRootCode": e["event_root_code"],
            "QuadClass": e["quad_class"], "GoldsteinScale": e["goldstein"],
            "NumMentions": len(reports), "NumSources": len({r["doc_publisher"] for r in reports}),
            "NumArticles": len({r["doc_id"] for r in reports}),
            "DATEADDED": int(e["doc_ingested_at"].strftime("%Y%m%d%H%M%S")) if e.get("doc_ingested_at") else None,
            "SOURCEURL": e.get("doc_url") or e.get("doc_source_path") or e["doc_id"],
        })
        out.append(row)
    return out


def _gdelt_actor(prefix: str, e: dict[str, Any], side: str) -> dict[str, Any]:
    actor_id, country, sector = e[f"{side}_id"], e.get(f"{side}_country"), e.get(f"{side}_sector")
    if actor_id is None:
        return {}
    state = len(actor_id) == 3 and actor_id.isupper()
    return {
        f"{prefix}Code": (actor_id if state else country or "") + (sector or "") or actor_id.upper(),
        f"{prefix}Name": (e.get(f"{side}_name") or actor_id).upper(),
        f"{prefix}CountryCode": actor_id if state else country,
        f"{prefix}KnownGroupCode": None if state else actor_id.upper(),
        f"{prefix}Type1Code": sector,
    }


def _icews(e: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    from frenemy.ontology.cameo import code_info

    row = dict.fromkeys(ICEWS_COLUMNS)
    row.update({
        "Event ID": e["event_id"], "Event Date": e["event_date"].isoformat() if e["event_date"] else None,
        "Source Name": e["source_name"], "Source Sectors": e.get("source_sector"),
        "Source Country": names.get(e.get("source_country") or "", e.get("source_country")),
        "Event Text": code_info(e["event_code"]).description, "CAMEO Code": e["event_code"], "Intensity": e["goldstein"],
        "Target Name": e["target_name"], "Target Sectors": e.get("target_sector"),
        "Target Country": names.get(e.get("target_country") or "", e.get("target_country")),
        "Story ID": e["doc_id"], "Sentence Number": (e.get("sentence_index") or 0) + 1, "Publisher": e.get("doc_publisher"),
    })
    return row


def _i2(e: dict[str, Any]) -> dict[str, Any]:
    from frenemy.ontology.cameo import code_info

    return {
        "Entity1": e["source_name"], "Entity1 Type": e.get("source_type") or "actor",
        "Entity2": e["target_name"], "Entity2 Type": e.get("target_type") or "actor",
        "Link Type": f"{e['event_code']} {code_info(e['event_code']).description}",
        "Date": e["event_date"].isoformat() if e["event_date"] else None,
        "Description": e.get("sentence"), "Source": e.get("doc_publisher") or e.get("doc_url") or e["doc_id"],
    }


def write(rows_: Iterable[dict[str, Any]], cols: list[str], fmt: str, out: Path) -> None:
    """Write rows to ``out`` whole or not at all (through ``out.partial``)."""
    if fmt not in FORMATS:
        raise UsageError(f"--format: unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    rows_ = list(rows_)
    tmp = out.with_name(out.name + ".partial")
    try:
        if fmt == "parquet":
            _parquet(rows_, cols, tmp)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                if fmt == "jsonl":
                    for row in rows_:
                        handle.write(json.dumps({c: _plain(row.get(c)) for c in cols}, ensure_ascii=False) + "\n")
                else:
                    writer = csv.writer(handle, delimiter="\t" if fmt == "tsv" else ",")
                    writer.writerow(cols)
                    writer.writerows([_cell(row.get(c)) for c in cols] for row in rows_)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"--out {out}: {exc.strerror or exc}") from None
    tmp.replace(out)


def _parquet(rows_: list[dict[str, Any]], cols: list[str], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def kind(column: str):
        return pa.int64() if column in _INTS else pa.float64() if column in _FLOATS else None

    arrays = {}
    for c in cols:
        values = [_plain(r.get(c)) if isinstance(r.get(c), (list, dict)) else r.get(c) for r in rows_]
        t = kind(c)
        arrays[c] = pa.array(values, type=t) if t is not None else pa.array(
            [json.dumps(v) if isinstance(v, (list, dict)) else v for v in values])
    pq.write_table(pa.table(arrays), path)


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(_plain(value), ensure_ascii=False)
    return str(_plain(value))


__all__ = ["FORMATS", "GDELT_COLUMNS", "I2_COLUMNS", "ICEWS_COLUMNS", "PROFILES", "columns", "pandas_dtypes", "rows",
           "write"]


# --- Written by DuckDB -------------------------------------------------------------------------
#
# ``export_store`` is what ``frenemy export`` runs: the profile's columns are computed by one SQL
# query over the store (the GDELT merge of reports is a GROUP BY), and the file is written from that
# query's Arrow record batches, so memory stays flat however many events the store holds. CSV, TSV
# and JSON lines are rendered to text in SQL, to the bytes ``write`` produces for the same rows
# (Python's csv quoting, ``json.dumps`` escaping, ``repr`` of floats); Parquet keeps the types
# ``write`` gives. The few values only Python can compute the same way (CAMEO descriptions, upper
# case, GDELT's FractionDate, JSON of a list) are computed once per distinct value and joined in.

_BATCH = 65_536


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _register(con: Any, name: str, keys: list, values: list, value_type: Any = None) -> None:
    import pyarrow as pa

    key_type = pa.string() if not keys or isinstance(keys[0], str) else None
    con.register(name, pa.table({"k": pa.array(keys, type=key_type), "v": pa.array(values, type=value_type)}))


def _mappings(con: Any, base: str, profile: str, country_names: dict[str, str]) -> None:
    """Register the lookup tables a profile's SQL joins: each computed in Python once per distinct
    value, exactly as the row-by-row code computes it."""
    import pyarrow as pa

    if profile in ("icews", "i2"):
        from frenemy.ontology.cameo import code_info

        codes = [r[0] for r in con.execute(f"SELECT DISTINCT event_code FROM ({base})").fetchall()]
        _register(con, "fx_code", codes, [code_info(c).description for c in codes], pa.string())
    if profile == "icews":
        _register(con, "fx_country", list(country_names), list(country_names.values()), pa.string())
    if profile == "gdelt":
        days = [r[0] for r in con.execute(
            f"SELECT DISTINCT coalesce(event_date, report_date) FROM ({base}) WHERE coalesce(event_date, report_date) "
            "IS NOT NULL").fetchall()]
        con.register("fx_fraction", pa.table({
            "k": pa.array(days, type=pa.date32()),
            "v": pa.array([round(d.year + (d.timetuple().tm_yday - 1) / 365, 4) for d in days], type=pa.float64())}))
        texts = [r[0] for r in con.execute(
            f"SELECT DISTINCT s FROM (SELECT unnest([source_id, target_id, coalesce(nullif(source_name, ''), source_id), "
            f"coalesce(nullif(target_name, ''), target_id)]) AS s FROM ({base})) WHERE s IS NOT NULL").fetchall()]
        con.register("fx_upper", pa.table({
            "k": pa.array(texts, type=pa.string()), "v": pa.array([t.upper() for t in texts], type=pa.string()),
            "state": pa.array([len(t) == 3 and t.isupper() for t in texts], type=pa.bool_())}))
    if profile == "native":
        for column in ("attribution_chain", "commitment_chain"):
            keys = [r[0] for r in con.execute(
                f"SELECT DISTINCT CAST(to_json({column}) AS VARCHAR) FROM ({base}) WHERE {column} IS NOT NULL").fetchall()]
            values = [json.loads(k) for k in keys]
            _register(con, f"fx_{column}", keys, [json.dumps(v, ensure_ascii=False) for v in values], pa.string())
            _register(con, f"fx_{column}_ascii", keys, [json.dumps(v) for v in values], pa.string())


def _actor_sql(prefix: str, side: str) -> dict[str, str]:
    """``_gdelt_actor`` in SQL (``fx_upper`` gives Python's upper() and the state test)."""
    actor, country, sector = f"e.{side}_id", f"e.{side}_country", f"e.{side}_sector"
    up_id, up_name = f"u_{side}_id", f"u_{side}_name"
    state = f"{up_id}.state"

    def when(expr: str) -> str:
        return f"CASE WHEN {actor} IS NULL THEN NULL ELSE {expr} END"

    return {
        f"{prefix}Code": when(f"coalesce(nullif((CASE WHEN {state} THEN {actor} ELSE coalesce({country}, '') END) "
                              f"|| coalesce({sector}, ''), ''), {up_id}.v)"),
        f"{prefix}Name": when(f"{up_name}.v"),
        f"{prefix}CountryCode": when(f"CASE WHEN {state} THEN {actor} ELSE {country} END"),
        f"{prefix}KnownGroupCode": when(f"CASE WHEN {state} THEN NULL ELSE {up_id}.v END"),
        f"{prefix}Type1Code": f"{sector}",
    }


def _profile_sql(profile: str, base: str, event_types: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The query whose rows are the profile's rows, in order, and each column's kind
    (int, float, str, bool, date, json)."""
    if profile == "native":
        exprs, kinds = {}, {}
        for c in EVENT_COLUMNS:
            t = event_types[c]
            if t.endswith("[]"):
                exprs[c], kinds[c] = f"CAST(to_json(e.{c}) AS VARCHAR)", "json"
            else:
                exprs[c] = f"e.{c}"
                kinds[c] = ("bool" if t == "BOOLEAN" else "date" if t == "DATE" else "float" if t == "DOUBLE"
                            else "int" if t in ("INTEGER", "BIGINT", "SMALLINT", "TINYINT") else "str")
        select = ", ".join(f"{v} AS {_ident(k)}" for k, v in exprs.items())
        return f"SELECT {select}, e.ord AS __ord FROM ({base}) e", kinds
    if profile == "gdelt":
        day = "coalesce(e.event_date, e.report_date)"
        exprs = dict.fromkeys(GDELT_COLUMNS, "NULL")
        exprs.update({
            "GLOBALEVENTID": "CAST('0x' || substr(string_split(e.event_id, '_')[-1], 1, 15) AS BIGINT)",
            "SQLDATE": f"year({day}) * 10000 + month({day}) * 100 + day({day})",
            "MonthYear": f"year({day}) * 100 + month({day})",
            "Year": f"year({day})",
            "FractionDate": "fr.v",
            **_actor_sql("Actor1", "source"), **_actor_sql("Actor2", "target"),
            "IsRootEvent": "CASE WHEN coalesce(e.sentence_index, 0) = 0 THEN 1 ELSE 0 END",
            "EventCode": "e.event_code", "EventBaseCode": "substr(e.event_code, 1, 3)",
            "EventRootCode": "e.event_root_code", "QuadClass": "e.quad_class", "GoldsteinScale": "e.goldstein",
            "NumMentions": "g.n_mentions", "NumSources": "g.n_sources", "NumArticles": "g.n_articles",
            "DATEADDED": ("year(e.doc_ingested_at) * 10000000000 + month(e.doc_ingested_at) * 100000000 "
                          "+ day(e.doc_ingested_at) * 1000000 + hour(e.doc_ingested_at) * 10000 "
                          "+ minute(e.doc_ingested_at) * 100 + second(e.doc_ingested_at)"),
            "SOURCEURL": "coalesce(nullif(e.doc_url, ''), nullif(e.doc_source_path, ''), e.doc_id)",
        })
        sql = (
            "WITH b AS (" + base + "), g AS (SELECT min(ord) AS first, count(*) AS n_mentions, "
            "count(DISTINCT doc_publisher) + max(CASE WHEN doc_publisher IS NULL THEN 1 ELSE 0 END) AS n_sources, "
            "count(DISTINCT doc_id) AS n_articles FROM b GROUP BY source_id, target_id, event_code, event_date) "
            "SELECT " + ", ".join(f"{_typed(v, k)} AS {_ident(k)}" for k, v in exprs.items())
            + ", g.first AS __ord FROM g JOIN b e ON e.ord = g.first"
            " LEFT JOIN fx_fraction fr ON fr.k = coalesce(e.event_date, e.report_date)"
            " LEFT JOIN fx_upper u_source_id ON u_source_id.k = e.source_id"
            " LEFT JOIN fx_upper u_target_id ON u_target_id.k = e.target_id"
            " LEFT JOIN fx_upper u_source_name ON u_source_name.k = coalesce(nullif(e.source_name, ''), e.source_id)"
            " LEFT JOIN fx_upper u_target_name ON u_target_name.k = coalesce(nullif(e.target_name, ''), e.target_id)"
        )
        return sql, {c: _kind(c) for c in GDELT_COLUMNS}
    if profile == "icews":
        exprs = dict.fromkeys(ICEWS_COLUMNS, "NULL")
        exprs.update({
            "Event ID": "e.event_id", "Event Date": "CAST(e.event_date AS VARCHAR)",
            "Source Name": "e.source_name", "Source Sectors": "e.source_sector",
            "Source Country": "coalesce(sc.v, e.source_country)", "Event Text": "cd.v", "CAMEO Code": "e.event_code",
            "Intensity": "e.goldstein", "Target Name": "e.target_name", "Target Sectors": "e.target_sector",
            "Target Country": "coalesce(tc.v, e.target_country)", "Story ID": "e.doc_id",
            "Sentence Number": "coalesce(e.sentence_index, 0) + 1", "Publisher": "e.doc_publisher",
        })
        sql = ("SELECT " + ", ".join(f"{_typed(v, k)} AS {_ident(k)}" for k, v in exprs.items())
               + f", e.ord AS __ord FROM ({base}) e LEFT JOIN fx_code cd ON cd.k = e.event_code"
               " LEFT JOIN fx_country sc ON sc.k = coalesce(e.source_country, '')"
               " LEFT JOIN fx_country tc ON tc.k = coalesce(e.target_country, '')")
        return sql, {c: _kind(c) for c in ICEWS_COLUMNS}
    exprs = {
        "Entity1": "e.source_name", "Entity1 Type": "coalesce(nullif(e.source_type, ''), 'actor')",
        "Entity2": "e.target_name", "Entity2 Type": "coalesce(nullif(e.target_type, ''), 'actor')",
        "Link Type": "e.event_code || ' ' || cd.v", "Date": "CAST(e.event_date AS VARCHAR)",
        "Description": "e.sentence",
        "Source": "coalesce(nullif(e.doc_publisher, ''), nullif(e.doc_url, ''), e.doc_id)",
    }
    sql = ("SELECT " + ", ".join(f"{_typed(v, k)} AS {_ident(k)}" for k, v in exprs.items())
           + f", e.ord AS __ord FROM ({base}) e LEFT JOIN fx_code cd ON cd.k = e.event_code")
    return sql, {c: "str" for c in I2_COLUMNS}


def _kind(column: str) -> str:
    return "int" if column in _INTS else "float" if column in _FLOATS else "str"


def _typed(expr: str, column: str) -> str:
    kind = _kind(column)
    return f"CAST({expr} AS {'BIGINT' if kind == 'int' else 'DOUBLE' if kind == 'float' else 'VARCHAR'})"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_JSON_CONTROL = {8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}


def _json_string_sql(x: str) -> str:
    """SQL for ``json.dumps(x, ensure_ascii=False)`` of a non-null VARCHAR."""
    body = f"replace(replace({x}, '\\', '\\\\'), '\"', '\\\"')"
    control = body
    for code in range(1, 32):
        escaped = _sql_str(_JSON_CONTROL.get(code, "\\u%04x" % code))
        control = f"replace({control}, chr({code}), {escaped})"
    control = f"replace({control}, chr(0), '\\u0000')"
    return (f"('\"' || CASE WHEN regexp_matches({x}, '[\\x00-\\x1f]') THEN {control} ELSE {body} END || '\"')")


def _float_text(x: str, json_: bool) -> str:
    if json_:
        return (f"CASE WHEN isnan({x}) THEN 'NaN' WHEN {x} = 'infinity'::DOUBLE THEN 'Infinity' "
                f"WHEN {x} = '-infinity'::DOUBLE THEN '-Infinity' ELSE CAST({x} AS VARCHAR) END")
    return f"CASE WHEN isnan({x}) THEN 'nan' ELSE CAST({x} AS VARCHAR) END"


def _text_sql(column: str, kind: str, fmt: str) -> str:
    """SQL for one cell as ``write`` renders it (``_cell`` for csv/tsv, ``json.dumps`` for jsonl)."""
    x = _ident(column)
    if kind == "json":
        x = f"fxl_{_slug(column)}.v"
    if fmt == "jsonl":
        value = {"bool": f"CASE WHEN {x} THEN 'true' ELSE 'false' END", "float": _float_text(x, True),
                 "int": f"CAST({x} AS VARCHAR)", "date": f"('\"' || CAST({x} AS VARCHAR) || '\"')",
                 "json": x}.get(kind) or _json_string_sql(x)
        return f"coalesce({value}, 'null')"
    if kind == "bool":
        value = f"CASE WHEN {x} THEN 'true' ELSE 'false' END"
    elif kind == "float":
        value = _float_text(x, False)
    elif kind in ("int", "date"):
        value = f"CAST({x} AS VARCHAR)"
    else:
        special = '[\\t"\\r\\n]' if fmt == "tsv" else '[,"\\r\\n]'
        value = f"CASE WHEN regexp_matches({x}, '{special}') THEN '\"' || replace({x}, '\"', '\"\"') || '\"' ELSE {x} END"
    return f"coalesce({value}, '')"


def export_store(con: Any, base: str, profile: str, fmt: str, out: Path, country_names: dict[str, str]) -> int:
    """Write the profile's rows of the events ``base`` selects (a query with the
    ``Store.events_for_export`` columns and ``ord``, their order) to ``out`` as ``fmt``, whole or
    not at all (through ``out.partial``); returns the number of rows."""
    if profile not in PROFILES:
        raise UsageError(f"--profile: unknown profile {profile!r} (choose from {', '.join(PROFILES)})")
    if fmt not in FORMATS:
        raise UsageError(f"--format: unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    event_types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ({base}))").fetchall())
    _mappings(con, base, profile, country_names)
    query, kinds = _profile_sql(profile, base, event_types)
    cols = columns(profile)
    tmp = out.with_name(out.name + ".partial")
    try:
        if fmt == "parquet":
            written = _parquet_from(con, query, cols, kinds, tmp)
        else:
            written = _text_from(con, query, cols, kinds, fmt, tmp)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"--out {out}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(out)
    return written


def _json_joins(kinds: dict[str, str], ascii_: bool) -> str:
    suffix = "_ascii" if ascii_ else ""
    return "".join(f" LEFT JOIN fx_{c}{suffix} fxl_{_slug(c)} ON fxl_{_slug(c)}.k = p.{_ident(c)}"
                   for c, k in kinds.items() if k == "json")


def _slug(column: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in column)


def _text_from(con: Any, query: str, cols: list[str], kinds: dict[str, str], fmt: str, path: Path) -> int:
    if fmt == "jsonl":
        parts = [f"{_sql_str(json.dumps(c, ensure_ascii=False) + ': ')} || {_text_sql(c, kinds[c], fmt)}" for c in cols]
        line = "'{' || " + " || ', ' || ".join(parts) + " || '}'"
        end = "\n"
    else:
        sep = "\t" if fmt == "tsv" else ","
        line = f" || {_sql_str(sep)} || ".join(_text_sql(c, kinds[c], fmt) for c in cols)
        end = "\r\n"
    # the text is built in the profile query's order (a window over its row numbers keeps it)
    sql = f"SELECT {line} AS line FROM ({query}) p{_json_joins(kinds, False)} ORDER BY p.__ord"
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        if fmt != "jsonl":
            csv.writer(handle, delimiter="\t" if fmt == "tsv" else ",").writerow(cols)
        for batch in _batches(con, sql):
            lines = batch.column(0).to_pylist()
            if lines:
                handle.write(end.join(lines) + end)
                written += len(lines)
    return written


def _batches(con: Any, sql: str) -> Iterable[Any]:
    """The record batches of ``sql``, read under the store's error guard when ``con`` has one."""
    from contextlib import nullcontext

    raw, guard = (con.raw, con.guard) if hasattr(con, "raw") else (con, nullcontext)
    with guard():
        reader = raw.sql(sql).to_arrow_reader(_BATCH)
        yield from reader


def _parquet_from(con: Any, query: str, cols: list[str], kinds: dict[str, str], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    counts = con.execute("SELECT " + ", ".join(f"count({_ident(c)})" for c in cols) + f" FROM ({query})").fetchall()[0]
    types = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32(), "str": pa.string(),
             "json": pa.string()}
    schema = pa.schema([(c, types[kinds[c]] if kinds[c] in ("int", "float") or n else pa.null())
                        for c, n in zip(cols, counts)])
    select = ", ".join(f"fxl_{_slug(c)}.v AS {_ident(c)}" if kinds[c] == "json" else f"p.{_ident(c)}" for c in cols)
    sql = f"SELECT {select} FROM ({query}) p{_json_joins(kinds, True)} ORDER BY p.__ord"
    written = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in _batches(con, sql):
            arrays = [pa.nulls(batch.num_rows) if field.type == pa.null() else batch.column(i).cast(field.type)
                      for i, field in enumerate(schema)]
            writer.write_batch(pa.record_batch(arrays, schema=schema))
            written += batch.num_rows
    return written


__all__ += ["export_store"]
