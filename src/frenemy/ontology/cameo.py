"""CAMEO codes, the trigger lexicon, control-verb frames and sector nouns.

``cameo_codes.csv`` gives each code its Goldstein weight and QuadClass; ``cameo_lexicon.csv``
maps a trigger (lemma, part of speech, particle/preposition, object) to a code;
``petrarch_verbs.csv`` (converted from PETRARCH-2, MIT) refines the verbs of that lexicon where it
lacks a key; ``cameo_frames.toml`` says how "agree to", "threaten to", "refuse to" and the like turn the
governed verb's code into an intent, threat or rejection; ``agents.csv`` maps sector nouns
("officials", "troops", "militants") to CAMEO agent codes.
"""

from __future__ import annotations

import os
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


#: Which rows of petrarch_verbs.csv (the PETRARCH-2 verb dictionary, converted) join our lexicon. A switch
#: for measuring with bench/eval_events.py, read once from $FRENEMY_LEXICON:
#:   "merged" (shipped): upstream refines verbs we already have, with the prep- or object-conditioned keys
#:            our rows lack ("withdraw" + "passport" 160, "release" + "credit" 061); no new lemmas and no unconditioned
#:            rows, so a verb we leave without a bare row ("hold", "fire", "take") stays so, and a verb we
#:            do not list ("say", "give", "increase") stays no trigger. Measured best on tune and untouched.
#:   "all":   every upstream key ours lacks, new lemmas and bare rows included (the whole merge: more
#:            recall, less precision on plover_dev).
#:   "ours":  cameo_lexicon.csv alone.
LEXICON_MERGE = os.environ.get("FRENEMY_LEXICON", "merged")
_MERGES = ("merged", "all", "ours")


def _entries(name: str) -> list[LexiconEntry]:
    path = data_path(name)
    rows = read_csv_rows(path) if path.exists() else []
    return [
        LexiconEntry(row["lemma"].lower(), row["pos"].upper(), row["prep"].lower(),
                     frozenset(o.strip().lower() for o in row["object"].split("|") if o.strip()), row["code"])
        for row in rows
    ]


def merge_entries(ours: list[LexiconEntry], upstream: list[LexiconEntry], mode: str = "merged") -> list[LexiconEntry]:
    """Our entries, then those upstream entries (cut to the object words) whose (lemma, pos, prep,
    object) key ours lacks and that ``mode`` (see ``LEXICON_MERGE``) admits. Ours come first, so
    they also win ties between equally specific rows."""
    if mode not in _MERGES:
        raise ValueError(f"FRENEMY_LEXICON must be one of {', '.join(_MERGES)}, not {mode!r}")
    if mode == "ours":
        return list(ours)
    keys = {(e.lemma, e.pos, e.prep, o) for e in ours for o in (e.objects or ("",))}
    lemmas = {(e.lemma, e.pos) for e in ours}
    merged = list(ours)
    for entry in upstream:
        if mode == "merged" and ((entry.lemma, entry.pos) not in lemmas or not (entry.prep or entry.objects)):
            continue
        objects = frozenset(o for o in entry.objects if (entry.lemma, entry.pos, entry.prep, o) not in keys)
        if objects == entry.objects:
            if entry.objects or (entry.lemma, entry.pos, entry.prep, "") not in keys:
                merged.append(entry)
        elif objects:
            merged.append(LexiconEntry(entry.lemma, entry.pos, entry.prep, objects, entry.code))
    return merged


@cache
def lexicon() -> Lexicon:
    """Our trigger lexicon (cameo_lexicon.csv) with the upstream rows ``LEXICON_MERGE`` admits."""
    ours = _entries("cameo_lexicon.csv")
    upstream = _entries("petrarch_verbs.csv") if LEXICON_MERGE != "ours" else []
    return Lexicon(merge_entries(ours, upstream, LEXICON_MERGE))


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
    harmful_default: str | None = None  # the default when the uncoded governed verb reads as harm ("vowed to crush")

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
            section.get("harmful_default"),
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
    """Sector nouns ("officials" GOV, "rebels" REB): ours (agents.csv), then the one-word nouns of the
    converted PETRARCH-2 agent dictionary (petrarch_agents.csv, singular and plural) that ours lack."""
    found: dict[str, Agent] = {}
    for name in ("agents.csv", "petrarch_agents.csv"):
        path = data_path(name)
        for row in read_csv_rows(path) if path.exists() else []:
            for noun in (row["noun"].lower(), (row.get("plural") or "").lower()):
                if noun and (name == "agents.csv" or " " not in noun) and noun not in found:
                    found[noun] = Agent(noun, row["sector"], row["state_actor"].lower() == "true")
    return found
