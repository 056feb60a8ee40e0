#!/usr/bin/env python3
"""Convert the PETRARCH-2 / Phoenix actor and agent dictionaries (MIT) into frenemy catalogue data.

    python scripts/convert_petrarch.py [--upstream ../shared/upstream/petrarch2] [--out src/frenemy/ontology/data]

Reads Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt and
Phoenix.agents.txt (their format: dictionaries.rst beside them) and writes ``petrarch_actors.csv`` and
``petrarch_agents.csv``. Standard library only; the same upstream files and the same frenemy tables give
byte-identical output.

What the conversion decides, in order:

- Entries: a primary phrase with its ``+`` synonyms and the ``[CODE date]`` restrictions that follow. As in
  PETRARCH's reader, primary phrases that follow each other with no code between them share the codes that
  come next (each stays its own actor). Country records (a bare state code such as ``[AFG]``, with cities,
  provinces and sights as synonyms) are left out: ``countries.csv`` is authoritative for states.
- Names: "SECRETARY_OF_STATE_COLIN_POWELL" -> "Secretary of State Colin Powell"; an acronym in brackets
  becomes an alias of its own ("(ETA)"); pattern syntax, other scripts and junk are dropped, and so are
  single words that are common English words (an English word list is built from the upstream verb,
  agent and discard dictionaries) and one-word aliases of persons (a surname alone is left to the
  catalogue's surname index).
- Persons: entries from CountryInfo / IGOrulers and entries whose name reads as a person's (a given name
  seen among CountryInfo's persons, no organisation word). Their dated codes become roles
  ``actor:SECTOR:start:end``; the role's actor is the state of a country code (CAMEO codes that differ
  from ISO 3166 are mapped) or the organisation an IGO/NGO/IMG code stands for.
- Merge: an entry one of whose names frenemy's own tables already resolve is written under frenemy's
  actor id with only its new aliases (and, for a person, its roles); frenemy's id, name and type win.
  Entries that share a name are one actor. A name two different actors share is dropped from both.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from frenemy.ontology.actors import ActorCatalogue, normalize_name, own_catalogue  # noqa: E402

ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
#: Upstream files whose words make the list of common English words (never the actor files).
WORD_FILES = ("CAMEO.2.0.txt", "Phoenix.agents.txt", "Phoenix.discards.txt")

#: CAMEO country codes that are not ISO 3166-1 alpha-3 (or not frenemy's id for the state).
CAMEO_TO_ISO = {"KSV": "XKX", "TMP": "TLS", "USR": "SUN", "FRY": "YUG", "SCG": "YUG", "ROM": "ROU", "ZAR": "COD"}
#: First three letters of a code that are an actor type rather than a state.
ORG_PREFIXES = {"IGO": ("igo", "IGO"), "NGO": ("ngo", "NGO"), "IMG": ("armed_group", "REB"), "MNC": ("company", "BUS"),
                "MED": ("media", "MED"), "NGM": ("ngo", "NGO"), "UIS": ("armed_group", "REB")}
#: Codes that name one organisation or group (IGOUNO: the UN, IMGMUSALQ: al-Qaeda); NGO and MNC codes
#: name a kind and a home (NGOUSAHLH: a US health NGO), so a person's NGO or MNC code places them nowhere.
OWNED_PREFIXES = {"IGO", "IMG"}
#: Region codes after IGO/NGO/MNC that are also a state's code: NAM is North America there, not Namibia.
ORG_REGIONS = {"NAM"}
#: Religion codes (CAMEO) as the first three letters: a religious group.
RELIGIONS = {"MOS", "CHR", "JEW", "HIN", "BUD", "SIK", "BAH", "JAN", "ZRO", "CON", "DRZ", "TAO", "SHN", "ITR"}
STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
ARMED_SECTORS = {"REB", "INS", "SEP", "UAF", "RAD", "IMG"}
#: Sectors a person can speak or act for their actor in; only their surnames may stand alone.
ACTING_SECTORS = STATE_SECTORS | ARMED_SECTORS | {"OPP", "PTY", "IGO", "NGO"}
#: Words that mark a name as an organisation, not a person.
ORG_WORDS = set("""
academy action administration agency airline airlines airways alliance army assembly associates association
authority bank battalion board brigade brigades bureau cabinet camp campaign cartel cells center centre chamber
church club coalition college command commission committee communications company congress consortium
corp corporation council court department directorate division embassy enterprises federation fighters fire
force forces foundation front fund group guard guards holding holdings hospital inc industries initiative
institute international league limited ltd media militia ministry mission monitor movement network news
nuclei office organisation organization parliament partners party police programme program radio regiment
republic resistance school secretariat security senate service services society squad systems team television
times tribunal trust union unit units university watch wing
""".split())
#: Titles of offices: an organisation's alias that ends in one names a person's office ("US President").
TITLES = set("""
adviser advisor ambassador attorney chair chairman chairwoman chancellor chief commander commissioner counsel
delegate deputy director emir envoy general governor head judge king leader lawmaker mayor minister monitor
negotiator observer official officials peacekeeper peacekeepers premier president prince prosecutor queen
rapporteur representative secretary senator spokesman spokesperson spokeswoman sultan
""".split())
#: Lower-case particles inside names.
PARTICLES = {"of", "the", "and", "for", "in", "on", "at", "to", "by", "with", "de", "del", "della", "di", "da",
             "du", "des", "la", "le", "van", "von", "der", "den", "y", "e", "al", "el", "bin", "ibn", "wa", "wal",
             "ul", "ud", "ur", "ad", "as", "ash", "az", "an", "ar", "bint", "und"}
#: Short words of Arabic and other names that are not acronyms in an organisation's name.
NAME_WORDS = {"abu", "umm", "ali", "mir", "haj", "sri", "san", "sao", "new", "ibn", "bin"}
#: Single words kept out although the word lists miss them: everyday English that upstream uses as a name.
EXTRA_COMMON = set("""
al-aqsa al-jihad aleph america american avengers base boogeymen camo co cold congress cornerstone corp inc
insula isar lightning ltd mavericks plc llc tigers yahweh zero council court dawn freedom front gap general glory government justice
liberty light nation people peace prime progress senate shield sun target unity victory vision young
january february march april may june july august september october november december
""".split())
NULL_CODE = "---"
_NON_NAME = re.compile(r"[{}\[\]!*$%^&~=<>|;?@\\+\"]")
_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z0-9][A-Z0-9.&/-]{1,11})\)")
_BRACKET = re.compile(r"\[([^\]]*)\]")
_DATE = re.compile(r"\d+")


# -- reading the upstream files ----------------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    """Lines of an upstream file; a line that is not UTF-8 is read as Windows-1252 (the files mix both)."""
    lines = []
    for raw in path.read_bytes().split(b"\n"):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("cp1252", errors="replace")
        lines.append(line.rstrip("\r"))
    return lines


def parse_date(text: str) -> date:
    """YYMMDD (00-30 is 20YY, as in PETRARCH and TABARI) or YYYYMMDD; ValueError if invalid."""
    if len(text) <= 7:
        year = int(text[:2])
        return date(2000 + year if year <= 30 else 1900 + year, int(text[2:4]), int(text[4:6]))
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


@dataclass(frozen=True)
class Restriction:
    """One ``[CODE date]`` of an entry: the code in force from ``start`` to ``end`` (both inclusive)."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


