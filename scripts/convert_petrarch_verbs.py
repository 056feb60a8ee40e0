#!/usr/bin/env python3
"""Convert the PETRARCH-2 CAMEO verb dictionary (MIT) into frenemy trigger-lexicon rows.

    python scripts/convert_petrarch_verbs.py [--upstream ../shared/upstream/petrarch2]
                                             [--out src/frenemy/ontology/data/petrarch_verbs.csv]

Reads ``CAMEO.2.0.txt`` (its format: ``dictionaries.rst`` beside it) and writes ``petrarch_verbs.csv`` in
the columns of ``cameo_lexicon.csv`` (lemma, pos, prep, object, code, note). Standard library only; the
same upstream file and the same frenemy tables (``cameo_codes.csv``, the prep column of
``cameo_lexicon.csv``) give byte-identical output. ``ontology/cameo.py`` loads the result after our own
lexicon, which wins for every key both have, and says which upstream rows the shipped merge admits.

What the conversion keeps, following PETRARCH-2's reader (``PETRreader.read_verb_dictionary``):

- Verb blocks (``--- NAME [CODE] ---``): each verb line gives a lemma, the first word of the line
  (upstream lists inflected forms in ``{...}``; the first word is the base form). Its code is its own
  ``[CODE]`` or the block's; ``---`` means the verb alone is no event (no bare row). A verb listed in
  several blocks belongs to the first, as in PETRARCH-2. A post-compound verb (``+CALL_OFF``) gives the
  lemma and the particle (prep column) or completing noun (object column); pre-compounds
  (``RE_+ARREST``, ``WIRE_+TAP``), hyphenated forms (``RE-OPEN``: spaCy splits them), forms of
  "be"/"have" and compounds of three or more words are left out.
- Patterns (``- pre * post [CODE]``) apply to the verb their comment names (upstream's comment records
  the verb each pattern was written for: ``- * RELIEF [073] # RUSH``; an inflected name such as
  ``STEPPED_UP`` is matched through the verb's forms), or to every verb of the block when the comment
  names none of them. PETRARCH-2 itself applies every pattern to the whole block (``--patterns block``
  does so too), which yields rows such as "arrest" + "part" -> 030 from "take part" in the same block;
  measured with bench/eval_events.py, the named-verb reading is the better one. Kept when the
  pre-verb part is empty (pre-verb words constrain the subject: an actor slot) and the post-verb part is
  one of: a noun (``- * SANCTIONS``), a synset of nouns (``- * &WEAPON``), a particle or completing word
  (``- * FORWARD``, ``- * FREE``), a particle and a noun (``- * OUT VIEWS``), a prepositional phrase
  with at most one noun (``- * (FOR HELP)``, ``- * (AGAINST)``), or a particle and such a phrase
  (``- * OUT (OF TREATY)``: our lexicon matches "pull out of the treaty" through the particle). A
  pattern given to a post-compound verb adds to its particle ("+CALL_OFF" with ``- * TALKS``); one with
  a preposition of its own cannot (one prep per row). Nouns are
  object heads, lower-cased, with a singular form added for plurals (spaCy lemmas are singular).
- Left out: patterns with actor slots (``$`` source, ``+`` target, ``^``, ``%``), braced phrases and
  multi-word synset members (``{FINANCIAL AID}``: the modifiers cannot be required in our model and
  dropping them would widen the pattern), hyphenated or underscored nouns, two nouns or two
  prepositions, codes ``---`` (no event) or ``:CODE`` (an event from target to source only), codes not
  in ``cameo_codes.csv``, and the verb-verb transformations at the end of the file. A paired code
  ``A:B`` (A's event on B, B's reply on A) keeps A. Post-compounds with a conjunction (``+ARREST_AND``).
- Conflicts: one code per (lemma, prep, object word); as in PETRARCH-2, where a later identical pattern
  replaces an earlier one in the pattern trie, the later row wins.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "frenemy" / "ontology" / "data"
VERB_FILE = "CAMEO.2.0.txt"
COLUMNS = ("lemma", "pos", "prep", "object", "code", "note")

#: Words that, right after the verb, are particles or adverbs completing it (prep column), besides the
#: completing words our own lexicon already uses in its prep column ("free", "guilty", "ablaze" ...).
PARTICLES = set("""
up down out off back away forward forth aside over in on through together around round apart along ahead
behind by about across under into onto upon
""".split())
#: Prepositions a post-compound verb may end in ("+ASK_FOR", "+SCOFF_AT").
PREPOSITIONS = set("""
for at with to from of into upon on about after against among between toward towards over under
""".split())
#: Upstream "verbs" that are forms of the auxiliaries.
AUXILIARIES = {"is", "are", "am", "was", "were", "be", "been", "has", "have", "had", "will", "would"}
CONJUNCTIONS = {"and", "or", "but", "nor"}
ACTOR_MARKERS = {"$", "+", "^", "%"}
TOKEN = re.compile(r"[(){}]|[^\s(){}]+")
CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class Row:
    lemma: str
    prep: str
    objects: tuple[str, ...]
    code: str
    note: str


@dataclass
class Verb:
    lemma: str
    prep: str
    obj: str
    code: str  # "---": no event alone
    form: str
    forms: frozenset[str]  # upstream spellings of the verb (base, inflections; "STEPPED_UP"), without "+"


@dataclass
class Block:
    name: str
    code: str  # the block's code for verbs without their own; "---": none
    verbs: list[Verb]
    patterns: list[tuple[str, str, str]]  # (pattern text without code, raw code, comment)


# -- reading -------------------------------------------------------------------------------------


def read_dictionary(path: Path, stats: Counter, prep_words: set[str]) -> tuple[dict[str, list[str]], list[Block]]:
    """(synsets: label -> single-word members, verb blocks in file order)."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    label = None
    in_patterns = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            break
        if not line.strip() or line.startswith("#"):
            continue
        if not in_patterns:
            if line.startswith("&"):
                label = line.split("#")[0].strip()
                synsets[label] = []
            elif line.startswith("+") and label is not None:
                member = line[1:].split("#")[0].strip().rstrip("_").lower()
                if re.fullmatch(r"[a-z]+", member):
                    synsets[label].append(member)
                else:
                    stats["synset members: multi-word or not a plain word (left out)"] += 1
            continue
        if line.startswith("---"):
            code = CODE.search(line)
            blocks.append(Block(line.strip("- \t").split()[0], code.group(1).strip() if code else "---", [], []))
        elif line.startswith("-"):
            body, _, comment = line[1:].partition("#")
            code = CODE.search(body)
            if code is None:
                stats["patterns without a code (left out)"] += 1
                continue
            blocks[-1].patterns.append((body[: code.start()].strip(), code.group(1).strip(), comment.strip()))
        elif blocks:
            verb = read_verb(line.split("#")[0], blocks[-1].code, stats, prep_words)
            if verb is not None:
                blocks[-1].verbs.append(verb)
    return synsets, blocks


