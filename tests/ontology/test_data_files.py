"""Every shipped data file loads, says where it comes from, and is internally consistent."""

import re
import tomllib

import pytest

from frenemy.ontology.anchors import anchor_events
from frenemy.ontology.loader import data_path, read_csv_rows

DATA_DIR = data_path("anchor_events.csv").parent
FILES = sorted(p for p in DATA_DIR.iterdir() if p.suffix in {".csv", ".toml"})


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_data_file_has_provenance_header_and_loads(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    leading = lines[: next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))]
    comments = " ".join(line for line in leading if line.startswith("#")).lower()
    assert comments, f"{path.name} has no header comment"
    assert any(word in comments for word in ("provenance", "compiled", "source", "observed")), path.name
    if path.suffix == ".csv":
        rows = read_csv_rows(path)
        assert rows and all(None not in row for row in rows)
    else:
        assert tomllib.loads(path.read_text(encoding="utf-8"))


def test_anchor_events_are_dated_and_their_patterns_match_their_description():
    events = anchor_events()
    assert len(events) >= 30
    assert len({e.anchor_id for e in events}) == len(events)
    assert any(e.pattern.search("after the US invaded Iraq") for e in events)


def test_metadata_cue_patterns_compile():
    from frenemy.ontology.loader import toml

    cues = toml("metadata_cues.toml")
    for section in cues.values():
        for key in ("patterns", "pattern", "byline", "bio"):
            for pattern in section.get(key, []) if key == "patterns" else [section.get(key)] if section.get(key) else []:
                re.compile(pattern)
