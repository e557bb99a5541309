from __future__ import annotations

from newsledger.ingest.text import breadcrumb_trail, is_headline, normalise, parse_text

from .conftest import SEED

SEED_TITLE = "Iraq – France relations strained over MKO terrorists event in Paris"
SEED_DECK = (
    "The Iraqi government summoned the French ambassador to Baghdad to protest at Paris for"
    " hosting a conference of the Mojahedin-e Khalq Organization (MKO) where the terrorist group"
    " raised unfounded allegations against Baghdad."
)
BODY = (
    "The council met on Monday and voted to keep the library open on Sundays.\n\n"
    "The decision follows a petition signed by more than two thousand residents."
)


def test_seed_page_splits_into_title_deck_section_and_body() -> None:
    raw = SEED.read_text(encoding="utf-8")
    page = parse_text(raw)
    assert page.title == SEED_TITLE
    assert page.subtitle == SEED_DECK
    assert page.section == ("Iraq",)
    assert page.removed == (f"Home » Iraq » {SEED_TITLE}", "You may also like", "Leave a Comment")
    # The body runs from the deck (also the subtitle: its facts need offsets) through the
    # inner headline, kept as content, to the last paragraph.
    start = raw.index(SEED_DECK)
    assert page.text == raw[start : raw.index("\n\nYou may also like")]
    assert page.text.startswith(
        SEED_DECK + '\n\nIraqi Gov’t Summons French Envoy over MKO Accusations\n\n"To affect'
    )
    assert page.text.endswith("are under pressure and torture not to do so.")


def test_title_on_first_line_then_text_keeps_the_first_paragraph_in_the_body() -> None:
    page = parse_text(f"Library stays open on Sundays\n\n{BODY}\n")
    assert page.title == "Library stays open on Sundays"
    assert page.subtitle is None
    assert page.text == BODY
    assert page.removed == ()


def test_text_without_a_title_line_is_all_body() -> None:
    page = parse_text(BODY)
    assert page.title is None
    assert page.text == BODY


def test_a_title_wrapped_over_two_lines_is_joined() -> None:
    page = parse_text(f"Dallas Police Dept.\nfires officer who shot a neighbour\n\n{BODY}")
    assert page.title == "Dallas Police Dept. fires officer who shot a neighbour"
    assert page.text == BODY


def test_a_headline_like_line_after_the_title_is_the_deck() -> None:
    page = parse_text(f"Library stays open\n\nSunday hours saved after a petition\n\n{BODY}")
    assert page.subtitle == "Sunday hours saved after a petition"
    assert page.text == "Sunday hours saved after a petition\n\n" + BODY


def test_a_lede_is_not_taken_for_a_deck() -> None:
    question = "Were the experts wrong about the benefits of trade for the American economy?"
    page = parse_text(f"On Trade, Angry Voters Have a Point\n\n{question}\n\n{BODY}")
    assert page.subtitle is None
    assert page.text == f"{question}\n\n{BODY}"


def test_breadcrumb_without_a_repeated_title_keeps_its_whole_trail_as_section() -> None:
    page = parse_text(f"Home › World › Middle East\n\nLibrary stays open\n\n{BODY}")
    assert page.section == ("World", "Middle East")
    assert page.title == "Library stays open"
    assert page.removed == ("Home › World › Middle East",)


def test_breadcrumb_ending_in_a_headline_gives_the_title() -> None:
    page = parse_text(f"Home / Local / Library stays open on Sundays\n\n{BODY}")
    assert page.title == "Library stays open on Sundays"
    assert page.section == ("Local",)
    assert page.text == BODY


def test_breadcrumb_may_shorten_the_title_with_an_ellipsis() -> None:
    page = parse_text(
        f"Start > News > Library stays open on…\n\nLibrary stays open on Sundays\n\n{BODY}"
    )
    assert page.title == "Library stays open on Sundays"
    assert page.section == ("News",)


def test_breadcrumb_separators() -> None:
    for separator in ("»", "›", ">", "/", "|"):
        assert breadcrumb_trail(f"Home {separator} Sport {separator} Tennis") == ["Sport", "Tennis"]
    assert breadcrumb_trail("Iraq / France relations") is None
    assert breadcrumb_trail("Homes for sale > 40") is None


