"""Build `src/newsledger/analyze/data/aliases.jsonl` from the PETRARCH2 Phoenix actor dictionaries.

Usage: python scripts/build_alias_table.py [DICTIONARY_DIR]

DICTIONARY_DIR defaults to ../shared/data/petrarch2-dictionaries next to the repository. The
dictionaries are TABARI actor files: a head name, `+` spelling variants, and bracketed CAMEO codes,
some with date ranges (`[IRQGOV 20060520-...]`). What we keep and why:

- Countries, international organisations and non-state armed groups, the actors news is about.
- Person entries are dropped: they are role-holders with dated codes (over 17,000 of them), they
  would bloat the table tenfold, and spaCy's NER finds person names without help.
- Phoenix lists a country's cities and provinces as spellings of the country (BAGHDAD under IRAQ)
  because it codes events, not mentions; for mentions that would merge the city with the country,
  so a country keeps only the variants that look like its name, adjective or initials.
- A "Government of X" row per country (CAMEO code X+GOV), so that "the Iraqi government" has a
  canonical actor that is not the country itself.

`aliases_curated.jsonl` (hand-written) is merged last: its rows win on name and type, add aliases
and `metonyms` (capitals that stand for a government when they act: "Baghdad said").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.analyze.aliases import distinct_names, name_words, normalise

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "newsledger" / "analyze" / "data"
DEFAULT_DICTIONARIES = REPO.parent / "shared" / "data" / "petrarch2-dictionaries"


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FILES = {
    "Phoenix.Countries.actors.txt": "countries",
    "Phoenix.International.actors.txt": "international",
    "Phoenix.MilNonState.actors.txt": "nonstate",
}

# Function words kept lower case inside proper-cased names ("Mujahedin-e-Khalq", "Bank of Korea").
PARTICLES = words(
    """a al an and as at bin by da das de del der des di do dos du e el et for fur i ibn in la
    le les of on or per pour the to und van von y ul ud"""
)
# A name that contains one of these is an organisation, not a person, even when undated.
ORG_WORDS = words(
    """academy action agency alliance army assembly association authority bank brigade brigades
    bureau campaign caucus center centre chamber church coalition command commission
    committee community company conference congress corporation corps council court
    department development division federation force forces foundation front fund group
    guard guards human institute international islamic league liberation mission movement
    network office organisation organization parliament partnership party programme program
    project red relief republic rights secretariat service society solidarity tribunal trust
    union unit university watch"""
)
# A name with one of these words is a role ("UN envoy", "UN secretary general"), not an actor.
ROLE_WORDS = words(
    """ambassador chairman chief commander contingent delegate director envoy head leader
    minister ministers monitor monitors official officials peacekeeper peacekeepers
    president rapporteur representative resident secretary spokesman spokeswoman"""
)
# Words that make a longer official name of the same state ("Islamic Republic of Iran").
STATE_WORDS = words(
    """republic state states kingdom federation federal commonwealth union principality
    sultanate emirate emirates duchy islamic democratic peoples socialist"""
)
# Countries whose names end in -s but take no article.
NO_THE_PLURALS = frozenset(
    {"Barbados", "Belarus", "Cyprus", "Honduras", "Laos", "Mauritius", "Saint Kitts and Nevis"}
    | {"Saint Vincent and the Grenadines", "Wallis and Futuna", "Saint Pierre and Miquelon"}
)
# Generic words that Phoenix uses as one-word names of particular actors (a company called
# Lightning, a rebel group called the Tigers); as aliases they would match ordinary prose.
GENERIC_WORDS = words(
    """avengers cornerstone country falcon foundation lightning mavericks olive organization
    tigers youth"""
)
DEMONYM_SUFFIXES = ("i", "is", "ian", "ians", "an", "ans", "ese", "ish", "er", "ers", "n", "ns")


@dataclass
class RawEntry:
    head: str
    variants: list[str] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, date restriction)
    comment: str = ""


def norm(text: str) -> str:
    """The lookup key of a Phoenix name: the runtime's own `normalise`, so merges agree with it."""
    return normalise(text.replace("_", " "))


def words_of(text: str) -> list[str]:
    return name_words(text.replace("_", " "))


