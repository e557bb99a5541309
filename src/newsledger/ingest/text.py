"""Plain-text pages: split a saved article page into title, deck, section trail and body.

A page saved as text keeps the site's chrome around the article: a breadcrumb on top, share
buttons, "You may also like" and comment forms at the bottom. These lines would otherwise reach
the analysis as if the author wrote them, so they are cut here and listed in `removed`, each
block in full, so that a reader can always see what was dropped.

Decisions that are easy to get wrong, and why they go the way they do:

- The title is moved into `title`, not listed in `removed`: nothing of it is lost. The deck
  is copied into `subtitle` and also stays as the body's first paragraph, because decks
  carry facts of their own (seed.txt's deck is the only place that says the ambassador was
  summoned, and the only place that spells out "Mojahedin-e Khalq Organization (MKO)"), and
  every fact the analysis finds must have offsets into the body.
- A first paragraph is a deck only when the page marks it as one: either it reads like a
  headline (no final punctuation at all), or a headline-like line follows it before the body
  starts (title, deck, inner headline, body: the layout of seed.txt). A plain first paragraph
  is the lede, and taking it out of the body would hide the article's main claim from the
  analysis; a lede that ends in "?" or "!" stays for the same reason.
- An inner headline such as "Iraqi Gov’t Summons French Envoy over MKO Accusations" stays in
  the body as its own paragraph. It is the article's own wording (often the wire service's
  headline), not navigation, and `removed` is for chrome only; a heading costs the analysis
  nothing, while dropping words would lose what the page said.
- A form the site inserts into the story (a poll with its sign-up fields: "take our poll - story
  continues below", the question, the choices, "Email *", "You may opt out at anytime.") is cut
  from the line that opens it to its last field or consent line, even inside a paragraph: PTC's
  pages keep one article paragraph per line, and the poll's eight politicians would otherwise be
  the article's entities. Field and consent lines are cut wherever they stand, and so are a
  syndication credit ("Article posted with permission from ...", "This report was originally
  published by ..."), a copyright line and a share prompt ("Think your friends would be
  interested?"): provenance and furniture, kept in `removed`. An opener with no form after it is
  cut only when it is a line of its own ("Advertisement - story continues below"), since the
  words could be the author's.
- A block that opens the page's tail ("You may also like", "Leave a Comment", "Related
  posts", "Comments") ends the article: it and everything after it are removed. Before any
  article text it removes only itself, so a stray marker cannot empty a page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Words that start a breadcrumb trail; a trail is only trusted when it starts with one of
# these, because a line such as "Iraq / France" is more likely a headline than navigation.
_HOME = r"(?:home(?:\s*page)?|start|front\s*page|main\s*page)"
_BREADCRUMB = re.compile(
    rf"^(?:you are here\s*:?\s*)?{_HOME}(?P<pre>\s*)(?P<sep>»|›|>|/|\||→|::)(?P<post>\s*)\S",
    re.IGNORECASE,
)

_TAIL_MARKER = re.compile(
    r"(?:you (?:may|might) (?:also )?(?:like|enjoy)"
    r"|related(?: posts?| articles?| stories| news| content| coverage| reading| items)?"
    r"|more (?:stories|news|articles)(?: from .{1,40})?"
    r"|recommended(?: for you| stories| articles)?"
    r"|(?:leave|post|add|write) a (?:comment|reply)(?: cancel reply)?"
    r"|(?:\d+ )?comments?(?: \(\d+\))?"
    r"|join the (?:discussion|conversation)"
    r"|(?:popular|recent) (?:posts|stories)|most (?:read|popular|viewed)|trending(?: now)?"
    r"|about the author|what do you think\?)"
    r"\s*:?",
    re.IGNORECASE,
)

_CHROME_LINE = re.compile(
    r"(?:share(?: this(?: article| story| post| page)?)?(?: on \w+)?"
    r"|(?:click to )?(?:share|email|print) (?:on \w+|this(?: article| page| story)?)"
    r"(?: \(opens in new window\))?"
    r"|like this|like loading\.\.\.|loading\.\.\."
    r"|advertisement|sponsored(?: content)?|skip to (?:main )?content|back to top"
    r"|read more(?: ?[:»›>-].{0,200})?|(?:read|see) also ?:.{0,200}|related ?:.{0,200}"
    r"|(?:tags?|filed under|posted in|categories) ?:.{0,300}"
    r"|(?:sign up|subscribe) (?:to|for) (?:our|the) newsletter.{0,200}"
    r"|follow us(?: on .{0,100})?)"
    r"\s*:?",
    re.IGNORECASE,
)

_SOCIAL = re.compile(
    r"facebook|twitter|x|linkedin|whatsapp|e-?mail|mail|print|pinterest|reddit|telegram|tumblr"
    r"|pocket|share|tweet|copy|link|messenger|flipboard|google\+"
)

# A cookie notice names cookies and asks for something; a news story about cookies rarely
# does both in one short paragraph.
_COOKIE = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site) uses? cookies|\bcookie (?:policy|settings)",
    re.IGNORECASE,
)
_COOKIE_REQUEST = re.compile(
    r"\b(?:accept|agree|consent|by (?:using|continuing)|continu(?:e|ing) to (?:use|browse)"
    r"|learn more|got it|manage (?:settings|preferences)|cookie (?:policy|settings))",
    re.IGNORECASE,
)

# The line that announces an insert, and the lines of a sign-up form, which no author writes.
_INSERT_OPENER = re.compile(
    r"(?:(?:take (?:our|the) (?:poll|survey)|advertisement)\s*[-–—:]?\s*)?"
    r"(?:the )?(?:story|article) continues below",
    re.IGNORECASE,
)
_FORM_LINE = re.compile(
    r"(?:(?:[\w ]{1,30} )?this field is for validation purposes and should be left unchanged"
    r"|(?:e-?mail|name|phone|comments?)\s*\*"
    r"|completing this (?:poll|survey|form) grants you access to .{1,100}"
    r"|you may opt out at any ?time"
    r"|you (?:also )?agree to (?:this site's|our) privacy policy(?: and terms of (?:use|service))?)"
    r"\s*\.?",
    re.IGNORECASE,
)
# A line about the article rather than of it, wherever it stands.
_CREDIT_LINE = re.compile(
    r"(?:(?:this )?(?:article|report|story|post|piece) (?:was )?(?:originally )?"
    r"(?:posted|published|republished|reprinted|reposted)(?: with permission)? (?:from|by|at|on|in)"
    r" .{1,150}"
    r"|(?:©|\(c\)|copyright)\s*(?:\d{4}\b).{0,200}"
    r"|think your friends would be interested\?|share this (?:story|article|post)!)",
    re.IGNORECASE,
)
# How far after its opener an insert's form may end.
_INSERT_MAX_LINES = 15

# A full stop, then a capital: two sentences, which a headline never is.
_SENTENCE_BREAK = re.compile(r"\b[a-z]{3,}[.!?][\"'’”]?\s+[A-Z\"“]")

_HEADLINE_MAX_CHARS = 250
_HEADLINE_MAX_WORDS = 30
_DECK_MAX_CHARS = 400
_CRUMB_MAX_CHARS = 400
_MARKER_MAX_CHARS = 80
_NOTICE_MAX_CHARS = 600
# Some sources wrap a long title over two or three lines.
_TITLE_MAX_LINES = 3


@dataclass(frozen=True)
class Page:
    """What an extractor found on one page, before the loader checks limits and ids."""

    text: str
    title: str | None = None
    subtitle: str | None = None
    section: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    url: str | None = None
    site: str | None = None
    published: str | None = None


def normalise(text: str) -> str:
    """One newline convention, NFC, no trailing spaces and at most one blank line in a row.

    Extractors compare lines with each other, so every source must reach them in one form.
    """
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def blocks(text: str) -> list[str]:
    """The paragraphs of normalised text: runs of lines between blank lines."""
    return [block.strip() for block in text.split("\n\n") if block.strip()]


def same_line(a: str, b: str) -> bool:
    """Whether two lines say the same thing up to case, quotes, dashes and spacing.

    A breadcrumb may also cut a long title short with an ellipsis.
    """
    left, right = _fold(a), _fold(b)
    if left == right:
        return True
    for raw, cut, full in ((a, left, right), (b, right, left)):
        if raw.rstrip().endswith(("…", "...")) and len(cut) >= 10 and full.startswith(cut):
            return True
    return False


def _fold(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).casefold()
    line = re.sub(r"[‘’‚‛′`]", "'", line)
    line = re.sub(r"[“”„‟″]", '"', line)
    line = re.sub(r"[‐‑‒–—―]", "-", line)
    return " ".join(line.split()).rstrip(" .:;")


def breadcrumb_trail(block: str) -> list[str] | None:
    """The trail of a breadcrumb line without its leading Home word, or None if it is not one."""
    if "\n" in block or len(block) > _CRUMB_MAX_CHARS:
        return None
    match = _BREADCRUMB.match(block)
    if match is None:
        return None
    separator = re.escape(match["sep"])
    spaced = bool(match["pre"]) and bool(match["post"])
    parts = re.split(rf"\s+{separator}\s+" if spaced else rf"\s*{separator}\s*", block)
    trail = [part.strip() for part in parts[1:] if part.strip()]
    return trail or None


def is_tail_marker(block: str) -> bool:
    """Whether a block is a heading that starts the page's tail (related links, comments)."""
    return len(block) <= _MARKER_MAX_CHARS and _TAIL_MARKER.fullmatch(block) is not None


