"""Claims: does the store put two statements' contents in one claim exactly when they say the same?

Usage: `.venv/bin/python eval/claims.py [--pairs eval/data/claim_pairs.jsonl]`

No public benchmark pairs news statements by the proposition they assert, so the pairs are our
own: 80 pairs of contents written for this evaluation (`eval/data/claim_pairs.jsonl`), 40 that
say the same thing (paraphrases, voice changes, synonyms, and five negated forms, which a claim
holds as its denials) and 40 that do not (same topic or same words with another action,
number, place, time or direction: "the army attacked the rebels" / "the rebels attacked the
army"). Ids that are odd are the tuning half, on which the threshold was chosen; even ids are
held out.

For each rule, precision, recall and F1 of "same claim" over the pairs, first as a pair
decision (the score reaches the threshold), then as the store decides it: only pairs whose
terms share a MinHash band are ever compared (`claims.band_keys`). Words only is shown at its
old default threshold and at the strictest of its best thresholds on the tuning half.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsledger.corpus.claims import Signer, band_keys, load_content_vectors, similarity
from newsledger.corpus.store.linking import DEFAULT_CLAIM_SIMILARITY

PAIRS = Path(__file__).resolve().parent / "data" / "claim_pairs.jsonl"
WORDS_ONLY_THRESHOLD = 0.6  # the rule before content vectors, with its default threshold


@dataclass(frozen=True)
class Scored:
    id: int
    same: bool
    words: float
    words_and_vectors: float
    banded: bool


def score_pairs(path: Path) -> list[Scored]:
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    signer = Signer()
    vectors = load_content_vectors()
    lefts = vectors.embed([pair["left"] for pair in pairs])
    rights = vectors.embed([pair["right"] for pair in pairs])
    scored = []
    for pair, left_vector, right_vector in zip(pairs, lefts, rights, strict=True):
        left, right = signer.sign(pair["left"]), signer.sign(pair["right"])
        left_bands, right_bands = band_keys([left.terms, right.terms])
        scored.append(
            Scored(
                id=pair["id"],
                same=pair["same"],
                words=similarity(left, right),
                words_and_vectors=similarity(left, right, (left_vector, right_vector)),
                banded=bool(set(left_bands) & set(right_bands)),
            )
        )
    return scored


def prf(pairs: list[Scored], decide: Callable[[Scored], bool]) -> tuple[float, float, float]:
    decided = [(pair.same, decide(pair)) for pair in pairs]
    true_positives = sum(same and said for same, said in decided)
    said_same = sum(said for _, said in decided)
    actually_same = sum(same for same, _ in decided)
    precision = true_positives / said_same if said_same else 0.0
    recall = true_positives / actually_same if actually_same else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_thresholds(pairs: list[Scored], score: Callable[[Scored], float]) -> list[float]:
    """The thresholds at which `score` gives the best F1."""
    candidates = [step / 100 for step in range(30, 100)]
    f1 = {t: prf(pairs, lambda p, t=t: score(p) >= t)[2] for t in candidates}
    best = max(f1.values())
    return [t for t in candidates if f1[t] == best]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    args = parser.parse_args()
    scored = score_pairs(args.pairs)
    halves = {
        "tuning (odd ids)": [p for p in scored if p.id % 2],
        "held out (even ids)": [p for p in scored if not p.id % 2],
        "all": scored,
    }
    tuning = halves["tuning (odd ids)"]
    words_tuned = best_thresholds(tuning, lambda p: p.words)[-1]
    rules: dict[str, Callable[[Scored], bool]] = {
        f"words only, ≥ {WORDS_ONLY_THRESHOLD}": lambda p: p.words >= WORDS_ONLY_THRESHOLD,
        f"words only, ≥ {words_tuned} (tuned)": lambda p: p.words >= words_tuned,
        f"words and vectors, ≥ {DEFAULT_CLAIM_SIMILARITY}": (
            lambda p: p.words_and_vectors >= DEFAULT_CLAIM_SIMILARITY
        ),
    }
    print("| rule | half | pairs | P | R | F1 | in the store: P | R | F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for rule, decide in rules.items():
        for half, pairs in halves.items():
            pair_scores = prf(pairs, decide)
            store_scores = prf(pairs, lambda p, decide=decide: p.banded and decide(p))
            cells = " | ".join(f"{value:.2f}" for value in (*pair_scores, *store_scores))
            print(f"| {rule} | {half} | {len(pairs)} | {cells} |")
    tuned = best_thresholds(tuning, lambda p: p.words_and_vectors)
    shown = ", ".join(f"{t:.2f}" for t in tuned)
    print(f"\nthresholds with the best F1 on the tuning half (words and vectors): {shown}")
    same = [p for p in scored if p.same]
    print(f"same-claim pairs sharing a MinHash band: {sum(p.banded for p in same)} of {len(same)}")


if __name__ == "__main__":
    main()