def parse_actor_file(path: Path) -> list[RawEntry]:
    entries: list[RawEntry] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body, _, comment = raw.partition("#")
        codes = re.findall(r"\[([^\]]*)\]", body)
        name = re.sub(r"\[[^\]]*\]", "", body).strip()
        if raw[0] in " \t" or not name:
            if entries:
                entries[-1].codes.extend(_code(c) for c in codes)
            continue
        if name.startswith("+"):
            if entries:
                entries[-1].variants.extend(v for v in name.split("+") if v.strip("_ "))
            continue
        entries.append(RawEntry(head=name, codes=[_code(c) for c in codes], comment=comment))
    return entries


def _code(text: str) -> tuple[str, str]:
    code, _, dates = text.strip().partition(" ")
    return code, dates.strip()


def main_code(entry: RawEntry) -> str | None:
    """The code in force now: an undated or open-ended one, else the last listed."""
    codes = [(c, d) for c, d in entry.codes if re.fullmatch(r"[A-Z]{3,}", c)]
    current = [c for c, d in codes if not d or d.startswith(">")]
    if current:
        return current[-1]
    return codes[-1][0] if codes else None


def split_parenthetical(name: str) -> tuple[str, list[str]]:
    """`ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_` -> ("ADEN_ABYAN_ISLAMIC_ARMY", ["AAIA"])."""
    inner = [i.replace("_", "").strip() for i in re.findall(r"\(([^)]*)\)", name)]
    base = re.sub(r"\([^)]*\)", " ", name).replace("_", " ")
    return " ".join(base.split()), [i for i in inner if re.fullmatch(r"[A-Z.&-]{2,8}", i)]


def proper_case(name: str, acronyms: frozenset[str]) -> str:
    """MUJAHEDIN-E-KHALQ ORGANIZATION -> Mujahedin-e-Khalq Organization; acronyms stay upper."""
    words = name.split()
    out = []
    for i, word in enumerate(words):
        parts = word.split("-")
        cased = [
            _case_word(part, first=(i == 0 and j == 0), acronyms=acronyms)
            for j, part in enumerate(parts)
        ]
        out.append("-".join(cased))
    return " ".join(out)


def _case_word(word: str, *, first: bool, acronyms: frozenset[str]) -> str:
    bare = word.strip(".'’,")
    if not bare:
        return word
    if "." in word or word in acronyms or (re.fullmatch(r"[IVX]+", word) and len(word) > 1):
        return word.upper()
    lower = word.lower()
    if lower in PARTICLES and not first:
        return lower
    if lower.startswith(("al'", "al’")):
        return lower[:3] + lower[3:].capitalize()
    return "'".join(p[:1].upper() + p[1:] for p in lower.split("'")).replace("'S", "'s")


def is_person(entry: RawEntry, file_kind: str) -> bool:
    if "countryinfo" in entry.comment.lower() or "rulers" in entry.comment.lower():
        return True
    codes = [c for c, _ in entry.codes]
    if any(c in ("ELI", "---") for c in codes):
        return True
    # A dated role code (IRQGOV 20060520-...) marks an office-holder; a country's own code may be
    # dated too (IRQ >20060520), and that is not a person.
    if any(d and len(c) > 3 for c, d in entry.codes) and not any(len(c) == 3 for c in codes):
        return True
    if file_kind != "international":
        return False
    # Undated UN staff and the like: two to four plain words with nothing organisation-like.
    base, acr = split_parenthetical(entry.head)
    words = base.lower().split()
    return not acr and 2 <= len(words) <= 4 and not ORG_WORDS.intersection(words)


def is_role(name: str) -> bool:
    return not ROLE_WORDS.isdisjoint(name.lower().replace("-", " ").split())


def country_variant_kept(variant: str, head: str) -> bool:
    """Whether a Phoenix country variant names the country rather than one of its places.

    Kept: the head with state words added (Islamic Republic of Iran), a word-prefix of a longer head
    (United States), the initials (US, U.K.), and demonyms formed from the head word (Iraqi,
    Israelis, Afghan, German, Russia from Russian Federation). Cities, regions, foreign-language
    names and most misspellings fail every test; curated rows add the irregular adjectives (French).
    """
    v, h = words_of(variant), words_of(head)
    if not v or not h:
        return False
    letters = re.sub(r"[^A-Za-z]", "", variant)
    if " " not in variant.strip() and letters.isupper() and 2 <= len(letters) <= 4:
        initials = "".join(w[0] for w in h if w not in PARTICLES)
        return initials.startswith(letters.lower())
    if set(h) < set(v):
        return not STATE_WORDS.isdisjoint(set(v) - set(h))
    if len(v) >= 2:
        return h[: len(v)] == v
    word, first = v[0], h[0]
    if len(word) < 4:
        return False
    for cut in (0, 1, 2):
        stem = first[: len(first) - cut]
        if word.startswith(stem) and word[len(stem) :] in (*DEMONYM_SUFFIXES, ""):
            return True
    if first.startswith(word) and first[len(word) :] in DEMONYM_SUFFIXES:
        return True
    return first.endswith("stan") and word in (first[:-4], first[:-5])