def read_verb(text: str, block_code: str, stats: Counter, prep_words: set[str]) -> Verb | None:
    code = CODE.search(text)
    own = code.group(1).strip() if code else block_code
    braced = re.search(r"\{([^}]*)\}?", text)
    text = CODE.sub(" ", re.sub(r"\{[^}]*\}?", " ", text))
    words = text.split()
    if not words:
        return None
    form = words[0]
    if "-" in form:
        stats["verbs: hyphenated (left out)"] += 1
        return None
    prep = obj = ""
    if "_" in form:
        if not form.startswith("+"):
            stats["verbs: pre-compound such as RE_+ARREST (left out)"] += 1
            return None
        parts = form[1:].lower().split("_")
        if len(parts) != 2 or not all(parts):
            stats["verbs: compound of three or more words (left out)"] += 1
            return None
        lemma, extra = parts
        if extra in CONJUNCTIONS:
            stats["verbs: compound with a conjunction such as +ARREST_AND (left out)"] += 1
            return None
        if extra in prep_words or extra in PREPOSITIONS:  # "+CALL_OFF", "+ASK_FOR", "+SET_FREE"
            prep = extra
        else:
            obj = extra
    else:
        lemma = form.lstrip("+").lower()
    if not re.fullmatch(r"[a-z]+", lemma) or lemma in AUXILIARIES:
        stats["verbs: auxiliary or not a plain word (left out)"] += 1
        return None
    forms = {form.replace("+", "")} | {f.replace("+", "").strip(",") for f in (braced.group(1).split() if braced else ())}
    head, _, rest = form.replace("+", "").partition("_")
    stem = head[:-1] if head.endswith("E") else head
    forms |= {f"{w}{'_' if rest else ''}{rest}" for w in (head + "S", head + "ES", stem + "ED", stem + "ING", head[:-1] + "IES", head[:-1] + "IED")}
    return Verb(lemma, prep, obj, own, form, frozenset(forms))


