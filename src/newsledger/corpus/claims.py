"""Claims: statements whose contents say the same thing, whoever said them and wherever.

A statement's content becomes a `Signature`: its content words as Snowball stems (stop words,
reporting verbs and negations left out), the numbers it states, and its sign (negative when the
content is negated an odd number of times, or the cue is a denial: "denied that the group
attacked"). Two contents say the same thing when their numbers agree ("35 killed" and "dozens
killed" are different claims, however alike their words) and their similarity reaches a
threshold: the mean of their stems' cosine and of their `ContentVectors` cosine, a static
embedding distilled from a sentence encoder that meets "protesters" with "demonstrators" and
"truce" with "ceasefire", where stems alone cannot. A statement with the same content but the
other sign denies the claim.

Finding candidates must not compare a statement with every claim in the store, so each claim is
indexed by MinHash bands (`band_keys`): claims that share a band are compared, and similar term sets
share one with high probability (8 bands of 2 hashes: a Jaccard similarity of 0.5 is found 9
times in 10). So the vectors refine what shared words found; two contents with no content word
in common are not compared. All of this is pure: `store` reads and writes the rows.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np
import snowballstemmer
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict
from tokenizers import Tokenizer

from newsledger.data_files import load_data_model
from newsledger.errors import DataFileError

WORDS_FILE = "corpus/data/claim_words.json"
# Built by scripts/build_claim_vectors.py, one row per word piece of MiniLM's vocabulary, whose
# tokenizer the document encoder ships.
VECTORS_FILE = "corpus/data/claim_vectors.npy"
TOKENIZER_FILE = "analyze/data/framing_tokenizer.json"
BAND_COUNT = 8
# Words whose kind and stem a `Signer` remembers: the common vocabulary of news many times
# over, at about 200 bytes a word in its two caches.
WORD_CACHE_LIMIT = 500_000
ROWS_PER_BAND = 2
# Shorter contents ("yes", "no comment") are their own claims: too few words to say that two
# statements agree.
MIN_TERMS = 3
_PRIME = np.uint64((1 << 31) - 1)
_MULTIPLIERS = np.array(
    [
        (i * 0x9E3779B9 + 0x632BE59B) % int(_PRIME) | 1
        for i in range(1, BAND_COUNT * ROWS_PER_BAND + 1)
    ],
    dtype=np.uint64,
)
_OFFSETS = np.array(
    [(i * 0x85EBCA6B + 7) % int(_PRIME) for i in range(1, BAND_COUNT * ROWS_PER_BAND + 1)],
    dtype=np.uint64,
)
_BAND_TAGS = np.arange(BAND_COUNT, dtype=np.uint64) << np.uint64(56)
_WORD = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+")
_NOT = re.compile(r"n[’']t\b", re.IGNORECASE)
# Not a stem: stems are lower-case letters.
_NEGATION = "!negation"


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
    return load_data_model(ClaimWords, WORDS_FILE, "the claim words")


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
        # What each content word becomes: a stem, `_NEGATION`, or "" when ignored. This is a
        # signature's whole cost, and a news vocabulary is a few hundred thousand words.
        self._kinds: dict[str, str] = {}
        self._stems: dict[str, str] = {}
        self._denials = frozenset(self._stem(word) for word in self.words.denial_cues)

    def _stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = str(self._stemmer.stemWord(word))
        return stem

    def _kind(self, word: str) -> str:
        kind = self._kinds.get(word)
        if kind is None:
            if len(self._kinds) >= WORD_CACHE_LIMIT:
                # A long ingest meets names, typos and numbers without end: start afresh
                # rather than grow with them.
                self._kinds.clear()
                self._stems.clear()
            if word in self.words.negations:
                kind = _NEGATION
            elif word in self._ignored or len(word) < 2:
                kind = ""
            else:
                kind = self._stem(word)
            self._kinds[word] = kind
        return kind

    def sign(self, content: str, cue: str = "") -> Signature:
        terms: set[str] = set()
        numbers: set[str] = set()
        negations = 0
        kinds = self._kinds
        for word in _WORD.findall(_NOT.sub(" not", content).lower()):
            if word[0].isdigit():
                numbers.add(word.replace(",", ""))
                continue
            kind = kinds.get(word)
            if kind is None:
                kind = self._kind(word)
            if kind == _NEGATION:
                negations += 1
            elif kind:
                terms.add(kind)
        denied = any(self._stem(word) in self._denials for word in _WORD.findall(cue.lower()))
        return Signature(frozenset(terms), frozenset(numbers), (negations % 2 == 1) != denied)


@functools.cache
def load_content_vectors() -> ContentVectors:
    """The shipped vectors and tokenizer, loaded once per process (8 MB in memory)."""
    return ContentVectors()


class ContentVectors:
    """Unit vectors of contents: the sum of their word pieces' rows in the distilled table, whose
    weights already make frequent pieces ("the", "of") count for little."""

    def __init__(self) -> None:
        package = resources.files("newsledger")
        try:
            with package.joinpath(VECTORS_FILE).open("rb") as data:
                self._rows = np.load(data, allow_pickle=False).astype(np.float32)
            self._tokenizer = Tokenizer.from_str(
                package.joinpath(TOKENIZER_FILE).read_text(encoding="utf-8")
            )
        except (OSError, ValueError) as exc:
            raise DataFileError(
                f"cannot load the claim vectors: {exc}", source=VECTORS_FILE
            ) from exc
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()

    def embed(self, contents: Sequence[str]) -> NDArray[np.float32]:
        """One row per content; all zeros where it has no piece with a vector."""
        rows = np.zeros((len(contents), self._rows.shape[1]), dtype=np.float32)
        if not contents:
            return rows
        # Without offsets, which the sums never need: a fifth faster.
        encodings = self._tokenizer.encode_batch_fast(list(contents), add_special_tokens=False)
        sizes = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(contents))
        filled = np.flatnonzero(sizes)
        if not filled.size:
            return rows
        pieces = np.fromiter(
            (piece for e in encodings for piece in e.ids), dtype=np.int64, count=int(sizes.sum())
        )
        starts = (np.cumsum(sizes) - sizes)[filled]
        rows[filled] = np.add.reduceat(self._rows[pieces], starts, axis=0)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        np.divide(rows, norms, out=rows, where=norms > 0)
        return rows


def vector_bytes(vector: NDArray[np.float32]) -> bytes:
    """How the store keeps a claim's vector: float16, half the size, cosines within 0.001."""
    return vector.astype("<f2").tobytes()