@dataclass
class Row:
    name: str
    type: str
    aliases: list[str]
    code: str | None
    source: str
    metonyms: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        row: dict[str, object] = {
            "name": self.name,
            "type": self.type,
            "aliases": self.aliases,
            "code": self.code,
            "source": self.source,
        }
        if self.metonyms:
            row["metonyms"] = self.metonyms
        return row


def find_acronyms(entries: list[tuple[RawEntry, str]], generic: frozenset[str]) -> frozenset[str]:
    """Words to keep upper case: bracketed ones and short one-word organisation names.

    Up to four letters is an acronym (UN, CIA, NATO); in a longer one at most a quarter of the
    letters are vowels (UNHCR), because Phoenix writes company and group names in capitals too
    (BOEING, TALIBAN, CHEVRON, MOSSAD). Curated rows fix the vowel-rich acronyms that matter
    (UNESCO, UNICEF, ASEAN).
    """
    candidates: set[str] = set()
    for entry, kind in entries:
        # A three-letter code is a country's, except in the international file, where it
        # files an organisation by sector (MED for CNN and the BBC, IGO, NGO).
        organisation = kind == "international" or len(main_code(entry) or "") != 3
        for name in [entry.head, *entry.variants]:
            base, bracketed = split_parenthetical(name)
            candidates.update(a.replace(".", "") for a in bracketed)
            if organisation and re.fullmatch(r"[A-Z.&]{2,7}", base):
                candidates.add(base.replace(".", ""))
    return frozenset(
        a
        for a in candidates
        if a.lower() not in generic and (len(a) <= 4 or sum(c in "AEIOU" for c in a) * 4 <= len(a))
    )


def generic_words(agents: Path) -> frozenset[str]:
    """One-word agent nouns (SENATE, YOUTH): as a bare alias they would match common words."""
    words = set(GENERIC_WORDS)
    for line in agents.read_text(encoding="utf-8", errors="replace").splitlines():
        head = re.sub(r"\[[^\]]*\]|#.*", "", line).strip(" _+\t")
        if head and not head.startswith("!") and re.fullmatch(r"[A-Z]+", head):
            words.add(head.lower())
    return frozenset(words)


def display_name(name: str, *, country: bool, acronyms: frozenset[str]) -> str:
    """Proper case for an upper-case Phoenix name; a short country word is an initialism (USA)."""
    if name.upper().startswith("THE ") and len(name.split()) > 1:
        name = name[4:]
    letters = name.replace(".", "").replace("&", "")
    if " " not in name and ("." in name or (country and len(letters) <= 3)):
        return name.upper()
    return proper_case(name, acronyms)


def phoenix_rows(entries: list[tuple[RawEntry, str]], generic: frozenset[str]) -> list[Row]:
    acronyms = find_acronyms(entries, generic)
    rows: list[Row] = []
    for entry, kind in entries:
        code = main_code(entry)
        if is_person(entry, kind) or (kind == "countries" and code is None):
            continue
        head, head_acronyms = split_parenthetical(entry.head)
        if not head or is_role(head) or norm(head) in generic:
            continue
        country = kind == "countries" and code is not None and len(code) == 3
        names = [a for a in head_acronyms if a.replace(".", "") in acronyms]
        for variant in entry.variants:
            base, bracketed = split_parenthetical(variant)
            if is_role(base) or norm(base) in generic:
                continue
            if country and not country_variant_kept(base, head):
                continue
            names.append(base)
            names.extend(a for a in bracketed if a.replace(".", "") in acronyms)
        names = [n for n in names if norm(n) not in generic]
        name = display_name(head, country=country, acronyms=acronyms)
        aliases = [display_name(n, country=country, acronyms=acronyms) for n in names]
        rows.append(
            Row(name, "GPE" if country else "ORG", distinct_names(name, aliases), code, "phoenix")
        )
    return rows