def test_chrome_blocks_are_removed_and_reported_in_full() -> None:
    raw = (
        "Library stays open\n\nShare this:\n\nFacebook Twitter WhatsApp\n\n"
        f"{BODY}\n\nRead more: Council budget explained\n\n"
        "Tags: library, council, Sundays\n\n"
        "We use cookies to give you the best experience. By continuing you accept our policy.\n\n"
        "Related posts\n\nCouncil approves budget\n\nNew mayor sworn in\n"
    )
    page = parse_text(raw)
    assert page.text == BODY
    assert page.removed == (
        "Share this:",
        "Facebook Twitter WhatsApp",
        "Read more: Council budget explained",
        "Tags: library, council, Sundays",
        "We use cookies to give you the best experience. By continuing you accept our policy.",
        "Related posts",
        "Council approves budget",
        "New mayor sworn in",
    )


def test_a_tail_marker_before_any_text_removes_only_itself() -> None:
    page = parse_text(f"Comments\n\n{BODY}")
    assert page.text == BODY
    assert page.removed == ("Comments",)


def test_comment_section_with_a_count_ends_the_article() -> None:
    page = parse_text(f"{BODY}\n\n3 Comments\n\nGreat news for the town, finally.")
    assert page.text == BODY
    assert page.removed == ("3 Comments", "Great news for the town, finally.")


def test_newlines_spaces_and_composed_characters_are_normalised() -> None:
    page = parse_text(
        "Cafe\u0301 reopens  \r\n\r\n\r\n\r\nThe cafe\u0301 reopened.  \r\nIt is busy.\r"
    )
    assert page.title == "Café reopens"
    assert page.text == "The café reopened.\nIt is busy."
    assert "\r" not in normalise("a\rb\r\nc")


def test_headlines_and_sentences() -> None:
    assert is_headline("Next plague outbreak in Madagascar could be 'stronger': WHO")
    assert is_headline("Stealth Over Health: Hillary Clinton Was Headed to ER But Avoided It.")
    assert not is_headline("Pamela Geller and Robert Spencer co-founded a group in America.")
    assert not is_headline('"It could be stronger," he told reporters, insisting "it is serious."')
    assert not is_headline("He left. Then the council voted")


POLL = (
    "take our poll - story continues below\n"
    "Should the library open on Sundays?\n"
    "* Yes, every Sunday.\n"
    "No, keep it closed.\n"
    "Email *\n"
    "Email This field is for validation purposes and should be left unchanged.\n"
    "Completing this poll grants you access to Town News updates free of charge.\n"
    "You may opt out at anytime.\n"
    "You also agree to this site's Privacy Policy and Terms of Use."
)


def test_a_form_inserted_into_a_paragraph_is_cut_to_its_last_line() -> None:
    first, second = BODY.split("\n\n")
    page = parse_text(f"Library stays open\n\n{first}\n{POLL}\n{second}\n")
    assert page.text == f"{first}\n{second}"
    assert page.removed == (POLL,)


def test_an_insert_opened_after_words_on_its_line_keeps_the_words() -> None:
    first, second = BODY.split("\n\n")
    page = parse_text(f"{first}\npic.twitter.com/eJVVuAs0w6 {POLL}\n{second}")
    assert page.text == f"{first}\npic.twitter.com/eJVVuAs0w6\n{second}"
    assert page.removed == (POLL,)


def test_an_opener_without_a_form_is_cut_only_when_it_is_a_line_of_its_own() -> None:
    alone = parse_text(f"{BODY}\nAdvertisement - story continues below\nMore text follows.")
    assert alone.removed == ("Advertisement - story continues below",)
    sentence = "The story continues below the fold, the editor said."
    assert parse_text(f"{BODY}\n{sentence}").text == f"{BODY}\n{sentence}"


def test_credit_copyright_and_share_lines_are_cut_wherever_they_stand() -> None:
    first, second = BODY.split("\n\n")
    furniture = [
        "This report was originally published by Jane Doe at Town News",
        "Think your friends would be interested?",
        "Share this story!",
        "©2018 Town News, Distributed by Tribune Content Agency, LLC.",
        "Article posted with permission from Jane Doe",
    ]
    raw = "\n".join([first, furniture[0], second, *furniture[1:]])
    page = parse_text(raw)
    assert page.text == f"{first}\n{second}"
    assert page.removed == tuple(furniture)
    told = "The minister said the report was published by a rival at dawn, and so it was."
    assert parse_text(f"{BODY}\n{told}").text == f"{BODY}\n{told}"
