"""Train the attribution head on the framing tagger's encoder and graft it into that ONNX model.

    .venv/bin/python scripts/train_attribution_head.py [--data ../shared/data/polnear]
        [--work build/attribution-head] [--out src/newsledger/analyze/data]

The technique tagger (`scripts/train_framing.py`) already runs a MiniLM encoder over every
document. This script puts a second, small head on the same pass, so that attribution gets a
transformer's reading of the text at almost no cost:

1. Hidden states. Every piece of every PolNeAR `train` article goes through the shipped model
   (`framing_tagger.onnx`, int8, the graph users run) with three encoder layers exposed: the
   third (still all-MiniLM-L6-v2's own weights), the fourth and the sixth (fine-tuned for
   propaganda spans). Windows and pieces are the runtime's (`framing_model.encode`,
   `window_bounds`, `batch_inputs`).
2. Labels. A piece is `cue`, `source` or `content` when it overlaps that role of any gold
   attribution (roles can nest, so each is a separate yes/no).
3. Out-of-fold probabilities. A two-layer perceptron is trained five times, each time without
   a fifth of the articles, and predicts the fifth it did not see. `train_attribution.py`
   trains the CRFs on these probabilities, so that they learn how far to trust the head on text
   it has not seen, which is what the head meets at run time.
4. The shipped head is trained on all 840 articles and grafted onto the ONNX graph as a third
   output, `attribution_probs` [batch, pieces, 3] (cue, source, content), in float32. The
   technique outputs are untouched.

`dev` is never read (`eval/polnear.py` scores it), nor `test`. Seeded (torch's generator and
the fold assignment), single-threaded reductions aside it reproduces run to run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import torch
from onnx import TensorProto, helper, numpy_helper
from tokenizers import Tokenizer

from newsledger.analyze.attribution_corpus import read_attributions, split_articles
from newsledger.analyze.framing_model import (
    ATTRIBUTION_OUTPUT,
    ATTRIBUTION_ROLES,
    META_FILE,
    MODEL_FILE,
    TOKENIZER_FILE,
    batch_inputs,
    encode,
    window_bounds,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"
HIDDEN_LAYERS = (2, 3, 5)
HIDDEN_SIZE = 384
HEAD_PREFIX = "attribution_head/"
FOLDS = 5


def layer_output(layer: int) -> str:
    return f"/tagger/layer.{layer}/output/LayerNorm/LayerNormalization_output_0"


def without_head(model: onnx.ModelProto) -> onnx.ModelProto:
    """The graph with any earlier attribution head removed, so a rerun replaces it."""
    graph = model.graph
    keep_nodes = [node for node in graph.node if not node.name.startswith(HEAD_PREFIX)]
    keep_init = [init for init in graph.initializer if not init.name.startswith(HEAD_PREFIX)]
    keep_out = [out for out in graph.output if out.name != ATTRIBUTION_OUTPUT]
    del graph.node[:]
    graph.node.extend(keep_nodes)
    del graph.initializer[:]
    graph.initializer.extend(keep_init)
    del graph.output[:]
    graph.output.extend(keep_out)
    return model


def hidden_states(model_path: Path, tokenizer: Tokenizer, texts: list[str], threads: int):
    """Per article: piece offsets [n, 2] and the chosen layers' states [n, 3 * 384] (float16)."""
    model = without_head(onnx.load(str(model_path)))
    for layer in HIDDEN_LAYERS:
        model.graph.output.append(
            helper.make_tensor_value_info(layer_output(layer), TensorProto.FLOAT, None)
        )
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    session = onnxruntime.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    names = [layer_output(layer) for layer in HIDDEN_LAYERS]
    for text in texts:
        pieces = encode(tokenizer, text)
        n = len(pieces.ids)
        states = np.zeros((n, HIDDEN_SIZE * len(names)), dtype=np.float16)
        bounds = window_bounds(n)
        for offset in range(0, len(bounds), 8):
            chunk = bounds[offset : offset + 8]
            input_ids, mask = batch_inputs(pieces.ids, chunk)
            joined = np.concatenate(
                session.run(names, {"input_ids": input_ids, "attention_mask": mask}), axis=-1
            )
            for row, (start, end) in enumerate(chunk):
                states[start:end] = joined[row, 1 : end - start + 1]
        yield pieces.offsets, states


def piece_labels(offsets: np.ndarray, annotation: Path) -> np.ndarray:
    labels = np.zeros((len(offsets), len(ATTRIBUTION_ROLES)), dtype=np.float32)
    starts, ends = offsets[:, 0], offsets[:, 1]
    for gold in read_attributions(annotation):
        for column, pieces in enumerate((gold.cue, gold.source, gold.content)):
            for start, end in pieces:
                labels[(starts < end) & (ends > start), column] = 1.0
    return labels


class Head(torch.nn.Module):
    def __init__(self, width: int, hidden: int, dropout: float) -> None:
        super().__init__()
        self.first = torch.nn.Linear(width, hidden)
        self.dropout = torch.nn.Dropout(dropout)
        self.second = torch.nn.Linear(hidden, len(ATTRIBUTION_ROLES))

    def forward(self, states: torch.Tensor) -> torch.Tensor:
        return self.second(self.dropout(torch.relu(self.first(states))))