def government_rows(rows: list[Row]) -> list[Row]:
    """One "Government of X" row per country that has none yet (curated ones add metonyms)."""
    have = {norm(r.name) for r in rows if r.type == "ORG"}
    out = []
    for row in rows:
        if row.type != "GPE" or row.code is None or len(row.code) != 3:
            continue
        name = f"Government of {the(row.name)}"
        if norm(name) not in have:
            have.add(norm(name))
            out.append(Row(name, "ORG", [f"{row.name} government"], f"{row.code}GOV", "phoenix"))
    return out


def the(country: str) -> str:
    """`the` where English uses it: the United States, the Netherlands, the Bahamas."""
    words = country.split()
    plural = country.endswith(("s", "Islands")) and country not in NO_THE_PLURALS
    if (
        plural
        or words[0] in ("United", "Republic", "Democratic", "Kingdom")
        or words[-1]
        in (
            "Republic",
            "Emirates",
            "Federation",
        )
    ):
        return f"the {country}"
    return country


def merge_curated(rows: list[Row], curated: list[Row]) -> list[Row]:
    """A curated row absorbs the Phoenix rows of its type that share one of its names.

    It wins on name and type, keeps its own code when it sets one, and never absorbs a row whose
    code differs from its own: Phoenix files several actors under one code (IGOUNO), and a shared
    name with a different code is a different actor.
    """
    for cur in curated:
        keys = {norm(n) for n in [cur.name, *cur.aliases]}
        absorbed = [
            r
            for r in rows
            if r.type == cur.type
            and (cur.code is None or r.code is None or r.code == cur.code)
            and keys.intersection(norm(n) for n in [r.name, *r.aliases])
        ]
        rows = [r for r in rows if not any(r is a for a in absorbed)]
        phoenix_names = [n for r in absorbed for n in [r.name, *r.aliases]]
        cur.aliases = distinct_names(cur.name, [*cur.aliases, *phoenix_names])
        cur.code = cur.code or next((r.code for r in absorbed if r.code), None)
        rows.append(cur)
    return rows


def merge_duplicates(rows: list[Row]) -> list[Row]:
    """Phoenix repeats some actors as separate heads (THE_UN_, UN_): one row per name and type."""
    out: dict[tuple[str, str, str | None], Row] = {}
    for row in rows:
        key = (norm(row.name), row.type, row.code)
        if key in out:
            out[key].aliases = distinct_names(out[key].name, [*out[key].aliases, *row.aliases])
        else:
            out[key] = row
    return list(out.values())


def load_curated(path: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            rows.append(
                Row(
                    name=data["name"],
                    type=data["type"],
                    aliases=list(data.get("aliases", [])),
                    code=data.get("code"),
                    source="curated",
                    metonyms=list(data.get("metonyms", [])),
                )
            )
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise SystemExit(f"{path}:{number}: malformed curated row ({exc})") from exc
    return rows


def build(dictionaries: Path, curated: Path) -> list[Row]:
    entries: list[tuple[RawEntry, str]] = []
    for filename, kind in FILES.items():
        entries.extend((e, kind) for e in parse_actor_file(dictionaries / filename))
    generic = generic_words(dictionaries / "Phoenix.agents.txt")
    rows = merge_duplicates(phoenix_rows(entries, generic))
    rows = merge_curated(rows, load_curated(curated))
    rows.extend(government_rows(rows))
    return sorted(rows, key=lambda r: (r.type, norm(r.name), r.code or ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictionaries", nargs="?", type=Path, default=DEFAULT_DICTIONARIES)
    parser.add_argument("--out", type=Path, default=DATA / "aliases.jsonl")
    args = parser.parse_args(argv)
    missing = [f for f in [*FILES, "Phoenix.agents.txt"] if not (args.dictionaries / f).is_file()]
    if missing:
        print(
            f"build_alias_table: {args.dictionaries} lacks {', '.join(missing)}; pass the folder "
            "holding the PETRARCH2 Phoenix dictionaries (../shared/data/petrarch2-dictionaries)",
            file=sys.stderr,
        )
        return 2
    rows = build(args.dictionaries, DATA / "aliases_curated.jsonl")
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row.as_json(), ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
