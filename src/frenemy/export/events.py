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
