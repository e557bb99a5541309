"""Build `src/newsledger/analyze/data/event_lexicon.jsonl`: verbs and phrases → PLOVER categories.

Usage: python scripts/build_event_lexicon.py [--dictionaries DIR] [--plover DIR]

Also `make build-event-lexicon`.

DIR defaults to ../shared/data/petrarch2-dictionaries and ../shared/data/plover next to the
repository. Inputs:

- `CAMEO.2.0.txt`, PETRARCH2's verb dictionary: synonym sets (`&WEAPON`), then verb blocks
  (`--- NAME [code] ---`, the verbs with optional own codes, then `- * OBJECT [code] # VERB`
  patterns). A verb alone gets its own code, else its block's. A pattern becomes a row with the
  verb's particle, preposition and object noun, and the word, synset or compound before the
  verb as its subject ("- SOLDIER * [0874] # SURRENDER": soldiers surrendering retreat, where a
  bare surrender concedes); a pattern with more words before the verb ("- ABRUPTLY HALTED *")
  cannot be expressed by such a row and is left out. A pattern whose comment names one of the
  block's verbs is that verb's own (a form the verb line lists counts: FIND {FINDS FOUND}); one
  whose comment names a verb of another block came from there and is that verb's ("- * VISIT
  [042] # CONCLUDE" under CANCEL: suspending a visit makes none, where PETRARCH2 gives it to
  every verb of the block); otherwise it applies to every single-word verb of the block, as
  PETRARCH2 applies it.
- `CAMEO2PLOVER-2021.txt`: CAMEO code → PLOVER category, by the longest listed prefix of the
  code. CAMEO's 01 (public statements) and the null code `---` give no category: those rows
  mark verbs known not to be events ("say"). CAMEO's 02 (appeals) is absent from that table but
  is PLOVER's REQUEST by the manual's definition ("All requests, demands, and orders"), so it
  maps there.
- `event_lexicon_curated.jsonl` (hand-written from the PLOVER manual, see its `note` fields):
  merged last, a curated row replaces any dictionary row of the same shape. It also holds the
  nominal events ("expulsion", "clash") that the verb dictionary has no room for.

- `Phoenix.agents.txt`, PETRARCH2's agent dictionary: its one-word agents ("rebel", "police",
  "minister") become `event_agents.txt`, the nouns that make a participant an actor when it
  names no entity.

Where the dictionary gives one shape several codes, a pattern with nothing beyond the captured
words beats one with extra words (a braced compound's words before its head are extra:
"{DEFIANT STATEMENT}" is no plain "STATEMENT"), then the most frequent category wins, then a
category beats none, then the earliest. Rows the lookup would answer the same way without them
are dropped, except the patterns of verbs that are no event by themselves (`non_event_verbs`
in `event_cues.json`: "take", "make"), which count only through a pattern, so that "took
control" keeps its row though the bare "take" has the same code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.analyze.events_lexicon import LexiconRow

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "newsledger" / "analyze" / "data"
OUTPUT = DATA / "event_lexicon.jsonl"
AGENTS_OUTPUT = DATA / "event_agents.txt"
CURATED = DATA / "event_lexicon_curated.jsonl"
CUES = DATA / "event_cues.json"
DEFAULT_DICTIONARIES = REPO.parent / "shared" / "data" / "petrarch2-dictionaries"
DEFAULT_PLOVER = REPO.parent / "shared" / "data" / "plover"
SOURCE = "CAMEO.2.0"

# Words after the verb that are its particle ("carry OUT") rather than a preposition.
PARTICLES = frozenset(
    {
        "up",
        "down",
        "out",
        "off",
        "away",
        "back",
        "forward",
        "aside",
        "apart",
        "together",
    }
)
PREPOSITIONS = frozenset(
    {
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "among",
        "around",
        "as",
        "at",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "between",
        "beyond",
        "by",
        "despite",
        "during",
        "for",
        "from",
        "in",
        "inside",
        "into",
        "near",
        "of",
        "on",
        "onto",
        "outside",
        "over",
        "through",
        "throughout",
        "to",
        "toward",
        "towards",
        "under",
        "until",
        "upon",
        "with",
        "within",
        "without",
    }
)
# Words that are a particle when they end a verb line, though a preposition after the verb in a
# pattern: CAMEO's "+GIVE_IN", "+STEP_IN", "+LISTEN_IN", "+LOCK_IN" and "+TIE_IN" are all phrasal
# verbs, and read as "give" + preposition "in" they made "given refuge in Iran" a concession.
LINE_END_PARTICLES = frozenset({"in"})
SKIPPED_WORDS = frozenset({"a", "an", "the"})
MARKERS = frozenset({"$", "+", "^", "%", "|"})
# CAMEO cue categories that PLOVER has no category for, and the one the 2021 table leaves out.
DROPPED_PREFIXES = ("01",)
APPEAL_PREFIX, APPEAL_CATEGORY = "02", "REQUEST"

# Four headers run their code into the closing dashes ("---  DELAY   [120]---  ---").
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]-*\s+---")
_VERB = re.compile(r"^(\+?)([A-Z][A-Z_'\-]*)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?")
_PATTERN = re.compile(r"^-\s*(.*?)\s*\[([^\]]*)\]\s*(?:#\s*(.*))?$")
_ITEM = re.compile(r"\([^)]*\)|\{[^}]*\}|\S+")
_PLOVER_LINE = re.compile(r"^(\d+):\s*([A-Z]+)")


@dataclass
class Candidate:
    category: str | None
    cameo: str | None
    exact: bool
    order: int


@dataclass
class Block:
    name: str
    code: str
    verbs: dict[str, str | None] = field(default_factory=dict)  # verb line → own code
    # verb line → the forms it lists ("FIND {FINDS FOUND FINDING}"), irregular ones among them
    listed_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: list[tuple[str, str, str]] = field(default_factory=list)  # items, code, comment


def singular(word: str) -> str:
    """The lemma spaCy gives a plural noun, for the common regular cases."""
    word = word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def verb_forms(base: str) -> set[str]:
    """Regular inflections of an upper-case verb, to read the verb a pattern comment names."""
    stem = base[:-1] if base.endswith("E") else base
    forms = {base, base + "S", base + "ES", base + "ED", base + "D", stem + "ING", stem + "ED"}
    if base.endswith("Y"):
        forms |= {base[:-1] + "IES", base[:-1] + "IED"}
    if len(base) > 2 and base[-1] not in "AEIOUWY" and base[-2] in "AEIOU":
        forms |= {base + base[-1] + "ED", base + base[-1] + "ING"}
    return forms


def read_plover_table(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PLOVER_LINE.match(line.strip())
        if match:
            table.setdefault(match.group(1), match.group(2))
    return table


def plover_category(code: str, table: dict[str, str]) -> str | None:
    """PLOVER category of a CAMEO code ("042:043" and ":173" read as their first code)."""
    code = next((part for part in code.split(":") if part.strip()), "").strip()
    if not code.isdigit() or code.startswith(DROPPED_PREFIXES):
        return None
    if code.startswith(APPEAL_PREFIX):
        return APPEAL_CATEGORY
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def read_cameo(path: Path) -> tuple[dict[str, list[str]], list[Block]]:
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current_synset: list[str] | None = None
    in_verbs = False
    for raw in path.read_text(encoding="latin-1").splitlines():
        if "VERB PATTERNS" in raw:
            in_verbs = True
            continue
        if raw.startswith("#"):
            continue
        line = raw.rstrip() if raw.startswith("-") else raw.split("#", 1)[0].rstrip()
        if not line.strip():
            current_synset = None
            continue
        if line.startswith("&"):
            current_synset = synsets.setdefault(line.split()[0], [])
            continue
        if current_synset is not None and line.startswith("+"):
            current_synset.append(line[1:].strip().rstrip("_"))
            continue
        if not in_verbs:
            continue
        block = _BLOCK.match(line)
        if block:
            blocks.append(Block(block.group(1), block.group(2)))
            continue
        if not blocks:
            continue
        if line.startswith("-"):
            pattern = _PATTERN.match(line)
            if pattern:
                items, code, comment = pattern.groups()
                blocks[-1].patterns.append((items, code, comment or ""))
            continue
        verb = _VERB.match(line.strip())
        if verb:
            plus, name, listed, code = verb.groups()
            blocks[-1].verbs[plus + name] = code
            blocks[-1].listed_forms[plus + name] = tuple(
                form.lstrip("+") for form in (listed or "").split()
            )
    return synsets, blocks


def verb_shape(name: str) -> tuple[str, str | None, str | None, str | None] | None:
    """(lemma, particle, preposition, object) of a verb line, or None when it has no such shape.

    "+CARRY_OUT" is carry + particle out, "+ASK_FOR" ask + preposition for, "+WAGE_WAR" wage +
    object war; inflected or longer phrases ("+KILLED_AND", "+GET_HOLD_OF") are left out.
    """
    words = name.lstrip("+").lower().split("_")
    if len(words) == 1:
        return words[0], None, None, None
    if len(words) != 2 or words[0].endswith(("ed", "ing")) or words[0] in ("is", "are", "be"):
        return None
    first, second = words
    if second in PARTICLES or second in LINE_END_PARTICLES:
        return first, second, None, None
    if second in PREPOSITIONS:
        return first, None, second, None
    if second in SKIPPED_WORDS or second in ("and", "or"):
        return None
    return first, None, None, singular(second)


def heads(item: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """The object lemmas an item stands for: a word, a synset's members, a compound's head."""
    if item.startswith("{"):
        words = item.strip("{}").split()
        return heads(words[-1], synsets) if words else None
    if item.startswith("&"):
        members = synsets.get(item)
        if members is None:
            return None
        return sorted({singular(member.replace("_", " ").split()[-1]) for member in members})
    word = item.strip("_").lower()
    if not re.fullmatch(r"[a-z][a-z'\-]*", word):
        return None
    return [singular(word)]


def _compound(item: str) -> bool:
    """A braced phrase of several words ("{DEFIANT STATEMENT}"): its head alone matches more
    than the pattern says, as a pattern with extra words does."""
    return item.startswith("{") and len(item.strip("{}").split()) > 1


def pattern_shapes(
    items: str, synsets: dict[str, list[str]]
) -> tuple[list[tuple[str | None, str | None, str | None, str | None]], bool] | None:
    """(particle, preposition, object, subject) choices of a pattern's words, and whether the
    pattern has nothing beyond them; None when it cannot be expressed. One word, synset or
    compound before the verb is its subject ("- SOLDIER * [0874]")."""
    tokens = _ITEM.findall(items)
    star = next((i for i, token in enumerate(tokens) if token in ("*", "**")), None)
    if star is None:
        return None
    before = [token for token in tokens[:star] if token not in MARKERS]
    if len(before) > 1:
        return None
    subjects: list[str | None] = [None]
    extra = False
    if before:
        found = heads(before[0], synsets)
        if found is None:
            return None
        subjects = list(found)
        extra = _compound(before[0])
    particle: str | None = None
    prepositions: list[str] = []
    objects: list[str] | None = None
    for token in tokens[star + 1 :]:
        if token in MARKERS or token.lower() in SKIPPED_WORDS:
            continue
        if token.startswith("("):
            inner = _ITEM.findall(token[1:-1])
            if not inner or prepositions or objects is not None:
                extra = True
                continue
            head_word = inner[0].lower()
            rest = [word for word in inner[1:] if word.lower() not in SKIPPED_WORDS]
            if head_word in PARTICLES and particle is None:
                particle = head_word
            elif all(part in PREPOSITIONS for part in head_word.split("/")):
                prepositions = head_word.split("/")
            else:
                return None
            if rest:
                objects = heads(rest[0], synsets)
                if objects is None:
                    return None
                extra = extra or len(rest) > 1 or _compound(rest[0])
            continue
        word = token.lower()
        if particle is None and objects is None and not prepositions and word in PARTICLES:
            particle = word
        elif objects is None and not prepositions and word in PREPOSITIONS:
            prepositions = [word]
        elif objects is None:
            objects = heads(token, synsets)
            if objects is None:
                return None
            extra = extra or _compound(token)
        else:
            extra = True
    shapes = [
        (particle, preposition, obj, subject)
        for preposition in (prepositions or [None])
        for obj in (objects or [None])
        for subject in subjects
    ]
    return shapes, not extra


def dictionary_rows(
    synsets: dict[str, list[str]], blocks: list[Block], table: dict[str, str]
) -> Iterator[tuple[tuple[str, str | None, str | None, str | None, str | None], Candidate]]:
    """((lemma, particle, preposition, object, subject), candidate) for every verb and
    pattern shape of the dictionary."""
    order = 0
    everywhere: dict[str, str] = {}
    for block in blocks:
        for name in block.verbs:
            shape = verb_shape(name)
            if shape is not None and shape[1:] == (None, None, None):
                for form in (*verb_forms(name.lstrip("+")), *block.listed_forms.get(name, ())):
                    everywhere.setdefault(form, shape[0])
    for block in blocks:
        forms: dict[str, str] = {}
        single: list[str] = []
        for name, own in block.verbs.items():
            shape = verb_shape(name)
            if shape is None:
                continue
            code = own if own and own.strip() else block.code
            order += 1
            yield (
                (*shape, None),
                Candidate(plover_category(code, table), _cameo(code), own is not None, order),
            )
            if shape[1:] == (None, None, None):
                single.append(shape[0])
                for form in (*verb_forms(name.lstrip("+")), *block.listed_forms.get(name, ())):
                    forms.setdefault(form, shape[0])
        for items, code, comment in block.patterns:
            parsed = pattern_shapes(items, synsets)
            if parsed is None:
                continue
            shapes, exact = parsed
            named = comment.replace(",", " ").split()[:1]
            word = named[0].split("_")[0] if named else ""
            # A comment naming a verb of another block says where the pattern came from
            # ("- * VISIT [042] # CONCLUDE" under CANCEL): that verb's, not "suspended a visit".
            owner = forms.get(word) or everywhere.get(word)
            for lemma in [owner] if owner else single:
                for particle, preposition, obj, subject in shapes:
                    order += 1
                    yield (
                        (lemma, particle, preposition, obj, subject),
                        Candidate(plover_category(code, table), _cameo(code), exact, order),
                    )


def _cameo(code: str) -> str | None:
    code = next((part for part in code.split(":") if part.strip()), "").strip()
    return code if code.isdigit() else None


def choose(candidates: list[Candidate]) -> Candidate:
    exact = [c for c in candidates if c.exact] or candidates
    votes = Counter(c.category for c in exact)
    best = max(votes.values())
    # On a tie a code beats the null code: a verb listed in an uncoded block and a coded one
    # ("abandon") is an event.
    return min(
        (c for c in exact if votes[c.category] == best),
        key=lambda c: (c.category is None, c.order),
    )


def build(dictionaries: Path, plover: Path, curated: Path) -> list[LexiconRow]:
    table = read_plover_table(plover / "CAMEO2PLOVER-2021.txt")
    synsets, blocks = read_cameo(dictionaries / "CAMEO.2.0.txt")
    grouped: dict[tuple[str, str | None, str | None, str | None, str | None], list[Candidate]] = {}
    for key, candidate in dictionary_rows(synsets, blocks, table):
        grouped.setdefault(key, []).append(candidate)
    rows: dict[tuple[str, str, str | None, str | None, str | None, str | None], LexiconRow] = {}
    for (lemma, particle, preposition, obj, subject), candidates in grouped.items():
        chosen = choose(candidates)
        row = LexiconRow.model_validate(
            {
                "lemma": lemma,
                "particle": particle,
                "preposition": preposition,
                "object": obj,
                "subject": subject,
                "category": chosen.category,
                "cameo": chosen.cameo,
                "source": SOURCE,
            }
        )
        rows[_key(row)] = row
    for row in read_curated(curated):
        rows[_key(row)] = row
    patterns_only = frozenset(json.loads(CUES.read_text(encoding="utf-8"))["non_event_verbs"])
    kept = prune(list(rows.values()), patterns_only)
    return sorted(kept, key=lambda row: tuple(part or "" for part in _key(row)))


def prune(rows: list[LexiconRow], patterns_only: frozenset[str]) -> list[LexiconRow]:
    """Without the dictionary rows that the lookup would answer the same way without them.

    A row is redundant when the most specific other row whose parts it includes ("attack"
    for "attack soldiers") gives the same category; most expanded synset patterns are. The
    bare row of a verb in `patterns_only` answers no category (the analyser drops it), so
    only its uncoded patterns are redundant.
    """
    by_lemma: dict[tuple[str, str], list[LexiconRow]] = {}
    for row in rows:
        by_lemma.setdefault((row.pos, row.lemma), []).append(row)
    kept = []
    for row in rows:
        if row.source == "curated" or row.parts == 0:
            kept.append(row)
            continue
        fallbacks = [
            other
            for other in by_lemma[(row.pos, row.lemma)]
            if other is not row and other.parts < row.parts and _within(other, row)
        ]
        fallback = min(fallbacks, key=_rank, default=None)
        if fallback is None:
            kept.append(row)
            continue
        dropped = fallback.parts == 0 and fallback.lemma in patterns_only
        if (None if dropped else fallback.category) != row.category:
            kept.append(row)
    return kept


def _within(general: LexiconRow, specific: LexiconRow) -> bool:
    """Whether every part `general` names is also named, the same, by `specific`."""
    pairs = (
        (general.particle, specific.particle),
        (general.preposition, specific.preposition),
        (general.object, specific.object),
        (general.subject, specific.subject),
    )
    if general.object is not None and general.preposition != specific.preposition:
        return False
    return all(mine is None or mine == theirs for mine, theirs in pairs)


def _rank(row: LexiconRow) -> tuple[int, int]:
    return (-row.parts, 0 if row.source == "curated" else 1)


def read_curated(path: Path) -> Iterable[LexiconRow]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                yield LexiconRow.model_validate({**json.loads(line), "source": "curated"})
            except ValueError as exc:
                raise SystemExit(f"{path}:{number}: {exc}") from exc


def _key(row: LexiconRow) -> tuple[str, str, str | None, str | None, str | None, str | None]:
    return (row.pos, row.lemma, row.particle, row.preposition, row.object, row.subject)


def read_agents(path: Path) -> list[str]:
    """The one-word agent nouns of a PETRARCH agents file, singular and lower case."""
    substitutions: dict[str, list[str]] = {}
    agents: set[str] = set()
    for line in path.read_text(encoding="latin-1").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("!") and "=" in line:
            name, _, values = line.partition("=")
            substitutions[name.strip()] = [v.strip().lower() for v in values.split(",")]
            continue
        phrase = re.split(r"[\[{]", line, maxsplit=1)[0].strip().rstrip("_")
        if not phrase or "_" in phrase or " " in phrase:
            continue
        marker = re.search(r"!\w+!", phrase)
        if marker:
            stem = phrase.replace(marker.group(0), "").lower()
            agents.update(
                singular(stem + value) for value in substitutions.get(marker.group(0), [])
            )
        elif re.fullmatch(r"[A-Z][A-Z'\-]*", phrase):
            agents.add(singular(phrase))
    return sorted(agents)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionaries", type=Path, default=DEFAULT_DICTIONARIES)
    parser.add_argument("--plover", type=Path, default=DEFAULT_PLOVER)
    args = parser.parse_args(argv)
    needed = [
        args.dictionaries / "CAMEO.2.0.txt",
        args.dictionaries / "Phoenix.agents.txt",
        args.plover / "CAMEO2PLOVER-2021.txt",
    ]
    missing = [str(path) for path in needed if not path.is_file()]
    if missing:
        print(f"build_event_lexicon: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    rows = build(args.dictionaries, args.plover, CURATED)
    with OUTPUT.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(row.model_dump_json(exclude_defaults=True) + "\n")
    agents = read_agents(args.dictionaries / "Phoenix.agents.txt")
    AGENTS_OUTPUT.write_text("".join(f"{agent}\n" for agent in agents), encoding="utf-8")
    print(f"wrote {len(agents)} agent nouns to {AGENTS_OUTPUT.relative_to(REPO)}")
    sources = Counter(row.source for row in rows)
    categorised = sum(row.category is not None for row in rows)
    print(
        f"wrote {len(rows)} rows to {OUTPUT.relative_to(REPO)} "
        f"({', '.join(f'{n} {s}' for s, n in sources.items())}; {categorised} with a category)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