def is_chrome(block: str) -> bool:
    """Whether a block is page furniture wherever it stands: share bar, tags, cookie notice."""
    if "\n" not in block and _CHROME_LINE.fullmatch(block) is not None:
        return True
    words = re.findall(r"[\w+-]+", block.casefold())
    if not block.endswith(".") and 0 < len(words) <= 12 and all(map(_SOCIAL.fullmatch, words)):
        return True
    return (
        len(block) <= _NOTICE_MAX_CHARS
        and _COOKIE.search(block) is not None
        and _COOKIE_REQUEST.search(block) is not None
    )


def cut_inserts(block: str) -> tuple[str, list[str]]:
    """A block without the forms inserted into it and the credit lines in it (see the module
    doc), and what was cut."""
    lines = block.split("\n")
    kept: list[str] = []
    cut: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        # The words every opener ends in first: a scan of the whole line for the full pattern
        # would double the cost of reading a page.
        opener = _INSERT_OPENER.search(line) if "continues below" in line.lower() else None
        if opener is not None:
            window = lines[index + 1 : index + 1 + _INSERT_MAX_LINES]
            form = [n for n, later in enumerate(window) if _is_form_line(later)]
            if form:
                if before := line[: opener.start()].rstrip():
                    kept.append(before)
                cut.append("\n".join([line[opener.start() :], *window[: form[-1] + 1]]))
                index += form[-1] + 2
                continue
            if opener.group() == line.strip():
                cut.append(line)
                index += 1
                continue
        if _is_form_line(line) or _CREDIT_LINE.fullmatch(line.strip()) is not None:
            cut.append(line)
        else:
            kept.append(line)
        index += 1
    return "\n".join(kept).strip(), cut