def parse_restriction(body: str) -> Restriction | None:
    parts = body.split(None, 1)
    if parts and parts[0] == "---":
        return Restriction(NULL_CODE)  # "do not code": it still ends the entry's run of codes
    if not parts or not re.fullmatch(r"[A-Z]{3,15}", parts[0]):
        return None  # broken codes
    code, rest = parts[0], (parts[1].strip() if len(parts) > 1 else "")
    try:
        if not rest:
            return Restriction(code)
        if rest[0] in "<>":
            when = parse_date(_DATE.search(rest).group())
            return Restriction(code, None, when) if rest[0] == "<" else Restriction(code, when, None)
        found = re.fullmatch(r"(\d+)\s*-\s*(\d+)", rest)
        if found:
            start, end = parse_date(found.group(1)), parse_date(found.group(2))
            return Restriction(code, start, end) if start <= end else None
    except (ValueError, AttributeError):
        return None
    return None


@dataclass
class Entry:
    """One upstream actor record: a primary phrase, its synonyms and the codes that apply to it."""

    source: str
    line: int
    names: list[str]
    restrictions: list[Restriction]
    comment: str = ""


def parse_actor_file(path: Path) -> list[Entry]:
    """Entries of a PETRARCH .actors file (see dictionaries.rst, "Actor Dictionary")."""
    entries: list[Entry] = []
    block: list[Entry] = []  # entries that share the restrictions read so far
    shared: list[Restriction] = []
    for number, line in enumerate(read_lines(path), start=1):
        if "---STOP---" in line:
            break
        body, _, comment = line.partition("#")
        if not body.strip() or body.lstrip().startswith("<"):
            if comment and block:
                block[-1].comment += " " + comment.strip()
            continue
        if body[0] in " \t" and "[" in body:
            shared.extend(r for r in map(parse_restriction, _BRACKET.findall(body)) if r)
            if comment and block:
                block[-1].comment += " " + comment.strip()
        elif body.startswith("+"):
            if block:
                block[-1].names.append(body[1:].split(";")[0].strip())
        else:
            if shared:  # the previous block is complete
                block, shared = [], []
            phrase = body.split("[")[0].split(";")[0].strip()
            entry = Entry(path.name, number, [phrase], shared, comment.strip())
            block.append(entry)
            entries.append(entry)
            shared.extend(r for r in map(parse_restriction, _BRACKET.findall(body)) if r)
    return entries


def agent_sectors(upstream: Path) -> set[str]:
    """The CAMEO agent (sector) codes the upstream agent dictionary uses: GOV, MIL, REB, CVL ..."""
    return set(re.findall(r"\[~?([A-Z]{3})", (upstream / AGENT_FILE).read_text(encoding="utf-8", errors="replace")))


def english_words(upstream: Path) -> set[str]:
    """Lower-case words of the upstream verb, agent and discard dictionaries: everyday English."""
    words: set[str] = set(EXTRA_COMMON)
    for name in WORD_FILES:
        for line in read_lines(upstream / name):
            for word in re.findall(r"[A-Za-z]+", line.split("#")[0]):
                if len(word) > 1:
                    words.add(word.lower())
    return words


# -- names ---------------------------------------------------------------------------------------------