def vector_from_bytes(data: bytes) -> NDArray[np.float32]:
    return np.frombuffer(data, dtype="<f2").astype(np.float32)


def similarity(
    left: Signature,
    right: Signature,
    vectors: tuple[NDArray[np.float32], NDArray[np.float32]] | None = None,
) -> float:
    """0 when the numbers disagree; else the cosine of the two term sets, averaged with the
    cosine of the two contents' `vectors` (negative cosines count as 0) when they are given."""
    if left.numbers != right.numbers or not left.terms or not right.terms:
        return 0.0
    shared = len(left.terms & right.terms)
    lexical = shared / math.sqrt(len(left.terms) * len(right.terms))
    if vectors is None:
        return lexical
    return (lexical + max(0.0, float(vectors[0] @ vectors[1]))) / 2


def band_keys(term_sets: Sequence[Collection[str]]) -> list[list[int]]:
    """The MinHash band keys of each term set: `BAND_COUNT` integers below 2**59, none for an
    empty set. One array computation for a whole batch: per set, the hashing loops cost a
    store more than inserting the statements.

    Terms hash with CRC-32, not Python's `hash`, so keys are the same in every process; each of
    the `BAND_COUNT * ROWS_PER_BAND` hash functions is `(a * x + b) mod (2**31 - 1)`, whose
    products fit 64-bit integers.
    """
    sizes = np.fromiter((len(terms) for terms in term_sets), dtype=np.int64, count=len(term_sets))
    keys: list[list[int]] = [[] for _ in term_sets]
    if not sizes.any():
        return keys
    values = np.fromiter(
        (zlib.crc32(term.encode("utf-8")) for terms in term_sets for term in terms),
        dtype=np.uint64,
        count=int(sizes.sum()),
    )
    hashed = (values[:, None] % _PRIME * _MULTIPLIERS + _OFFSETS) % _PRIME
    filled = np.flatnonzero(sizes)
    starts = (np.cumsum(sizes) - sizes)[filled]
    minima = np.minimum.reduceat(hashed, starts, axis=0).reshape(-1, BAND_COUNT, ROWS_PER_BAND)
    # A band's two 31-bit minima folded into 56 bits, under its number: bands never share a key.
    combined = (minima[:, :, 0] << np.uint64(25)) ^ minima[:, :, 1]
    for index, row in zip(filled.tolist(), (combined | _BAND_TAGS).tolist(), strict=True):
        keys[index] = row
    return keys


def encode_terms(values: frozenset[str]) -> str:
    return " ".join(sorted(values))


def decode_terms(text: str) -> frozenset[str]:
    return frozenset(text.split())
