"""The `newsledger/analysis@1` contract: every stage hands data on as these models.

`newsledger schema` prints the JSON Schema published as `docs/analysis.schema.json`.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_ID: Literal["newsledger/analysis@1"] = "newsledger/analysis@1"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """Character offsets into `document.text`, end exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length does not match its offsets")
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of `text[start:end]`."""
        return cls(start=start, end=end, text=text[start:end])


class Arg(Model):
    """A participant: its words, where they are, and the entity they refer to."""

    text: str
    span: Span | None = None
    entity: str | None = None


class Document(Model):
    id: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    subtitle: str | None = None
    section: list[str] = Field(default_factory=list)
    published: str | None = None
    language: str = "en"
    text: str
    removed: list[str] = Field(default_factory=list)


class Entity(Model):
    id: str
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


SpeakerKind = Literal["named", "anonymous", "unattributed"]


class Speaker(Model):
    text: str | None = None
    span: Span | None = None
    entity: str | None = None
    kind: SpeakerKind


class Relation(Model):
    type: Literal["denies", "supports", "reports"]
    statement: str


class Statement(Model):
    id: str
    speaker: Speaker
    cue: Span
    content: Span
    direct: bool = False
    hedged: bool = False
    relations: list[Relation] = Field(default_factory=list)


class Action(Model):
    lemma: str
    span: Span


class When(Model):
    text: str
    value: str | None = None


class Quantity(Model):
    value: float
    text: str


Modality = Literal["asserted", "reported", "intended", "disputed"]


class Event(Model):
    id: str
    actor: Arg | None = None
    action: Action
    target: Arg | None = None
    category: str | None = None
    negated: bool = False
    modality: Modality = "asserted"
    statement: str | None = None
    when: When | None = None
    where: Arg | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    evidence: Span


class TechniqueSpan(Model):
    technique: str
    span: Span
    score: float = Field(ge=0.0, le=1.0)


class Label(Model):
    entity: str
    text: str
    count: int = Field(ge=1)


class Sourcing(Model):
    statements: int = 0
    named: int = 0
    anonymous: int = 0
    unattributed: int = 0
    hedged: int = 0
    author_assertions: int = 0


class Framing(Model):
    techniques: list[TechniqueSpan] = Field(default_factory=list)
    labels: list[Label] = Field(default_factory=list)
    sourcing: Sourcing = Field(default_factory=Sourcing)


class Analysis(Model):
    schema_: Literal["newsledger/analysis@1"] = Field(default=SCHEMA_ID, alias="schema")
    document: Document
    entities: list[Entity] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    framing: Framing = Field(default_factory=Framing)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True)


def iter_spans(model: BaseModel) -> Iterator[Span]:
    """Every span anywhere inside a model, for checks such as `text[start:end] == span.text`."""
    for name in type(model).model_fields:
        for value in _flatten(getattr(model, name)):
            if isinstance(value, Span):
                yield value
            elif isinstance(value, BaseModel):
                yield from iter_spans(value)


def _flatten(value: object) -> Iterator[object]:
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    else:
        yield value


def unstorable_strings(model: BaseModel) -> list[str]:
    """The strings inside a model that no store can write as text: those holding NUL, which
    PostgreSQL refuses, or a lone surrogate, which UTF-8 cannot encode."""
    return [value for value in _strings(model.model_dump()) if not _storable(value)]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item)


def _storable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in value


def misplaced_spans(analysis: Analysis) -> list[Span]:
    """The spans whose text is not what `document.text` holds at their offsets."""
    text = analysis.document.text
    return [span for span in iter_spans(analysis) if text[span.start : span.end] != span.text]


def normalise_text(text: str) -> str:
    """The body as the document id sees it: NFC, whitespace runs collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def document_id(text: str) -> str:
    """A stable id for a body: the same words give the same id whatever the spacing."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def json_schema() -> str:
    schema = Analysis.model_json_schema(by_alias=True)
    schema["$id"] = f"https://newsledger.dev/schemas/{SCHEMA_ID.replace('@', '-')}.json"
    schema["title"] = SCHEMA_ID
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
