"""Hand-made analyses: articles written for a test, with entities, statements, events and
framing placed by their words, so cross-article logic is tested whatever the analyser finds."""

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
    When,
    document_id,
)


class Article:
    """Builds one `Analysis`; every span is found by its words in the text."""

    def __init__(
        self,
        text: str,
        *,
        site: str | None = None,
        title: str | None = None,
        section: list[str] | None = None,
        published: str | None = None,
        url: str | None = None,
    ) -> None:
        self.document = Document(
            id=document_id(text),
            url=url,
            site=site,
            title=title,
            section=section or [],
            published=published,
            text=text,
        )
        self.entities: list[Entity] = []
        self.statements: list[Statement] = []
        self.events: list[Event] = []
        self.techniques: list[TechniqueSpan] = []
        self.labels: list[Label] = []

    def span(self, words: str, occurrence: int = 0) -> Span:
        start = -1
        for _ in range(occurrence + 1):
            start = self.document.text.index(words, start + 1)
        return Span.of(self.document.text, start, start + len(words))

    def entity(self, name: str, kind: str, *mentions: str, aliases: tuple[str, ...] = ()) -> str:
        """An entity mentioned by each of `mentions` (first occurrences); returns its id."""
        entity_id = f"e{len(self.entities) + 1}"
        spans = [self.span(words) for words in mentions or (name,)]
        self.entities.append(
            Entity(id=entity_id, name=name, type=kind, aliases=list(aliases), mentions=spans)
        )
        return entity_id

    def statement(
        self,
        content: str,
        cue: str,
        *,
        speaker: str | None = None,
        entity: str | None = None,
        denies: str | None = None,
    ) -> str:
        statement_id = f"s{len(self.statements) + 1}"
        kind = "named" if entity else ("anonymous" if speaker else "unattributed")
        relations = [Relation(type="denies", statement=denies)] if denies else []
        self.statements.append(
            Statement(
                id=statement_id,
                speaker=Speaker(
                    text=speaker,
                    span=self.span(speaker) if speaker else None,
                    entity=entity,
                    kind=kind,
                ),
                cue=self.span(cue),
                content=self.span(content),
                relations=relations,
            )
        )
        return statement_id

    def event(
        self,
        action: str,
        category: str,
        *,
        actor: tuple[str, str | None] | None = None,
        target: tuple[str, str | None] | None = None,
        when: tuple[str, str | None] | None = None,
        evidence: str | None = None,
        negated: bool = False,
    ) -> str:
        """An event; `actor` and `target` are (words, entity id or None)."""
        event_id = f"v{len(self.events) + 1}"
        self.events.append(
            Event(
                id=event_id,
                actor=self._arg(actor),
                action=Action(lemma=action, span=self.span(action)),
                target=self._arg(target),
                category=category,
                negated=negated,
                when=When(text=when[0], value=when[1]) if when else None,
                evidence=self.span(evidence or action),
            )
        )
        return event_id

    def _arg(self, arg: tuple[str, str | None] | None) -> Arg | None:
        if arg is None:
            return None
        return Arg(text=arg[0], span=self.span(arg[0]), entity=arg[1])

    def technique(self, words: str, technique: str, score: float = 0.9) -> None:
        self.techniques.append(
            TechniqueSpan(technique=technique, span=self.span(words), score=score)
        )

    def label(self, entity: str, text: str, count: int = 1) -> None:
        self.labels.append(Label(entity=entity, text=text, count=count))

    def build(self) -> Analysis:
        return Analysis(
            document=self.document,
            entities=self.entities,
            statements=self.statements,
            events=self.events,
            framing=Framing(techniques=self.techniques, labels=self.labels),
        )
