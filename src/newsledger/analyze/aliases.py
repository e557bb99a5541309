"""The actor alias table: canonical names, their spellings, and the places that stand for them.

`data/aliases.jsonl` is built by `scripts/build_alias_table.py` from the PETRARCH2 Phoenix
dictionaries plus `data/aliases_curated.jsonl` (see `data/SOURCES.md`). Names are compared by
`normalise`: case, diacritics, punctuation, hyphens, spaces and a leading "the" do not count, so
"Mojahedin-e Khalq", "MOJAHEDIN E KHALQ" and "the Mojahedin e-Khalq" are one key, and so are
"U.S." and "US". The key is the concatenation of a name's alphanumeric runs, which is also what
the concatenated keys of its spaCy tokens give, however the tokenizer split it ("People's" ->
"People" + "'s").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsledger.errors import DataFileError

# Exactly the characters `str.isalnum` rejects: `\w` is alphanumeric or the underscore.
_NOT_ALNUM = re.compile(r"[\W_]")

ALIAS_FILE = "analyze/data/aliases.jsonl"
# An all-capitals alias this short is an acronym that is also a word in lower case ("US", "IT",
# "WHO"), so it only matches text that is not all lower case.
ACRONYM_MAX_LETTERS = 5


class AliasRow(BaseModel):
    """One actor of the table, as one line of `aliases.jsonl`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    type: str = Field(pattern=r"^[A-Z_]+$")
    aliases: tuple[str, ...] = ()
    code: str | None = None
    source: Literal["phoenix", "curated"]
    # Places that stand for this actor when they act: "Baghdad said" is the Iraqi government.
    metonyms: tuple[str, ...] = ()

    @property
    def is_country(self) -> bool:
        return self.type == "GPE" and self.code is not None and len(self.code) == 3

    @property
    def is_government(self) -> bool:
        return self.type == "ORG" and self.code is not None and self.code.endswith("GOV")


def normalise(text: str) -> str:
    """The lookup key of a name (see the module docstring)."""
    return "".join(name_words(text))


def name_words(text: str) -> list[str]:
    """The folded alphanumeric runs of a name, without a leading "the"."""
    words = _fold(text).split()
    return words[1:] if len(words) > 1 and words[0] == "the" else words


def distinct_names(name: str, aliases: Iterable[str]) -> list[str]:
    """The aliases in their order, without repeats or spellings of `name` itself."""
    seen = {normalise(name)}
    distinct = []
    for alias in aliases:
        key = normalise(alias)
        if key and key not in seen:
            seen.add(key)
            distinct.append(alias)
    return distinct


def token_key(text: str) -> str:
    """The key of one token: its alphanumeric characters, case and accents folded."""
    return "".join(_fold(text).split())


def _fold(text: str) -> str:
    # Most names are ASCII, which decomposition leaves as they are: the store folds every name
    # and speaker of every batch.
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub(" ", text.casefold())


class AliasTable:
    """Rows indexed by normalised name, with the prefix set that a token scan needs."""

    def __init__(self, rows: Iterable[AliasRow]) -> None:
        # Curated rows first, so that where two rows share a spelling the reviewed one wins.
        self.rows: tuple[AliasRow, ...] = tuple(sorted(rows, key=lambda r: r.source != "curated"))
        by_key: dict[str, list[AliasRow]] = {}
        by_metonym: dict[str, AliasRow] = {}
        acronyms: set[str] = set()
        for row in self.rows:
            for name in (row.name, *row.aliases):
                key = normalise(name)
                if key and row not in by_key.setdefault(key, []):
                    by_key[key].append(row)
                letters = name.replace(".", "")
                if letters.isalpha() and letters.isupper() and len(letters) <= ACRONYM_MAX_LETTERS:
                    acronyms.add(key)
            for place in row.metonyms:
                by_metonym.setdefault(normalise(place), row)
        self._by_key = {key: tuple(found) for key, found in by_key.items()}
        self._by_metonym = by_metonym
        self._acronyms = frozenset(acronyms)
        names = [n for r in self.rows for n in (r.name, *r.aliases, *r.metonyms)]
        self._prefixes = frozenset(_prefixes(names))

    def __len__(self) -> int:
        return len(self.rows)

    def lookup(self, name: str, label: str | None = None) -> AliasRow | None:
        """The row a name refers to, preferring one whose type fits an NER label."""
        return self.best(normalise(name), label)

    def best(self, key: str, label: str | None = None) -> AliasRow | None:
        rows = self._by_key.get(key, ())
        if label == "PERSON":
            # Phoenix files a few leaders among their organisation's spellings ("Khaled Meshaal"
            # under Hamas); a person named in the text is that person, not the organisation.
            # But the model also calls a person what no person is named: a reviewed row's own
            # name ("Hamas", "Twitter") or acronym ("MEK").
            return next(
                (
                    r
                    for r in rows
                    if r.source == "curated" and (key == normalise(r.name) or key in self._acronyms)
                ),
                None,
            )
        if not rows:
            return None
        wanted = "GPE" if label == "NORP" else label
        return next((r for r in rows if r.type == wanted), rows[0])

    def metonym(self, key: str) -> AliasRow | None:
        """The actor a place stands for when it acts (`baghdad` -> Government of Iraq)."""
        return self._by_metonym.get(key)

    def government_of(self, country: AliasRow) -> AliasRow | None:
        """The "Government of X" row of a country row."""
        for name in (f"Government of {country.name}", f"Government of the {country.name}"):
            for row in self._by_key.get(normalise(name), ()):
                if row.type == "ORG":
                    return row
        return None

    def is_prefix(self, key: str) -> bool:
        """Whether some name's key starts with `key` at a word boundary, so a token scan goes on.

        Words split at every non-alphanumeric character, dots and apostrophes included, so that
        however the tokenizer splits "U.S." or "People's", each token ends at a word boundary.
        """
        return key in self._prefixes

    def is_name(self, key: str) -> bool:
        return key in self._by_key or key in self._by_metonym

    def is_acronym(self, key: str) -> bool:
        return key in self._acronyms


def _prefixes(names: Iterable[str]) -> Iterable[str]:
    for name in names:
        prefix = ""
        for word in name_words(name):
            prefix += word
            yield prefix


@functools.cache
def load_alias_table() -> AliasTable:
    """The shipped table, read and validated once per process."""
    path = resources.files("newsledger").joinpath(ALIAS_FILE)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"cannot read the alias table: {exc}", source=ALIAS_FILE) from exc
    return AliasTable(parse_rows(lines, source=ALIAS_FILE))


def parse_rows(lines: Sequence[str], *, source: str) -> list[AliasRow]:
    """Validated rows of a JSONL alias table; blank lines are allowed, anything else is an error."""
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rows.append(AliasRow.model_validate_json(line))
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(part) for part in problem["loc"]) or "row"
            raise DataFileError(f"line {number}: {where}: {problem['msg']}", source=source) from exc
    return rows