def fit(states: np.ndarray, labels: np.ndarray, args: argparse.Namespace) -> Head:
    generator = torch.Generator().manual_seed(args.seed)
    torch.manual_seed(args.seed)
    head = Head(states.shape[1], args.hidden, args.dropout)
    optimizer = torch.optim.AdamW(head.parameters(), lr=args.lr, weight_decay=1e-2)
    inputs, targets = torch.from_numpy(states), torch.from_numpy(labels)
    head.train()
    for _ in range(args.epochs):
        order = torch.randperm(len(inputs), generator=generator)
        for first in range(0, len(order), args.batch):
            rows = order[first : first + args.batch]
            logits = head(inputs[rows].float())
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return head.eval()


def predict(head: Head, states: np.ndarray) -> np.ndarray:
    with torch.inference_mode():
        return torch.sigmoid(head(torch.from_numpy(states).float())).numpy()


def piece_f1(probs: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    scores = {}
    for column, role in enumerate(ATTRIBUTION_ROLES):
        guess, gold = probs[:, column] >= 0.5, labels[:, column] == 1
        hits = int((guess & gold).sum())
        total = int(guess.sum() + gold.sum())
        scores[role] = round(2 * hits / total, 4) if total else 0.0
    return scores


def graft(model_path: Path, head: Head, out_path: Path) -> None:
    """`model_path`'s graph plus the head on its chosen layers, written to `out_path`."""
    model = without_head(onnx.load(str(model_path)))
    graph = model.graph
    weights = {
        "w1": head.first.weight.detach().numpy().T.copy(),
        "b1": head.first.bias.detach().numpy(),
        "w2": head.second.weight.detach().numpy().T.copy(),
        "b2": head.second.bias.detach().numpy(),
    }
    for name, value in weights.items():
        graph.initializer.append(numpy_helper.from_array(value, HEAD_PREFIX + name))

    def node(op: str, inputs: list[str], name: str, **attributes: object) -> str:
        output = HEAD_PREFIX + name
        graph.node.append(helper.make_node(op, inputs, [output], name=output, **attributes))
        return output

    joined = node("Concat", [layer_output(layer) for layer in HIDDEN_LAYERS], "concat", axis=-1)
    first = node(
        "Add", [node("MatMul", [joined, HEAD_PREFIX + "w1"], "matmul1"), HEAD_PREFIX + "b1"], "add1"
    )
    second = node(
        "Add",
        [
            node("MatMul", [node("Relu", [first], "relu"), HEAD_PREFIX + "w2"], "matmul2"),
            HEAD_PREFIX + "b2",
        ],
        "add2",
    )
    graph.node.append(
        helper.make_node("Sigmoid", [second], [ATTRIBUTION_OUTPUT], name=HEAD_PREFIX + "sigmoid")
    )
    graph.output.append(
        helper.make_tensor_value_info(
            ATTRIBUTION_OUTPUT, TensorProto.FLOAT, ["batch", "pieces", len(ATTRIBUTION_ROLES)]
        )
    )
    partial = out_path.with_name(out_path.name + ".partial")
    onnx.save(model, str(partial))
    partial.replace(out_path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "attribution-head")
    parser.add_argument("--out", type=Path, default=ROOT / "src/newsledger/analyze/data")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    if not (args.data / "train" / "attributions").is_dir():
        print(f"train_attribution_head: no PolNeAR train split under {args.data}", file=sys.stderr)
        return 2
    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    model_path = args.out / MODEL_FILE
    tokenizer = Tokenizer.from_file(str(args.out / TOKENIZER_FILE))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    articles = split_articles(args.data / "train")
    texts = [article.text.read_text(encoding="utf-8") for article in articles]
    offsets, states, labels = [], [], []
    for article, (piece_offsets, piece_states) in zip(
        articles, hidden_states(model_path, tokenizer, texts, args.threads), strict=True
    ):
        offsets.append(piece_offsets)
        states.append(piece_states)
        labels.append(piece_labels(piece_offsets, article.annotation))
    print(
        f"{len(articles)} articles, {sum(len(o) for o in offsets)} pieces"
        f" ({time.perf_counter() - started:.0f} s to encode)",
        flush=True,
    )
    folds = [zlib.crc32(article.name.encode("utf-8")) % FOLDS for article in articles]
    out_of_fold = [np.zeros_like(label) for label in labels]
    for fold in range(FOLDS):
        seen = [k for k, f in enumerate(folds) if f != fold]
        head = fit(
            np.concatenate([states[k] for k in seen]),
            np.concatenate([labels[k] for k in seen]),
            args,
        )
        for k, f in enumerate(folds):
            if f == fold:
                out_of_fold[k] = predict(head, states[k])
        print(f"fold {fold + 1}/{FOLDS} ({time.perf_counter() - started:.0f} s)", flush=True)
    scores = piece_f1(np.concatenate(out_of_fold), np.concatenate(labels))
    print(f"out-of-fold piece F1 at 0.5: {scores}", flush=True)
    args.work.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.work / "train_probs.npz",
        names=np.array([article.name for article in articles]),
        offsets=np.concatenate(offsets),
        probs=np.concatenate(out_of_fold).astype(np.float16),
        lengths=np.array([len(o) for o in offsets]),
    )
    head = fit(np.concatenate(states), np.concatenate(labels), args)
    graft(model_path, head, model_path)
    meta_path = args.out / META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["attribution_head"] = {
        "roles": list(ATTRIBUTION_ROLES),
        "layers": [layer + 1 for layer in HIDDEN_LAYERS],
        "hidden": args.hidden,
        "epochs": args.epochs,
        "lr": args.lr,
        "seed": args.seed,
        "data": "PolNeAR train, 840 articles",
        "out_of_fold_piece_f1": scores,
    }
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"grafted the head into {model_path} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
