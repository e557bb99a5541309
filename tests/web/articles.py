"""Hand-made analyses for the reader's tests: hostile text, and a second site that dates its
labels, so escaping, charts and related coverage are tested whatever the analyser finds."""

from __future__ import annotations

from newsledger.schema import (
    Action,
    Analysis,
    Arg,
    Document,
    Entity,
    Event,
    Framing,
    Label,
    Relation,
    Span,
    Speaker,
    Statement,
    TechniqueSpan,
    document_id,
)

SCRIPT = "<script>alert(1)</script>"


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span.of(text, start, start + len(words))


def hostile_article() -> Analysis:
    """Markup everywhere a source controls: body, title, section, entity names, labels, link."""
    text = (
        f"The {SCRIPT} ministry said on Monday that “talks had stalled”.\n\n"
        "Officials denied it, and <b>nothing</b> happened."
    )
    speaker = _span(text, f"The {SCRIPT} ministry")
    return Analysis(
        document=Document(
            id=document_id(text),
            url="javascript:alert(2)",
            site="evil.example",
            title="<img src=x onerror=alert(3)>",
            subtitle="<iframe src=//evil.example></iframe>",
            section=["<b>World</b>"],
            published="2011-04-12",
            text=text,
        ),
        entities=[
            Entity(
                id="e1",
                name=f"{SCRIPT} Ministry",
                type="ORG",
                mentions=[speaker],
            )
        ],
        statements=[
            Statement(
                id="s1",
                speaker=Speaker(text=speaker.text, span=speaker, entity="e1", kind="named"),
                cue=_span(text, "said"),
                content=_span(text, "“talks had stalled”"),
                direct=True,
            )
        ],
        events=[
            Event(
                id="v1",
                actor=Arg(text="Officials", span=_span(text, "Officials")),
                action=Action(lemma="deny", span=_span(text, "denied")),
                category="REJECT",
                evidence=_span(text, "Officials denied it"),
            )
        ],
        framing=Framing(
            techniques=[
                TechniqueSpan(technique="Loaded_Language", span=_span(text, "stalled"), score=0.9),
                TechniqueSpan(technique="Doubt", span=_span(text, "denied"), score=0.3),
            ],
            labels=[Label(entity="e1", text="<i>regime</i>", count=1)],
        ),
    )


def dated_article() -> Analysis:
    """A dated article on another site that labels the MKO: a point on its labels' time axis."""
    text = (
        "The MKO held a rally in Paris on Saturday.\n\n"
        "Critics called the MKO a cult, and the cult answered with a statement."
    )
    mko = [_span(text, "MKO"), Span.of(text, text.rindex("MKO"), text.rindex("MKO") + 3)]
    return Analysis(
        document=Document(
            id=document_id(text),
            url="https://example.com/2011/05/mko-rally",
            site="example.com",
            title="MKO rally in Paris",
            section=["Europe"],
            published="2011-05-01",
            text=text,
        ),
        entities=[
            Entity(
                id="e1",
                name="Mojahedin-e Khalq Organization",
                type="ORG",
                aliases=["MKO"],
                mentions=mko,
            )
        ],
        framing=Framing(labels=[Label(entity="e1", text="cult", count=2)]),
    )


def quoted_article() -> Analysis:
    """A claim, its denial, an event and two techniques: what the article page marks."""
    text = (
        "Baghdad said on Monday that “the camp will close by December”.\n\n"
        "The committee denied the report, calling it a sheer lie.\n\n"
        "Troops attacked the camp in April."
    )
    baghdad = _span(text, "Baghdad")
    committee = _span(text, "The committee")
    return Analysis(
        document=Document(
            id=document_id(text),
            url="https://example.org/camp",
            site="example.org",
            title="Camp to close, Baghdad says",
            subtitle="A deadline, and a denial",
            section=["Iraq", "Diyala"],
            published="2011-04-10",
            text=text,
        ),
        entities=[
            Entity(
                id="e1",
                name="Government of Iraq",
                type="ORG",
                aliases=["Baghdad"],
                mentions=[baghdad],
            ),
            Entity(id="e2", name="Ashraf Residents Committee", type="ORG", mentions=[committee]),
        ],
        statements=[
            Statement(
                id="s1",
                speaker=Speaker(text="Baghdad", span=baghdad, entity="e1", kind="named"),
                cue=_span(text, "said"),
                content=_span(text, "“the camp will close by December”"),
                direct=True,
            ),
            Statement(
                id="s2",
                speaker=Speaker(text=committee.text, span=committee, entity="e2", kind="named"),
                cue=_span(text, "denied"),
                content=_span(text, "the report"),
                hedged=True,
                relations=[Relation(type="denies", statement="s1")],
            ),
        ],
        events=[
            Event(
                id="v1",
                actor=Arg(text="Troops", span=_span(text, "Troops")),
                action=Action(lemma="attack", span=_span(text, "attacked")),
                target=Arg(
                    text="the camp",
                    span=Span.of(text, text.rindex("the camp"), text.rindex("the camp") + 8),
                ),
                category="ASSAULT",
                modality="asserted",
                evidence=_span(text, "Troops attacked the camp in April."),
            )
        ],
        framing=Framing(
            techniques=[
                TechniqueSpan(
                    technique="Loaded_Language", span=_span(text, "a sheer lie"), score=0.8
                ),
                TechniqueSpan(technique="Doubt", span=_span(text, "denied"), score=0.45),
            ],
            labels=[Label(entity="e2", text="committee", count=1)],
        ),
    )