def _is_form_line(line: str) -> bool:
    return _FORM_LINE.fullmatch(line.strip()) is not None


def is_headline(block: str) -> bool:
    """Whether a block reads like a headline: one short line, not a finished sentence.

    A final full stop usually marks a sentence, but some sites end headlines with one; those
    are recognised by their title case.
    """
    if "\n" in block or len(block) > _HEADLINE_MAX_CHARS:
        return False
    words = block.split()
    if (
        not words
        or len(words) > _HEADLINE_MAX_WORDS
        or not (block[0].isupper() or block[0] in "0123456789'\"‘“")
    ):
        return False
    if _last_mark(block) in ("", ",", ";", ":") or _SENTENCE_BREAK.search(block):
        return False
    if _last_mark(block) != ".":
        return True
    bare = [word.lstrip("'\"‘“(") for word in words]
    long_words = [word for word in bare if len(word) >= 4 and word[0].isalpha()]
    capitalised = [word for word in long_words if word[0].isupper()]
    return len(long_words) >= 3 and len(capitalised) >= 0.9 * len(long_words)


def _last_mark(line: str) -> str:
    """The line's last character once closing quotes and brackets are set aside."""
    return line.rstrip("'\"’”)]»")[-1:]


def parse_text(raw: str) -> Page:
    """Title, deck, section and clean body of a page saved as text, with the chrome it cut."""
    removed: list[str] = []
    kept: list[str] = []
    trail: list[str] | None = None
    page_blocks = blocks(normalise(raw))
    for index, whole in enumerate(page_blocks):
        block, inserts = cut_inserts(whole)
        removed.extend(inserts)
        if not block:
            continue
        if trail is None and not kept and (found := breadcrumb_trail(block)):
            trail = found
            removed.append(block)
        elif kept and is_tail_marker(block):
            removed.extend([block, *page_blocks[index + 1 :]])
            break
        elif is_chrome(block) or is_tail_marker(block):
            removed.append(block)
        else:
            kept.append(block)
    title, section, kept = _take_title(kept, trail or [])
    subtitle = None
    if title is not None and _is_deck(kept):
        subtitle = kept[0]
    return Page(
        text="\n\n".join(kept),
        title=title,
        subtitle=subtitle,
        section=tuple(section),
        removed=tuple(removed),
    )


def _take_title(kept: list[str], trail: list[str]) -> tuple[str | None, list[str], list[str]]:
    """The title, the section trail without it, and the blocks left for the body.

    A breadcrumb usually ends with the article's own title; when the page repeats it as the
    first line, that line is the title (the breadcrumb may have shortened it). Without one, a
    short first block that reads like a headline is the title, as in PTC's files.
    """
    if trail and kept and same_line(kept[0], trail[-1]):
        return kept[0], trail[:-1], kept[1:]
    if len(trail) >= 2 and is_headline(trail[-1]) and len(trail[-1].split()) >= 4:
        return trail[-1], trail[:-1], kept
    if len(kept) >= 2 and kept[0].count("\n") < _TITLE_MAX_LINES:
        title = " ".join(kept[0].split())
        if is_headline(title):
            return title, trail, kept[1:]
    return None, trail, kept


def _is_deck(kept: list[str]) -> bool:
    """Whether the first block after the title is a deck rather than the lede (see module doc)."""
    if len(kept) < 2 or "\n" in kept[0] or len(kept[0]) > _DECK_MAX_CHARS:
        return False
    first = kept[0]
    if is_headline(first) and _last_mark(first) not in ".!?" and len(first.split()) >= 4:
        return not is_headline(kept[1])
    return len(kept) >= 3 and is_headline(kept[1]) and not is_headline(kept[2])