# -- patterns ------------------------------------------------------------------------------------


def parse_side(text: str) -> list[tuple] | None:
    """Items of one side of a pattern: ("word", w), ("syn", label), ("phrase", words), ("prep", p, items),
    ("marker", m); None when the brackets do not balance."""
    tokens = TOKEN.findall(text)
    items: list[tuple] = []
    i = 0

    def phrase(i: int) -> tuple[tuple, int] | None:
        words = []
        i += 1
        while i < len(tokens) and tokens[i] != "}":
            words.append(tokens[i])
            i += 1
        return (("phrase", tuple(words)), i + 1) if i < len(tokens) else None

    while i < len(tokens):
        tok = tokens[i]
        if tok == "(":
            j, inner = i + 1, []
            while j < len(tokens) and tokens[j] != ")":
                if tokens[j] == "{":
                    found = phrase(j)
                    if found is None:
                        return None
                    inner.append(found[0])
                    j = found[1]
                else:
                    inner.append(_atom(tokens[j]))
                    j += 1
            if j >= len(tokens) or not inner or inner[0][0] != "word":
                return None
            items.append(("prep", inner[0][1], tuple(inner[1:])))
            i = j + 1
        elif tok == "{":
            found = phrase(i)
            if found is None:
                return None
            items.append(found[0])
            i = found[1]
        elif tok in {")", "}"}:
            return None
        else:
            items.append(_atom(tok))
            i += 1
    return items


def _atom(token: str) -> tuple:
    if token in ACTOR_MARKERS:
        return ("marker", token)
    if token.startswith("&"):
        return ("syn", token)
    return ("word", token)


def object_words(item: tuple, synsets: dict[str, list[str]]) -> list[str] | None:
    """Object lemmas a noun item stands for (plural forms get their singular added); None if not a plain noun."""
    if item[0] == "syn":
        members = synsets.get(item[1]) or synsets.get(item[1] + "_")
        return None if not members else _with_singulars(members)
    if item[0] == "word" and re.fullmatch(r"[A-Z]+", item[1]):
        return _with_singulars([item[1].lower()])
    return None