def _is_latin(text: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def _looks_like_acronym(word: str, acronyms: set[str]) -> bool:
    letters = word.replace(".", "").replace("&", "").replace("/", "")
    if not letters.isalpha():
        return bool(letters) and any(ch.isdigit() for ch in letters) and any(ch.isalpha() for ch in letters)
    if re.fullmatch(r"(?:[A-Z]\.){2,}[A-Z]?\.?", word):
        return True  # U.N., U.S.A.
    return letters in acronyms or (len(letters) >= 2 and not re.search(r"[AEIOUY]", letters))


def _case_word(word: str, first: bool, acronyms: set[str], short_upper: set[str] | None) -> str:
    """One upper-case upstream word in the case news would print it. ``short_upper``: for
    organisations, the words of up to three letters that are not English (UN, ETA, PKK)."""
    lower = word.lower()
    if not first and lower in PARTICLES:
        return lower
    if (short_upper is not None and word.isalpha() and len(word) <= 3 and lower not in short_upper
            and lower not in PARTICLES and lower not in NAME_WORDS):
        return word
    if re.fullmatch(r"[A-Z]\.?", word):
        return word  # an initial
    if re.fullmatch(r"\d+(?:ST|ND|RD|TH)", word):
        return lower  # 23rd
    if re.fullmatch(r"(?:[IVX]+)", word) and len(word) <= 4 and not first:
        return word  # a regnal number (III)
    if _looks_like_acronym(word, acronyms):
        return word
    if lower.startswith("mc") and len(lower) > 3:
        return "Mc" + lower[2:].capitalize()
    if "'" in word or "’" in word:
        head, mark, tail = re.split(r"(['’])", word, maxsplit=1)
        if len(head) == 1:  # O'Brien, D'Ivoire
            return head.upper() + mark + tail.capitalize()
        return head.capitalize() + mark + tail.lower()
    return lower.capitalize()


def display(phrase: str, acronyms: set[str], common: set[str] | None = None) -> str:
    """An upstream phrase as a name: "SECRETARY_OF_STATE_COLIN_POWELL" -> "Secretary of State Colin Powell".
    With ``common`` (English words), short words that are not English stay in capitals (organisations)."""
    text = re.sub(r"[_\s]+", " ", phrase).strip(" -")
    out: list[str] = []
    for n, word in enumerate(text.split(" ")):
        pieces = re.split(r"([-/])", word)
        cased = [p if p in "-/" else _case_word(p, n == 0 and i == 0, acronyms, common) for i, p in enumerate(pieces) if p]
        out.append("".join(cased))
    name = " ".join(out)
    return name[4:] if name.startswith("The ") and len(name) > 8 else name


def names_of(raw: str, acronyms: set[str], common: set[str] | None = None) -> list[str]:
    """The names an upstream phrase gives: the phrase, and an acronym in brackets on its own
    (``acronyms`` holds the bracketed words that are acronyms, not "(GREECE)" or "(AMERICAN)")."""
    phrase = re.sub(r"[_\s]+", " ", raw).strip()
    if not phrase or _NON_NAME.search(phrase) or "\ufffd" in phrase or not _is_latin(phrase):
        return []
    found = []
    for acronym in _ACRONYM_IN_BRACKETS.findall(phrase):
        if acronym.replace(".", "") in acronyms:
            found.append(acronym)
            phrase = phrase.replace(f"({acronym})", " ")
    phrase = re.sub(r"\s+", " ", phrase).strip(" -,")
    letters = sum(ch.isalpha() for ch in phrase)
    if letters >= 2 and not phrase.replace(" ", "").isdigit() and phrase.count("(") == phrase.count(")"):
        found.insert(0, display(phrase, acronyms, common))
    return [n for n in found if sum(ch.isalpha() for ch in n) >= 2]


# -- what an entry is ------------------------------------------------------------------------------------


@dataclass
class Role:
    actor_id: str
    sector: str
    start: date | None
    end: date | None

    def text(self) -> str:
        return ":".join((self.actor_id, self.sector, self.start.isoformat() if self.start else "",
                         self.end.isoformat() if self.end else ""))


@dataclass
class Candidate:
    """An actor the conversion may write."""

    key: str  # deterministic identity while converting: the first source and line
    name: str
    type: str
    country: str = ""
    sector: str = ""
    parent_id: str = ""
    aliases: list[str] = field(default_factory=list)
    restrictions: list[Restriction] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    merged_into: str = ""  # frenemy's own actor id, when the entry is one of ours
    weight: int = 1  # upstream entries this candidate stands for

    @property
    def is_person(self) -> bool:
        return self.type == "person"

    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]


def state_code(code: str, states: set[str]) -> str | None:
    """The frenemy state id of a CAMEO code's first three letters, or None."""
    iso = CAMEO_TO_ISO.get(code[:3], code[:3])
    return iso if iso in states else None


def sector_of(code: str) -> str:
    """The CAMEO agent (sector) code after a state code: USAGOVLEG -> GOV."""
    sector = code[3:6]
    return sector if re.fullmatch(r"[A-Z]{3}", sector) else ""


