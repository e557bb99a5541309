"""Time expressions normalised against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.analyze.events_time import normalise_time, parse_published

TUESDAY = date(2011, 6, 21)


@pytest.mark.parametrize(
    ("text", "future", "value"),
    [
        ("on Monday", False, "2011-06-20"),
        ("on Monday", True, "2011-06-27"),
        ("on Tuesday", False, "2011-06-21"),
        ("last Tuesday", False, "2011-06-14"),
        ("in May", False, "2011-05"),
        ("in July", False, "2010-07"),
        ("in July", True, "2011-07"),
        ("in early April", False, "2011-04"),
        ("mid April", False, "2011-04"),
        ("June 3", False, "2011-06-03"),
        ("yesterday", False, "2011-06-20"),
        ("last week", False, "2011-W24"),
        ("next month", True, "2011-07"),
        ("three days ago", False, "2011-06-18"),
        ("by the end of 2011", False, "2011-12"),
        ("(1980-1988)", False, "1980/1988"),
        ("5 May 2011", False, "2011-05-05"),
        ("May 5, 2011", False, "2011-05-05"),
        ("for more than a year", False, None),
    ],
)
def test_normalise_against_publication(text: str, future: bool, value: str | None) -> None:
    assert normalise_time(text, TUESDAY, future) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("on Monday", None), ("in May", None), ("in 2011", "2011"), ("1980-88", "1980/1988")],
)
def test_without_publication_only_absolute_times_have_values(text: str, value: str | None) -> None:
    assert normalise_time(text, None) == value


def test_publication_date_from_a_date_time() -> None:
    assert parse_published("2011-06-21T08:00:00Z") == TUESDAY
    assert parse_published("not a date") is None
    assert parse_published(None) is None
