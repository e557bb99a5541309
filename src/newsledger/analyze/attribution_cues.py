"""The word lists attribution reads (`data/attribution_cues.json`), loaded once per process."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict

from newsledger.data_files import load_data_model

CUES_FILE = "analyze/data/attribution_cues.json"


class AttributionCues(BaseModel):
    """Cue words by kind; see `data/SOURCES.md` for where they come from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    speech_verbs: frozenset[str]
    thought_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    stance_verbs: frozenset[str]
    cue_nouns: frozenset[str]
    agentless_hedges: frozenset[str]
    agentless_passive_verbs: frozenset[str]
    anonymity_markers: tuple[str, ...]
    anonymous_heads: frozenset[str]
    indefinite_determiners: frozenset[str]
    denial_verbs: frozenset[str]
    denial_phrases: tuple[str, ...]
    support_verbs: frozenset[str]
    reporting_artifacts: frozenset[str]
    representative_heads: frozenset[str]
    place_entity_types: frozenset[str]
    quantity_nouns: frozenset[str]
    violent_verbs: frozenset[str]

    @functools.cached_property
    def verb_classes(self) -> dict[str, str]:
        """Each cue verb lemma's class, speech first when a verb is in several lists."""
        classes: dict[str, str] = {}
        for name, verbs in (
            ("speech", self.speech_verbs),
            ("thought", self.thought_verbs),
            ("intent", self.intent_verbs),
            ("stance", self.stance_verbs),
        ):
            for verb in verbs:
                classes.setdefault(verb, name)
        return classes


@functools.cache
def load_attribution_cues() -> AttributionCues:
    return load_data_model(AttributionCues, CUES_FILE, "the attribution cues")