def org_type(code: str, name: str, states: set[str]) -> tuple[str, str, str, str] | None:
    """(type, country, sector, parent state) of a non-person entry's code, or None to leave it out."""
    prefix = code[:3]
    if prefix in ORG_PREFIXES:
        kind, sector = ORG_PREFIXES[prefix]
        country = state_code(code[3:], states) or "" if len(code) >= 6 and code[3:6] not in ORG_REGIONS else ""
        return kind, country, sector, ""
    if prefix in RELIGIONS:
        return "religious_group", "", "REL", ""
    state = state_code(code, states)
    sector = sector_of(code)
    if not sector:
        return None  # a state itself, or a region: not an actor of its own
    country = state or ""
    if sector in STATE_SECTORS and state:
        return "government_body", country, sector, state
    if sector in ARMED_SECTORS or prefix in {"INT", "KKL"}:
        return "armed_group", country, "REB" if sector in {"IMG", "UAF"} else sector, ""
    if sector in {"OPP", "PTY"}:
        return ("party" if re.search(r"\b(party|league|congress)\b", name, re.I) else "other"), country, sector, ""
    if sector == "BUS":
        return "company", country, sector, ""
    if sector == "MED":
        return "media", country, sector, ""
    if sector in RELIGIONS or sector == "REL":
        return "religious_group", country, "REL", ""
    if sector in {"NGO", "HRI", "ENV"}:
        return "ngo", country, sector, ""
    return "other", country, sector, ""




# -- conversion --------------------------------------------------------------------------------------------