def _with_singulars(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        for form in (word, singular(word)):
            if form not in out:
                out.append(form)
    return out


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ws")) and len(word) > 3:
        return word[:-1]
    return word


def pattern_constraints(text: str, synsets: dict[str, list[str]], prep_words: set[str]) -> tuple[str, list[str]] | str:
    """(prep, object lemmas) a pattern requires, or the reason it is left out."""
    pre, star, post = text.partition("*")
    if not star:
        return "no verb position"
    if pre.strip():
        return "pre-verb words (subject or actor slot)"
    items = parse_side(post)
    if items is None:
        return "unbalanced brackets"
    if any(i[0] == "marker" for i in items) or any(
            x[0] == "marker" for i in items if i[0] == "prep" for x in i[2]):
        return "actor slot ($ + ^ %)"
    if any(i[0] == "phrase" for i in items) or any(x[0] == "phrase" for i in items if i[0] == "prep" for x in i[2]):
        return "braced phrase or multi-word noun"
    prep = ""
    if items and items[0][0] == "word" and items[0][1].lower() in prep_words and (
            len(items) == 1 or items[0][1].lower() in PARTICLES):
        prep = items[0][1].lower()
        items = items[1:]
    if not items:
        return (prep, []) if prep else "empty pattern"
    if len(items) > 1:
        return "two or more nouns or phrases"
    item = items[0]
    if item[0] == "prep":
        if prep:  # "- * OUT (OF TREATY)": the particle carries it, the noun is the object
            if len(item[2]) != 1:
                return "particle with a bare preposition"
        else:
            prep = item[1].lower()
        if not re.fullmatch(r"[a-z]+", prep):
            return "not a plain preposition"
        if len(item[2]) > 1:
            return "two or more nouns or phrases"
        if not item[2]:
            return (prep, [])
        item = item[2][0]
    if item[0] == "word" and re.fullmatch(r"[A-Z]+LY", item[1]) and not prep:
        return (item[1].lower(), [])  # "- * POSITIVELY": an adverb completing the verb
    words = object_words(item, synsets)
    if words is None:
        return "undefined synset, hyphenated or underscored noun" if item[0] in {"word", "syn"} else "unsupported item"
    return (prep, words)


def clean_code(raw: str, codes: set[str]) -> str | None:
    code = raw.replace("!", "").split(":")[0].strip()
    return code if code in codes else None


# -- conversion ----------------------------------------------------------------------------------


def convert(upstream: Path, stats: Counter, by_name: bool = True) -> list[Row]:
    """Rows in lemma order (upstream order within a lemma); ``by_name``: patterns go to the verb their
    comment names, else to the whole block."""
    codes = {row["code"] for row in read_table(DATA / "cameo_codes.csv")}
    prep_words = {row["prep"] for row in read_table(DATA / "cameo_lexicon.csv") if row["prep"]} | PARTICLES
    synsets, blocks = read_dictionary(upstream / VERB_FILE, stats, prep_words)
    seen_verbs: set[tuple[str, str, str]] = set()
    found: dict[tuple[str, str, str], tuple[str, str, int]] = {}  # (lemma, prep, object) -> (code, note, order)
    order = 0

    def add(lemma: str, prep: str, objects: list[str], code: str, note: str) -> None:
        nonlocal order
        for obj in objects or [""]:
            key = (lemma, prep, obj)
            if key in found:
                stats["rows replaced by a later pattern for the same key"] += 1
            found[key] = (code, note, order)
        order += 1

    for block in blocks:
        stats["blocks"] += 1
        members = []
        for verb in block.verbs:
            key = (verb.lemma, verb.prep, verb.obj)
            if key in seen_verbs:
                stats["verbs: listed again in a later block (first block wins)"] += 1
                continue
            seen_verbs.add(key)
            members.append(verb)
            stats["verbs converted"] += 1
            code = clean_code(verb.code, codes) if verb.code != "---" else None
            if code is not None:
                add(verb.lemma, verb.prep, [verb.obj] if verb.obj else [], code, f"{block.name}: verb {verb.form}")
        simple = {verb.lemma for verb in members if not verb.prep and not verb.obj}
        for text, raw_code, comment in block.patterns:
            stats["patterns"] += 1
            if raw_code.replace("!", "").split(":")[0].strip() in {"", "---"}:
                stats["patterns left out: code --- or :CODE (no event from source to target)"] += 1
                continue
            code = clean_code(raw_code, codes)
            if code is None:
                stats["patterns left out: code not in cameo_codes.csv"] += 1
                continue
            result = pattern_constraints(text, synsets, prep_words)
            if isinstance(result, str):
                stats[f"patterns left out: {result}"] += 1
                continue
            prep, objects = result
            found_with = comment.split()[0].strip(",") if comment.split() and comment.split()[0].isupper() else ""
            named = [verb for verb in members if found_with in verb.forms] if by_name else []
            note = f"{block.name}: * {' '.join(text.partition('*')[2].split())}" + (f" (found with {found_with})" if found_with else "")
            applied = 0
            for verb in named or members:
                if verb.obj or (verb.prep and prep):
                    continue  # "+TAKE_LEAVE" or "+CALL_OFF" with a pattern preposition: two preps
                if not named and verb.prep and verb.lemma in simple:
                    continue  # "+ASK_FOR" beside "ASK": the simple verb's row already matches "ask for help"
                add(verb.lemma, verb.prep or prep, objects, code, note)
                applied += 1
            if applied:
                stats["patterns converted: to the verb their comment names" if named else "patterns converted: to the whole block"] += 1
            else:
                stats["patterns left out: no verb of the block can take them"] += 1
    grouped: dict[tuple[str, str, str, str], list[str]] = {}
    first: dict[tuple[str, str, str, str], int] = {}
    for (lemma, prep, obj), (code, note, seq) in found.items():
        key = (lemma, prep, code, note)
        grouped.setdefault(key, [])
        if obj:
            grouped[key].append(obj)
        first[key] = min(first.get(key, seq), seq)
    rows = [Row(lemma, prep, tuple(objs), code, note) for (lemma, prep, code, note), objs in grouped.items()]
    rows.sort(key=lambda r: (r.lemma, first[(r.lemma, r.prep, r.code, r.note)]))
    return rows


def read_table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


# -- writing -------------------------------------------------------------------------------------


HEADER = """\
petrarch_verbs.csv - frenemy event lexicon, lower-priority source: verb triggers converted from the PETRARCH-2
CAMEO verb dictionary. Same columns and matching rules as cameo_lexicon.csv (see its header); only VERB rows.
Loaded after cameo_lexicon.csv, which wins: an upstream row is used only for a (lemma, pos, prep, object) key
our lexicon lacks (ontology/cameo.py says which keys the shipped merge takes).
GENERATED by scripts/convert_petrarch_verbs.py - do not edit by hand; fix the converter or our own lexicon and rerun:
  python scripts/convert_petrarch_verbs.py --upstream ../shared/upstream/petrarch2
Provenance: CAMEO.2.0.txt of PETRARCH-2 (github.com/openeventdata/petrarch2, petrarch2/data/dictionaries), commit
  {commit}. Upstream verb blocks, verb codes and patterns restated as rows; the note column
  names the upstream block and pattern (and the verb the pattern was first written for, from upstream's comment).
Columns: lemma (the upstream base form, lower-cased), pos (always VERB), prep (a particle or preposition from a
  compound verb such as "+CALL_OFF" or from the pattern), object ("|"-separated object heads; plurals also in the
  singular), code (CAMEO code string, leading zeros kept), note (upstream block: pattern).
Conversion: a pattern goes to the verb its upstream comment names (else to every verb of its block); kept are verb
  codes and patterns made of a noun, a noun synset, a particle, a prepositional phrase with at most one noun, or a
  particle with one of those.
  Left out: pre-verb (subject) words, actor slots, braced multi-word phrases, "---" and target-to-source codes,
  pre-compound and hyphenated verbs, and the verb-verb transformations. Paired codes A:B keep A.
  Counts of this run:
{counts}
Upstream licence (MIT), reproduced as it requires: the notice CAMEO.2.0.txt carries, below; the repository's LICENSE
  grants the same terms under "{repo_copyright}".
{license}"""


def mit_notice(dictionary: Path) -> str:
    """The MIT notice in the dictionary's own comment header, from "The MIT License" to its last line."""
    lines = [line[1:].strip() for line in dictionary.read_text(encoding="utf-8", errors="replace").splitlines()
             if line.startswith("#")]
    start = next(i for i, line in enumerate(lines) if line.startswith("The MIT License"))
    end = next(i for i, line in enumerate(lines) if i > start and "DEALINGS IN THE SOFTWARE" in line)
    return "\n".join(lines[start:end + 1])


def render(rows: list[Row], stats: Counter, commit: str, license_text: str, repo_copyright: str) -> str:
    counts = "\n".join(f"    {name}: {stats[name]}" for name in sorted(stats))
    lic = "\n".join(f"  {line}".rstrip() for line in license_text.strip().splitlines())
    header = HEADER.format(commit=commit, counts=counts, license=lic, repo_copyright=repo_copyright)
    out = io.StringIO()
    for line in header.splitlines():
        out.write(f"# {line}".rstrip() + "\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow((row.lemma, "VERB", row.prep, "|".join(row.objects), row.code, row.note))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", type=Path, default=ROOT.parent / "shared" / "upstream" / "petrarch2")
    parser.add_argument("--out", type=Path, default=DATA / "petrarch_verbs.csv")
    parser.add_argument("--patterns", choices=("named", "block"), default="named",
                        help="give a pattern to the verb its comment names (default), or to every verb of its block")
    args = parser.parse_args(argv)
    stats: Counter = Counter()
    rows = convert(args.upstream, stats, by_name=args.patterns == "named")
    stats["rows written"] = len(rows)
    stats["lemmas written"] = len({r.lemma for r in rows})
    commit = (args.upstream / "COMMIT").read_text(encoding="utf-8").strip()
    repo_license = (args.upstream / "LICENSE").read_text(encoding="utf-8")
    repo_copyright = next(line.strip() for line in repo_license.splitlines() if line.startswith("Copyright"))
    notice = mit_notice(args.upstream / VERB_FILE)
    args.out.write_text(render(rows, stats, commit, notice, repo_copyright), encoding="utf-8")
    print(f"wrote {len(rows)} rows ({stats['lemmas written']} lemmas) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
