"""Hand-built event and claim rows (the store's columns) for the assessment's unit tests."""

from __future__ import annotations

from datetime import date
from itertools import count

from frenemy.ontology.cameo import code_info

_ids = count()


def event(source: str, target: str, code: str, start: date, end: date | None = None, *, by: str = "Author",
          grade: str = "B", credibility: int = 3, commitment: str = "certain", doc: str = "d1", **flags) -> dict:
    info = code_info(code)
    n = next(_ids)
    return {
        "event_id": f"e{n}", "doc_id": doc, "event_date": start, "event_date_end": end or start,
        "report_date": date(2020, 1, 1), "source_id": source, "source_name": source, "target_id": target,
        "target_name": target, "event_code": code, "event_root_code": code[:2], "quad_class": info.quad_class,
        "goldstein": info.goldstein, "trigger": f"did {code}", "sentence": f"{source} did {code} to {target}.",
        "char_start": 10 * n, "char_end": 10 * n + 9, "trigger_start": 10 * n, "attributed_to": by,
        "source_reliability": grade, "credibility": credibility, "commitment": commitment,
        "negated": False, "denied": False, "no_evidence": False, "alleged": False, "hedged": False,
        "hypothetical": False, **flags,
    }


def claim(subject: str, obj: str, polarity: int, report: date, *, by: str = "Analyst", grade: str = "B",
          credibility: int = 3, commitment: str = "certain", strength: float = 1.0, doc: str = "d1",
          statement: str = "allies", **flags) -> dict:
    n = next(_ids)
    return {
        "claim_id": f"c{n}", "doc_id": doc, "subject_id": subject, "subject_name": subject, "object_id": obj,
        "object_name": obj, "polarity": polarity, "strength": strength, "statement": statement,
        "report_date": report, "sentence": f"{subject} and {obj} are {statement}.", "char_start": 10 * n,
        "char_end": 10 * n + 9, "attributed_to": by, "source_reliability": grade, "credibility": credibility,
        "commitment": commitment, "denied": False, "no_evidence": False, "alleged": False, "hedged": False,
        "hypothetical": False, **flags,
    }
