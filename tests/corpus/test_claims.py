from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from newsledger.corpus import claims
from newsledger.corpus.claims import (
    MIN_TERMS,
    Signer,
    band_keys,
    load_content_vectors,
    similarity,
)
from newsledger.corpus.store.linking import DEFAULT_CLAIM_SIMILARITY


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer()


def test_stems_meet_across_inflections(signer: Signer) -> None:
    left = signer.sign("the MKO attacked Iraqi forces at Camp Ashraf")
    right = signer.sign("The MKO attacks Iraqi forces in Camp Ashraf")
    assert left.terms == right.terms
    assert similarity(left, right) == 1.0


def test_word_caches_stay_bounded_and_signatures_unchanged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    contents = [f"the army attacked village {word} and did not leave" for word in "abcdefgh"]
    expected = [Signer().sign(content) for content in contents]
    monkeypatch.setattr(claims, "WORD_CACHE_LIMIT", 5)
    small = Signer()
    assert [small.sign(content) for content in contents] == expected
    assert len(small._kinds) <= 5


def test_stop_and_reporting_words_do_not_count(signer: Signer) -> None:
    signature = signer.sign("they said that the group is what it was")
    assert signature.terms == frozenset({"group"})
    assert not signature.comparable


def test_negation_and_denial_cue_set_the_sign(signer: Signer) -> None:
    assert not signer.sign("the group attacked the camp").negative
    assert signer.sign("the group did not attack the camp").negative
    assert signer.sign("the group didn't attack the camp").negative
    assert signer.sign("the group attacked the camp", cue="denied").negative
    # Denying a negative is asserting the positive.
    assert not signer.sign("the group never attacked the camp", cue="has rejected").negative


def test_numbers_must_agree(signer: Signer) -> None:
    base = signer.sign("35 people were killed in the clashes at Camp Ashraf")
    same = signer.sign("35 people killed in clashes at Camp Ashraf")
    other = signer.sign("34 people were killed in the clashes at Camp Ashraf")
    assert similarity(base, same) == 1.0
    assert similarity(base, other) == 0.0
    assert signer.sign("1,200 troops").numbers == frozenset({"1200"})


def test_similar_term_sets_share_a_band(signer: Signer) -> None:
    left = signer.sign("the MKO attacked Iraqi forces at Camp Ashraf on Friday")
    right = signer.sign("The Mojahedin-e Khalq attacked Iraqi forces at Camp Ashraf on Friday")
    assert len(left.terms) >= MIN_TERMS
    assert similarity(left, right) >= 0.6
    left_keys, right_keys, again = band_keys([left.terms, right.terms, set(left.terms)])
    assert set(left_keys) & set(right_keys)
    assert left_keys == again


def test_bands_are_the_same_in_every_process(signer: Signer) -> None:
    """Bands are stored, so they must not depend on Python's per-process hash seed."""
    terms = signer.sign("Iraqi troops raided Camp Ashraf killing residents").terms
    code = f"from newsledger.corpus.claims import band_keys;print(band_keys([{sorted(terms)!r}]))"
    other = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345"},
    )
    assert other.stdout.strip() == str(band_keys([terms]))


def test_a_batch_of_term_sets_gives_each_its_own_bands(signer: Signer) -> None:
    """Empty sets in between take no part in the others' minima."""
    first = signer.sign("Iraqi troops raided Camp Ashraf killing residents").terms
    second = signer.sign("The ministry summoned the ambassador over the clashes").terms
    batch = band_keys([frozenset(), first, frozenset(), second, frozenset()])
    assert batch == [[], *band_keys([first]), [], *band_keys([second]), []]
    assert band_keys([]) == []
    assert band_keys([frozenset()]) == [[]]


def test_content_vectors_are_unit_rows_and_zero_without_pieces() -> None:
    rows = load_content_vectors().embed(["the truce was violated within hours", "", "   "])
    assert rows.shape[0] == 3
    assert np.linalg.norm(rows[0]) == pytest.approx(1.0, abs=1e-5)
    assert not rows[1].any() and not rows[2].any()


def test_vectors_raise_synonyms_but_numbers_still_decide(signer: Signer) -> None:
    contents = [
        "the ceasefire was violated within hours",
        "within hours the truce was violated",
        "the ceasefire was violated within 2 hours",
    ]
    left, right, numbered = (signer.sign(content) for content in contents)
    vectors = load_content_vectors().embed(contents)
    with_vectors = similarity(left, right, (vectors[0], vectors[1]))
    assert with_vectors > similarity(left, right)
    assert with_vectors >= DEFAULT_CLAIM_SIMILARITY
    assert similarity(left, numbered, (vectors[0], vectors[2])) == 0.0
