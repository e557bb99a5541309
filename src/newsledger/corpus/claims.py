"""Claims: statements whose contents say the same thing, whoever said them and wherever.

A statement's content becomes a `Signature`: its content words as Snowball stems (stop words,
reporting verbs and negations left out), the numbers it states, and its sign (negative when the
content is negated an odd number of times, or the cue is a denial: "denied that the group
attacked"). Two signatures say the same thing when their stems' cosine reaches a threshold and
their numbers agree: "35 killed" and "dozens killed" are different claims, however alike their
words. A statement with the same words but the other sign denies the claim.

Finding candidates must not compare a statement with every claim in the store, so each claim is
indexed by MinHash bands (`bands`): claims that share a band are compared, and similar term sets
share one with high probability (8 bands of 2 hashes: a Jaccard similarity of 0.5 is found 9
times in 10). All of this is pure: `store` reads and writes the rows.

There is no semantic (embedding) similarity yet: no PyPI package ships offline English word
vectors small enough to load per process, and stems already meet "attacked"/"attacks".
"""

from __future__ import annotations

import functools
import json
import math
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import snowballstemmer
from pydantic import BaseModel, ConfigDict, ValidationError

from newsledger.errors import DataFileError

WORDS_FILE = "corpus/data/claim_words.json"
BAND_COUNT = 8
ROWS_PER_BAND = 2
# Shorter contents ("yes", "no comment") are their own claims: too few words to say that two
# statements agree.
MIN_TERMS = 3
_MERSENNE = (1 << 61) - 1
_HASHES = [
    ((index * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) % _MERSENNE | 1, index * 0x85EBCA6B + 7)
    for index in range(1, BAND_COUNT * ROWS_PER_BAND + 1)
]
_WORD = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+")
_NOT = re.compile(r"n[’']t\b", re.IGNORECASE)


class ClaimWords(BaseModel):
    """`data/claim_words.json`: the word lists that shape a signature."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    negations: frozenset[str]
    denial_cues: frozenset[str]
    reporting_words: frozenset[str]
    stop_words: frozenset[str]


@functools.cache
def load_claim_words() -> ClaimWords:
    """The shipped word lists, read and validated once per process."""
    try:
        text = resources.files("newsledger").joinpath(WORDS_FILE).read_text(encoding="utf-8")
        return ClaimWords.model_validate(json.loads(text))
    except (OSError, ValueError, ValidationError) as exc:
        raise DataFileError(f"cannot load the claim words: {exc}", source=WORDS_FILE) from exc


@dataclass(frozen=True)
class Signature:
    """What a statement's content says, in the form claims are compared in."""

    terms: frozenset[str]
    numbers: frozenset[str]
    negative: bool

    @property
    def comparable(self) -> bool:
        return len(self.terms) >= MIN_TERMS


class Signer:
    """Builds signatures; holds the stemmer and word lists, so build one per ingest."""

    def __init__(self, words: ClaimWords | None = None) -> None:
        self.words = words if words is not None else load_claim_words()
        self._stemmer = snowballstemmer.stemmer("english")
        self._ignored = self.words.stop_words | self.words.reporting_words
        # Stemming is the one per-word cost; a news vocabulary is a few hundred thousand words.
        self._stems: dict[str, str] = {}
        self._denials = frozenset(self._stem(word) for word in self.words.denial_cues)

    def _stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = str(self._stemmer.stemWord(word))
        return stem

    def sign(self, content: str, cue: str = "") -> Signature:
        terms: set[str] = set()
        numbers: set[str] = set()
        negations = 0
        for word in _WORD.findall(_NOT.sub(" not", content).lower()):
            if word[0].isdigit():
                numbers.add(word.replace(",", ""))
            elif word in self.words.negations:
                negations += 1
            elif word not in self._ignored and len(word) > 1:
                terms.add(self._stem(word))
        denied = any(self._stem(word) in self._denials for word in _WORD.findall(cue.lower()))
        return Signature(frozenset(terms), frozenset(numbers), (negations % 2 == 1) != denied)


def similarity(left: Signature, right: Signature) -> float:
    """Cosine of the two term sets, and 0 when their numbers disagree."""
    if left.numbers != right.numbers or not left.terms or not right.terms:
        return 0.0
    shared = len(left.terms & right.terms)
    return shared / math.sqrt(len(left.terms) * len(right.terms))


def bands(terms: Iterable[str]) -> list[int]:
    """The MinHash band keys of a term set: `BAND_COUNT` signed 63-bit integers.

    Hashes are CRC-32 based, not Python's `hash`, so keys are the same in every process.
    """
    values = [zlib.crc32(term.encode("utf-8")) for term in terms]
    if not values:
        return []
    minima = [min((a * value + b) % _MERSENNE for value in values) for a, b in _HASHES]
    keys = []
    for band in range(BAND_COUNT):
        rows = minima[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        digest = zlib.crc32(repr((band, *rows)).encode("ascii"))
        keys.append((band << 32) | digest)
    return keys


def encode_terms(values: frozenset[str]) -> str:
    return " ".join(sorted(values))


def decode_terms(text: str) -> frozenset[str]:
    return frozenset(text.split())
