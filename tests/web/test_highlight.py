"""The body cut into segments: all the text, once, with every mark that covers each piece."""

from __future__ import annotations

from newsledger.web.highlight import legend, segments
from tests.web.articles import SCRIPT, hostile_article


def test_segments_keep_every_character_once() -> None:
    analysis = hostile_article()
    paragraphs = segments(analysis)
    assert len(paragraphs) == 2
    first, second = ("".join(s.text for s in p.segments) for p in paragraphs)
    assert first == f"The {SCRIPT} ministry said on Monday that “talks had stalled”."
    assert second == "Officials denied it, and <b>nothing</b> happened."


def test_marks_overlap_and_nest() -> None:
    paragraph = segments(hostile_article())[0]
    by_text = {segment.text: segment for segment in paragraph.segments}
    speaker = by_text[f"The {SCRIPT} ministry"]
    assert speaker.classes == "st-speaker"
    assert speaker.entity == f"{SCRIPT} Ministry"
    assert "Statement s1:" in speaker.title and "(named)" in speaker.title
    stalled = by_text["stalled"]
    assert stalled.classes == "st-content"
    assert stalled.technique_data == "Loaded_Language:0.90"
    assert by_text["said"].classes == "st-cue"


def test_events_and_the_legend() -> None:
    analysis = hostile_article()
    by_text = {s.text: s for p in segments(analysis) for s in p.segments}
    assert by_text["denied"].classes == "ev-action"
    assert "Event v1: Officials — deny" in by_text["denied"].title
    entries = legend(analysis, threshold=0.5)
    assert [(e.technique, e.count, e.shown) for e in entries] == [
        ("Doubt", 1, 0),
        ("Loaded_Language", 1, 1),
    ]
    assert entries[0].label == "Doubt" and len({e.colour for e in entries}) == 2
