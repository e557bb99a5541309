"""What a batch is linked with: the `Linker` (shared tables and caches) and the `Batch` itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsledger.analyze.aliases import AliasTable, load_alias_table
from newsledger.corpus.claims import ContentVectors, Signer, load_content_vectors
from newsledger.corpus.resolve import CanonicalName, canonical_name
from newsledger.schema import Analysis, Entity

DEFAULT_CLAIM_SIMILARITY = 0.55
NAME_CACHE = 200_000


class Linker:
    """What linking needs besides the rows: the alias table, the claim signer and content
    vectors, a threshold.

    Build one per ingest run; each holds only read-only tables and caches, never stored ids,
    since a batch that rolls back must leave nothing behind.
    """

    def __init__(
        self,
        aliases: AliasTable | None = None,
        signer: Signer | None = None,
        claim_similarity: float = DEFAULT_CLAIM_SIMILARITY,
    ) -> None:
        self.aliases = aliases if aliases is not None else load_alias_table()
        self.signer = signer if signer is not None else Signer()
        self.content_vectors: ContentVectors = load_content_vectors()
        self.claim_similarity = claim_similarity
        self._names: dict[tuple[str, str, tuple[str, ...]], CanonicalName] = {}

    def canonical(self, entity: Entity) -> CanonicalName:
        """`resolve.canonical_name`, remembered: the same names recur in every batch, and
        folding every spelling of a table row is most of the cost of linking entities."""
        key = (entity.name, entity.type, tuple(entity.aliases))
        found = self._names.get(key)
        if found is None:
            if len(self._names) >= NAME_CACHE:
                self._names.clear()
            found = self._names[key] = canonical_name(entity, self.aliases)
        return found


@dataclass
class Batch:
    """The documents of one batch, with their pks and local-to-canonical entity maps."""

    analyses: list[Analysis]
    pks: list[int]
    entity_ids: list[dict[str, int]] = field(default_factory=list)
    # Canonical names of the batch's entities, by id: the facets count by name.
    entity_names: dict[int, str] = field(default_factory=dict)