class Converter:
    def __init__(self, upstream: Path, own: ActorCatalogue) -> None:
        self.upstream = upstream
        self.own = own
        self.states = {a.actor_id for a in own.actors.values() if a.is_state and len(a.actor_id) == 3}
        self.common = english_words(upstream)
        self.entries = [e for name in ACTOR_FILES for e in parse_actor_file(upstream / name)]
        self.acronyms = {a.replace(".", "") for e in self.entries for n in e.names
                         for a in _ACRONYM_IN_BRACKETS.findall(n.replace("_", " ")) if self._is_acronym(a)}
        self.acronyms |= {n.replace(".", "") for a in own.actors.values() for n in (a.name, *a.aliases)
                          if n.isupper() and n.replace(".", "").isalpha() and len(n) >= 2}
        self.given = self._given_names()
        self.acronyms -= {w.upper() for w in self.given}  # "ANA Lovrin" is Ana
        first_three = {r.code[:3] for e in self.entries for r in e.restrictions}
        self.regions = {c for c in first_three if c not in self.states and c not in CAMEO_TO_ISO}
        self.regions -= set(ORG_PREFIXES) | RELIGIONS
        self.sectors = agent_sectors(upstream) | STATE_SECTORS | ARMED_SECTORS | {"OPP", "PTY", "ELI", "NGO", "IGO"}
        self.dropped: Counter[str] = Counter()

    def is_common(self, word: str) -> bool:
        """An everyday English word, also in the plural ("tigers", "boogeymen")."""
        if word in self.common:
            return True
        for ending, base in (("ies", "y"), ("men", "man"), ("es", ""), ("s", "")):
            if word.endswith(ending) and word[: -len(ending)] + base in self.common:
                return True
        return False

    def _is_acronym(self, word: str) -> bool:
        """A bracketed word that is an acronym ("(ETA)"), not a word or a place ("(GREECE)")."""
        letters = word.replace(".", "")
        if len(letters) > 6 or letters.lower() in self.common:
            return False
        match = self.own.match(word.capitalize())
        return match is None or not self.own.actors[match.actor_id].is_state

    def _given_names(self) -> set[str]:
        """First words of CountryInfo's persons that recur: names people are given (``frequent_given``:
        those that ten or more bear, such as Mohammed or Abdullah)."""
        counts = Counter(e.names[0].replace("_", " ").split()[0].lower() for e in self.entries
                         if "CountryInfo" in e.comment and e.names[0].strip("_"))
        self.frequent_given = {w for w, n in counts.items() if n >= 10}
        self.first_names = {w for w in counts if w not in ORG_WORDS and w not in PARTICLES}
        return {w for w, n in counts.items() if n >= 2 and w not in ORG_WORDS and w not in PARTICLES}

    # - building candidates

    def candidates(self) -> list[Candidate]:
        found: list[Candidate] = []
        for entry in self.entries:
            names = [n for raw in entry.names for n in names_of(raw, self.acronyms)]
            if not names:
                self.dropped["entry without a usable name"] += 1
                continue
            key = f"{entry.source}:{entry.line}"
            if self.is_person(entry, names):
                coded = [r for r in entry.restrictions if r.code != NULL_CODE]
                found.append(Candidate(key, names[0], "person", aliases=names[1:], restrictions=coded))
                continue
            names = [n for raw in entry.names for n in names_of(raw, self.acronyms, self.common)]
            coded = [r for r in entry.restrictions if r.code != NULL_CODE]
            if not coded:
                self.dropped["organisation without a code"] += 1
                continue
            code = (coded[-1] if coded[-1].dated else coded[0]).code
            kind = org_type(code, names[0], self.states)
            if kind is None or (code[:3] not in ORG_PREFIXES and code[:3] not in RELIGIONS and sector_of(code) not in self.sectors):
                self.dropped["state, region or place record"] += 1
                continue
            found.append(Candidate(key, names[0], kind[0], kind[1], kind[2], kind[3], names[1:], coded))
        return found

    def is_person(self, entry: Entry, names: list[str]) -> bool:
        """CountryInfo's and IGOrulers' entries, names our tables give a person, and names that read as
        a person's: two to five words, none an organisation's, beginning with a given name or an
        initial, or with dated codes (a term of office)."""
        if re.search(r"CountryInfo|rulers", entry.comment):
            return True
        for name in names:
            match = self.own.match(name)
            if match is not None and match.kind == "name" and self.own.actors[match.actor_id].type == "person":
                return True
        if any(w.strip(".,()") in ORG_WORDS for n in names for w in n.lower().replace("-", " ").split()):
            return False
        words = names[0].lower().replace("-", " ").split()
        if not 2 <= len(words) <= 5 or any(w in {"of", "for", "the", "and", "in", "on", "to"} for w in words):
            return False
        first = words[0].strip(".")
        return first in self.given or len(first) == 1 or any(r.dated for r in entry.restrictions)

    def clean_aliases(self, candidate: Candidate) -> None:
        """Drop names that would make false matches: common words, one-word person aliases, duplicates."""
        kept: list[str] = []
        seen: set[str] = set()
        for n, name in enumerate(candidate.all_names()):
            key = normalize_name(name)
            if not key or key in seen:
                continue
            words = key.split()
            shown = normalize_name(name, keep_case=True).split()
            everyday = [self.is_common(w) or w in PARTICLES or w in ORG_WORDS for w in words]
            everyday = [e and not (s.isupper() and len(s) > 1) for e, s in zip(everyday, shown)]  # acronyms are names
            if len(words) == 1:
                if (everyday[0] or key in self.first_names) and not (len(key) <= 3 and name.isupper()):
                    self.dropped["common English word or given name"] += 1
                    continue
                if candidate.is_person and (n > 0 or key in self.given):
                    self.dropped["one-word person name or alias"] += 1
                    continue
                if len(key) < 2 or (len(key) <= 3 and not name.isupper()):
                    self.dropped["too short"] += 1
                    continue
            if all(everyday) and (candidate.type in {"person", "government_body", "other"}
                                  or (len(words) <= 2 and candidate.type not in {"company", "ngo", "media"})):
                # "Secretary of State", "National Security Council": a title or body many states have;
                # "Islamic Community", "National Warriors": two everyday words are a phrase before they are
                # a group (brands such as "General Motors" or "Mercy Corps" are kept)
                self.dropped["generic title, body or phrase"] += 1
                continue
            if not candidate.is_person and any(w in TITLES and (k == len(words) - 1 or words[k + 1] == "of")
                                               for k, w in enumerate(words)):
                # "US President", "Secretary of State": an office, said before a person's name,
                # which the person's title links to their actor
                self.dropped["office title"] += 1
                continue
            seen.add(key)
            kept.append(name)
        if kept:
            candidate.name, candidate.aliases = kept[0], kept[1:]
        else:
            candidate.name, candidate.aliases = "", []

    def merge_own(self, candidate: Candidate) -> None:
        """Tie a candidate to frenemy's own actor when one of its names already resolves to one of the same kind."""
        targets: Counter[str] = Counter()
        for name in candidate.all_names():
            match = self.own.match(name)
            if match is None or match.kind != "name":
                continue
            actor = self.own.actors[match.actor_id]
            if (actor.type == "person") == candidate.is_person and not actor.is_state:
                targets[actor.actor_id] += 2 if name == candidate.name else 1
        if targets:
            candidate.merged_into = sorted(targets.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def merge_same(self, candidates: list[Candidate]) -> list[Candidate]:
        """Entries that share a name (after normalisation) are one actor: persons when their careers fit
        together (no two roles in different countries at the same time), organisations of one type."""
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(candidates):
            for name in c.all_names():
                by_key[normalize_name(name)].append(i)
        parent = list(range(len(candidates)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for indexes in by_key.values():
            first = indexes[0]
            for other in indexes[1:]:
                a, b = find(first), find(other)
                if a != b and self._same_actor(candidates[a], candidates[b]):
                    parent[max(a, b)] = min(a, b)
                    merged = candidates[min(a, b)]
                    extra = candidates[max(a, b)]
                    merged.aliases += [n for n in extra.all_names() if n not in merged.all_names()]
                    merged.restrictions += [r for r in extra.restrictions if r not in merged.restrictions]
                    merged.merged_into = merged.merged_into or extra.merged_into
                    merged.weight += extra.weight
        return [c for i, c in enumerate(candidates) if find(i) == i]

    def _same_actor(self, a: Candidate, b: Candidate) -> bool:
        if a.merged_into and b.merged_into and a.merged_into != b.merged_into:
            return False
        if a.is_person != b.is_person:
            return False
        if not a.is_person:
            return a.type == b.type and a.country == b.country
        if normalize_name(a.name) != normalize_name(b.name):
            return False  # persons meet by their full names only, not by a shared title alias
        for r in a.restrictions:
            for s in b.restrictions:
                if r.dated and s.dated and r.code[:3] != s.code[:3] and _overlap(r, s):
                    return False
        return True

    # - roles

    def code_owners(self, candidates: list[Candidate]) -> dict[str, str]:
        """The actor an organisation code (IGOUNO, IMGMUSALQ) stands for: the actor most of the
        entries with exactly that code turn out to be."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for c in candidates:
            if c.is_person or not c.restrictions:
                continue
            codes = {r.code for r in c.restrictions if not r.dated}
            if len(codes) == 1 and next(iter(codes))[:3] in OWNED_PREFIXES:
                votes[next(iter(codes))][c.key] += c.weight * (3 if c.merged_into else 1)
        owners = {}
        for code, counter in votes.items():
            if len(code) < 6 or code[3:6] in self.regions:
                continue  # IGO, IGOAFR: any international organisation (of a region), not one
            ours = [(w, a) for a, w in counter.items() if a in self.own.actors]
            ranked = sorted(ours or [(w, a) for a, w in counter.items()], reverse=True)
            if (ours or ranked[0][0] >= 2) and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
                owners[code] = ranked[0][1]
        return owners

    def role_actor(self, code: str, owners: dict[str, str]) -> tuple[str, str] | None:
        if code[:3] in ORG_PREFIXES or code[:3] in RELIGIONS:
            for length in range(len(code), 5, -3):
                if code[:length] in owners:
                    return owners[code[:length]], ORG_PREFIXES.get(code[:3], ("", "REL"))[1]
            return None
        state = state_code(code, self.states)
        return (state, sector_of(code)) if state else None

    def set_roles(self, candidate: Candidate, owners: dict[str, str]) -> None:
        roles = []
        for r in candidate.restrictions:
            found = self.role_actor(r.code, owners)
            if found is not None:
                role = Role(found[0], found[1], r.start, r.end)
                if role not in roles:
                    roles.append(role)
        roles.sort(key=lambda r: (r.start or date.min, r.end or date.max, r.actor_id, r.sector))
        candidate.roles = roles
        # the role the person is best known by: the latest in which they acted for their actor
        current = latest_role([r for r in roles if r.sector in ACTING_SECTORS]) or latest_role(roles)
        if current is not None:
            candidate.parent_id, candidate.sector = current.actor_id, current.sector
            state = latest_role([r for r in roles if r.actor_id in self.states])
            candidate.country = state.actor_id if state else ""


def combine_same_id(candidates: list[Candidate]) -> list[Candidate]:
    """Entries tied to the same frenemy actor without sharing a name become one row."""
    by_id: dict[str, Candidate] = {}
    for c in candidates:
        first = by_id.setdefault(c.key, c)
        if first is not c:
            first.aliases += [n for n in c.all_names() if n not in first.all_names()]
            first.restrictions += [r for r in c.restrictions if r not in first.restrictions]
            first.weight += c.weight
    return list(by_id.values())


def fold_into_owners(candidates: list[Candidate], owners: dict[str, str]) -> list[Candidate]:
    """An organisation entry coded with exactly the code of an international organisation or group
    (IGO, IMG) that another actor owns is that actor for PETRARCH ("UN Security Council",
    "MONUC" [IGOUNO] are the UN): its names become the owner's aliases."""
    by_key = {c.key: c for c in candidates}
    kept = []
    for c in candidates:
        codes = {r.code for r in c.restrictions}
        owner = by_key.get(owners.get(next(iter(codes)), "")) if len(codes) == 1 and not c.is_person else None
        if owner is not None and owner is not c and not c.merged_into and next(iter(codes))[:3] in {"IGO", "IMG"} and not owner.is_person:
            owner.aliases += [n for n in c.all_names() if n not in owner.all_names()]
            continue
        kept.append(c)
    return kept


def _overlap(a: Restriction, b: Restriction) -> bool:
    return (a.start or date.min) <= (b.end or date.max) and (b.start or date.min) <= (a.end or date.max)


def latest_role(roles: list[Role]) -> Role | None:
    """The role in force last: among dated roles the one that ends last (open-ended first), else a default."""
    dated = [r for r in roles if r.start or r.end]
    pool = dated or roles
    if not pool:
        return None
    return max(pool, key=lambda r: (r.end or date.max, r.start or date.min, r.actor_id, r.sector))


# -- output ------------------------------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize_name(text)).strip("-")


def license_lines(upstream: Path) -> list[str]:
    return [f"#   {line}".rstrip() for line in (upstream / "LICENSE").read_text(encoding="utf-8").strip().splitlines()]


def commit_of(upstream: Path) -> str:
    return (upstream / "COMMIT").read_text(encoding="utf-8").strip()


def write_csv(path: Path, header: list[str], columns: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    buffer.write("\n".join(header) + "\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def convert_actors(upstream: Path, out: Path) -> dict[str, int]:
    own = own_catalogue()
    conv = Converter(upstream, own)
    candidates = conv.candidates()
    for c in candidates:
        conv.clean_aliases(c)
    candidates = [c for c in candidates if c.name]
    for c in candidates:
        conv.merge_own(c)
    candidates = conv.merge_same(candidates)
    # ids: frenemy's own, else a slug of the name (made unique with the upstream line number)
    taken = set(own.actors)
    for c in sorted(candidates, key=lambda c: c.key):
        if c.merged_into:
            c.key = c.merged_into
            continue
        base = slug(c.name)[:60].strip("-") or "actor"
        c_id = base if base not in taken and base.upper() not in taken else f"{base}-{c.key.split(':')[1]}"
        taken.add(c_id)
        c.key = c_id
    candidates = combine_same_id(candidates)
    owners = conv.code_owners(candidates)
    candidates = fold_into_owners(candidates, owners)
    for c in candidates:
        if c.is_person:
            conv.set_roles(c, owners)
    placed = [c for c in candidates if not c.is_person or c.roles or c.merged_into]
    conv.dropped["person without a role frenemy can place"] += len(candidates) - len(placed)
    rows = drop_ambiguous(conv, placed)
    write_actor_file(upstream, out / "petrarch_actors.csv", rows, conv)
    new = [r for r in rows if r[0] not in own.actors]
    figures = {"rows": len(rows), "new actors": len(new), "rows extending our actors": len(rows) - len(new),
               "names of new actors": sum(1 + len([a for a in r[6].split("|") if a]) for r in new),
               "aliases added to our actors": sum(len([a for a in r[6].split("|") if a]) for r in rows if r[0] in own.actors)}
    figures.update({f"new {kind}": n for kind, n in sorted(Counter(r[2] for r in new).items())})
    figures.update({f"dropped: {k}": v for k, v in sorted(conv.dropped.items())})
    return figures


def drop_ambiguous(conv: Converter, candidates: list[Candidate]) -> list[list[str]]:
    """Rows to write. A name of two different actors (or already frenemy's name for another actor) is
    dropped from all of them; frenemy's own names are not repeated."""
    holders: dict[str, set[str]] = defaultdict(set)
    for c in candidates:
        for name in c.all_names():
            holders[normalize_name(name)].add(c.key)
    rows = []
    for c in sorted(candidates, key=lambda c: c.key):
        names = []
        for name in c.all_names():
            key = normalize_name(name)
            if len(holders[key]) > 1:
                conv.dropped["name of two actors"] += 1
                continue
            match = conv.own.match(name)
            if match is not None:
                if match.actor_id != c.key:
                    conv.dropped["frenemy's name for another actor"] += 1
                continue
            names.append(name)
        if c.merged_into:
            own = conv.own.actors[c.merged_into]
            if not names and not (c.roles and own.type == "person"):
                continue
            rows.append([own.actor_id, own.name, own.type, own.country or "", own.sector or "", own.parent_id or "",
                         "|".join(names), "|".join(r.text() for r in c.roles), ""])
            continue
        if not names:
            continue
        surname = person_surname(conv, c, names[0]) if c.is_person else ""
        rows.append([c.key, names[0], c.type, c.country, c.sector, c.parent_id, "|".join(names[1:]),
                     "|".join(r.text() for r in c.roles), surname])
    return rows


def person_surname(conv: Converter, c: Candidate, name: str) -> str:
    """The surname a person may be named by alone once named in full: persons who act for their
    actor (not elites, civilians); not an initial, a particle, a regnal number or a given name
    that many bear ("Mohammed")."""
    words = name.split()
    if len(words) < 2 or not any(r.sector in ACTING_SECTORS for r in c.roles):
        return ""
    surname = words[-1]
    key = normalize_name(surname)
    if (len(key) < 3 or key in PARTICLES or key in conv.frequent_given or not surname[:1].isupper() or "." in surname
            or re.fullmatch(r"[IVX]+", surname)):
        return ""
    return surname


def write_actor_file(upstream: Path, path: Path, rows: list[list[str]], conv: Converter) -> None:
    header = [
        "# petrarch_actors.csv - frenemy actor catalogue: actors converted from the PETRARCH-2 / Phoenix actor",
        "# dictionaries (persons with dated roles, international and non-governmental organisations, non-state armed",
        "# groups, state bodies, companies). Loaded after countries.csv, government_bodies.csv and actors.csv; those",
        "# tables win: a row whose actor_id is already theirs only adds aliases (and roles) to that actor, and a name",
        "# they already give another actor is not taken.",
        "# GENERATED by scripts/convert_petrarch.py - do not edit by hand; fix the converter or our own tables and rerun:",
        "#   python scripts/convert_petrarch.py --upstream ../shared/upstream/petrarch2",
        "# Provenance: " + ", ".join(ACTOR_FILES) + " of PETRARCH-2 (github.com/openeventdata/petrarch2,",
        f"#   dictionaries folder), commit {commit_of(upstream)}. Names are converted from the upstream",
        "#   underscore form to plain names; upstream's CAMEO codes give type, country, sector and roles.",
        "# Columns:",
        "#   actor_id  frenemy's id for rows that extend our own actors, else a slug of the name (unique).",
        "#   name      the upstream primary name (for rows that extend our own actors: our name).",
        "#   type      frenemy actor type (ontology.actors.ACTOR_TYPES); from the CAMEO code: IGO -> igo,",
        "#             NGO -> ngo, IMG and state codes with REB/INS/SEP/UAF/RAD -> armed_group, MNC -> company,",
        "#             state codes with GOV/MIL/LEG/JUD/COP/SPY -> government_body (under that state), persons -> person.",
        "#   country   ISO 3166-1 alpha-3 id of the home state (CAMEO codes mapped: KSV -> XKX, TMP -> TLS,",
        "#             USR -> SUN, FRY and SCG -> YUG); for persons the state of their latest role.",
        "#   sector    CAMEO agent code (GOV, MIL, ELI, OPP, REB, IGO, NGO, BUS ...); for persons, of that role.",
        "#   parent_id government bodies: their state; persons: the actor of their latest role in which they acted",
        "#             for it (GOV, MIL, REB, IGO ...; else their latest role): a state or an organisation such as un.",
        "#   aliases   \"|\"-separated names; all-capital aliases of up to three letters match in capitals only.",
        "#   roles     persons: \"|\"-separated dated roles actor:SECTOR:start:end (ISO dates, inclusive; an empty",
        "#             date is open), e.g. USA:GOV:2001-01-20:2005-01-26. A role with no dates is the default for",
        "#             dates no dated role covers. frenemy's catalogue picks the role in force on a document's date.",
        "#   surname   persons who acted for their actor: the surname that names them alone once a text has named",
        "#             them in full (\"Colin Powell ... Powell said\"); empty: never by surname alone.",
        "# Left out: country records (countries.csv is authoritative), pattern syntax, names in other scripts,",
        "#   common English words as one-word names, one-word aliases of persons, names two actors share, persons",
        "#   with no role in a state or organisation frenemy knows.",
        "# Upstream licence (MIT), reproduced as it requires:",
        *license_lines(upstream),
    ]
    columns = ["actor_id", "name", "type", "country", "sector", "parent_id", "aliases", "roles", "surname"]
    write_csv(path, header, columns, rows)


# -- agents ------------------------------------------------------------------------------------------------


def convert_agents(upstream: Path, out: Path) -> dict[str, int]:
    """Phoenix.agents.txt -> petrarch_agents.csv: noun phrases and the CAMEO sector they give."""
    markers: dict[str, list[str]] = {}
    rows: dict[str, list[str]] = {}
    skipped = 0
    for line in read_lines(upstream / AGENT_FILE):
        body = line.split("#")[0].strip()
        if not body or body.startswith("<"):
            continue
        if "!" in body and "=" in body:
            name, _, items = body.partition("=")
            markers[name.strip().strip("!")] = [i.strip() for i in items.split(",") if i.strip()]
            continue
        found = re.match(r"(.+?)\s*(\{[^}]*\})?\s*\[([^\]}]*)[\]}]", body)
        if not found:
            skipped += 1
            continue
        phrase, plural, code = found.group(1).strip(), found.group(2), found.group(3).strip()
        sector = code.replace("~", "")[:3]
        if not re.fullmatch(r"[A-Z]{3}", sector):
            skipped += 1
            continue
        forms: list[tuple[str, str]] = []
        marker = re.search(r"!(\w+)!", phrase)
        if marker:
            for item in markers.get(marker.group(1), []):
                forms.append((phrase.replace(marker.group(0), item), ""))
        else:
            explicit = plural[1:-1].strip() if plural else None
            forms.append((phrase, explicit if explicit is not None else _plural(phrase.rstrip("_"))))
        for noun, plural_form in forms:
            noun_text = _agent_text(noun)
            if noun_text is None:
                skipped += 1
                continue
            plural_text = _agent_text(plural_form) or "" if plural_form else ""
            rows.setdefault(noun_text, [noun_text, plural_text, sector, code.replace("~", ""),
                                        "true" if sector in STATE_SECTORS else "false"])
    header = [
        "# petrarch_agents.csv - agent nouns from the PETRARCH-2 / Phoenix agent dictionary: common nouns and noun",
        "# phrases that name a sector of an actor (\"prime minister\" -> GOV, \"rebel commander\" -> REB).",
        "# GENERATED by scripts/convert_petrarch.py - do not edit by hand; rerun the script:",
        "#   python scripts/convert_petrarch.py --upstream ../shared/upstream/petrarch2",
        f"# Provenance: {AGENT_FILE} of PETRARCH-2 (github.com/openeventdata/petrarch2), commit {commit_of(upstream)}.",
        "# frenemy's own agents.csv is authoritative: a noun it lists keeps its sector there.",
        "# Columns:",
        "#   noun         lower-case singular noun phrase (upstream underscores and blanks both become blanks).",
        "#   plural       its plural: upstream's irregular form, else the regular one upstream generates;",
        "#                empty where upstream forms none.",
        "#   sector       CAMEO agent code (the first three letters of the upstream code).",
        "#   code         the full upstream agent code, e.g. GOVFRM (foreign minister), NGO (an organisation type).",
        "#   state_actor  \"true\" for sectors of the state (GOV, MIL, LEG, JUD, COP, SPY).",
        "# Upstream licence (MIT), reproduced as it requires:",
        *license_lines(upstream),
    ]
    write_csv(out / "petrarch_agents.csv", header, ["noun", "plural", "sector", "code", "state_actor"],
              [rows[k] for k in sorted(rows)])
    return {"agents": len(rows), "agents skipped": skipped}


def _plural(phrase: str) -> str:
    if phrase.endswith("Y") and not phrase.endswith(("AY", "EY", "OY")):
        return phrase[:-1] + "IES"
    if phrase.endswith("SS"):
        return phrase + "ES"
    return phrase + "S"


def _agent_text(phrase: str) -> str | None:
    text = re.sub(r"[_\s]+", " ", phrase).strip().lower()
    if not text or re.search(r"[^a-z '.-]", text) or len(text) < 2:
        return None
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", type=Path, default=ROOT.parent / "shared" / "upstream" / "petrarch2")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "frenemy" / "ontology" / "data")
    args = parser.parse_args()
    if not (args.upstream / ACTOR_FILES[0]).is_file():
        sys.exit(f"error: {args.upstream / ACTOR_FILES[0]} not found (pass --upstream)")
    figures = convert_actors(args.upstream, args.out)
    figures.update(convert_agents(args.upstream, args.out))
    for name, value in figures.items():
        print(f"{name:45} {value}")


if __name__ == "__main__":
    main()
