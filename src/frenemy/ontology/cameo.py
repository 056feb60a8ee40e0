"""CAMEO codes, the trigger lexicon, control-verb frames and sector nouns.

``cameo_codes.csv`` gives each code its Goldstein weight and QuadClass; ``cameo_lexicon.csv``
maps a trigger (lemma, part of speech, particle/preposition, object) to a code;
``cameo_frames.toml`` says how "agree to", "threaten to", "refuse to" and the like turn the
governed verb's code into an intent, threat or rejection; ``agents.csv`` maps sector nouns
("officials", "troops", "militants") to CAMEO agent codes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from frenemy.ontology.loader import data_path, read_csv_rows, table, toml


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    description: str
    goldstein: float
    quad_class: int
    plover: str
    plover_quad: int | None = None

    @property
    def polarity(self) -> int:
        """+1 cooperative, -1 conflictual, 0 neutral (plain statements and near-zero weights)."""
        if self.root == "01" or abs(self.goldstein) < 0.5:
            return 0
        return 1 if self.quad_class in (1, 2) else -1


@cache
def cameo_codes() -> dict[str, CameoCode]:
    return {
        row["code"]: CameoCode(row["code"], row["root"], row["description"], float(row["goldstein"]),
                               int(row["quad_class"]), row["plover"], int(row["plover_quad"]) if row["plover_quad"] else None)
        for row in table("cameo_codes.csv")
    }


def code_info(code: str) -> CameoCode:
    """The code's entry; an unknown sub-code falls back to its root-level 'not specified' code."""
    codes = cameo_codes()
    if code in codes:
        return codes[code]
    for fallback in (code[:3], code[:2] + "0", code[:2]):
        if fallback in codes:
            return codes[fallback]
    raise KeyError(f"unknown CAMEO code {code!r}")


@dataclass(frozen=True)
class LexiconEntry:
    lemma: str
    pos: str
    prep: str
    objects: frozenset[str]
    code: str

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + (1 if self.prep else 0)


class Lexicon:
    """Trigger lookup: the most specific entry whose constraints the parse satisfies."""

    def __init__(self, entries: list[LexiconEntry]) -> None:
        self._by_key: dict[tuple[str, str], list[LexiconEntry]] = defaultdict(list)
        for entry in entries:
            self._by_key[(entry.lemma, entry.pos)].append(entry)
        for candidates in self._by_key.values():
            candidates.sort(key=lambda e: -e.specificity)

    def __contains__(self, key: tuple[str, str]) -> bool:
        return key in self._by_key

    def lookup(self, lemma: str, pos: str, preps: set[str], objects: set[str]) -> LexiconEntry | None:
        for entry in self._by_key.get((lemma, pos), ()):
            if entry.prep and entry.prep not in preps:
                continue
            if entry.objects and not (entry.objects & objects):
                continue
            return entry
        return None

    def lemmas(self) -> set[str]:
        return {lemma for lemma, _ in self._by_key}


@cache
def lexicon() -> Lexicon:
    path = data_path("cameo_lexicon.csv")
    rows = read_csv_rows(path) if path.exists() else []
    return Lexicon([
        LexiconEntry(row["lemma"].lower(), row["pos"].upper(), row["prep"].lower(),
                     frozenset(o.strip().lower() for o in row["object"].split("|") if o.strip()), row["code"])
        for row in rows
    ])


@dataclass(frozen=True)
class Frame:
    """A control-verb class ("agree to", "threaten to", "urge ... to"): how the governed event's
    code becomes the construction's code, and whose event it is (``control``)."""

    name: str
    control: str  # "subject": the control verb's subject acts; "object": the addressee does
    by_lemma: dict[str, str]
    by_code: dict[str, str]
    by_root: dict[str, str]
    default: str | None
    passthrough: bool  # "begin to", "try to": the governed code as it is

    def code_for(self, governed_code: str | None, governed_lemma: str) -> str | None:
        if governed_lemma in self.by_lemma:
            return self.by_lemma[governed_lemma]
        if governed_code is None:
            return None
        for key in (governed_code, governed_code[:3]):
            if key in self.by_code:
                return self.by_code[key]
        if self.passthrough:
            return governed_code
        return self.by_root.get(governed_code[:2], self.default)


_PASSTHROUGH_FRAMES = {"transparent", "attempt"}


@cache
def frames() -> dict[str, Frame]:
    """Control-verb frames by verb lemma or "lemma particle" (first frame listing a verb wins)."""
    path = data_path("cameo_frames.toml")
    data = toml("cameo_frames.toml") if path.exists() else {}
    by_verb: dict[str, Frame] = {}
    for name, section in data.items():
        if not isinstance(section, dict) or "verbs" not in section or name == "negation":
            continue
        frame = Frame(
            name, section.get("control", "subject"), dict(section.get("by_lemma", {})), dict(section.get("by_code", {})),
            dict(section.get("by_root", {})), section.get("default"), name in _PASSTHROUGH_FRAMES,
        )
        for verb in (*section["verbs"], *section.get("adjectives", [])):
            by_verb.setdefault(verb.lower(), frame)
    return by_verb


@cache
def negation_cues() -> tuple[frozenset[str], frozenset[str]]:
    """(negating words, verbs that negate the verb they govern)."""
    path = data_path("cameo_frames.toml")
    section = toml("cameo_frames.toml").get("negation", {}) if path.exists() else {}
    return frozenset(section.get("cues", ["not", "n't", "never", "no"])), frozenset(section.get("verbs", []))


@dataclass(frozen=True)
class Agent:
    noun: str
    sector: str
    state_actor: bool


@cache
def agents() -> dict[str, Agent]:
    path = data_path("agents.csv")
    rows = read_csv_rows(path) if path.exists() else []
    return {row["noun"].lower(): Agent(row["noun"].lower(), row["sector"], row["state_actor"].lower() == "true") for row in rows}
