# TubeLens. `make demo` and `make test` set everything up themselves on a fresh Debian/Ubuntu.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup system-deps demo test unit lint protos check-protos contract-baseline lock check-lock \
	up bench memory load load-test throughput \
	examples clean

setup: system-deps $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

# Exactly the locked versions, each checked against its hash, then TubeLens itself.
$(STAMP): pyproject.toml requirements/lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# Regenerates the hash-pinned lock files from pyproject.toml (needs PyPI): requirements/lock.txt
# for this Makefile and CI, requirements/<extra>.txt for each server image.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet 'pip-tools>=7.4'
	$(BIN)/python scripts/lock.py

check-lock:
	@$(PYTHON) scripts/lock.py --check

demo: setup
	bash scripts/demo.sh

test: check-lock setup check-protos lint
	$(BIN)/pytest -q

unit: setup
	$(BIN)/pytest -q tests/unit

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	bash scripts/lint-protos.sh
	bash scripts/check-deploy.sh

protos: setup
	$(BIN)/python scripts/gen_protos.py
	$(BIN)/python scripts/gen_proto_docs.py
	$(BIN)/python scripts/gen_openapi.py

# After a release: the current protos become the contract `buf breaking` checks against.
contract-baseline: setup
	bash scripts/check-contract.sh --release

# Regenerate, then fail if the committed code differs (or new files appear).
check-protos: protos
	@if [ -n "$$(git status --porcelain -- tubelens/v1 docs/api.md web/openapi.json)" ]; then \
	  git status --short -- tubelens/v1 docs/api.md web/openapi.json; \
	  echo "tubelens/v1, docs/api.md or web/openapi.json is stale: run 'make protos' and commit the result."; exit 1; \
	fi

# Figures for the README and the issues, from ../shared/data (see each script's --help).
# PySceneDetect is the reference for shot detection only; --no-deps because it would pull in
# opencv-python 5, which replaces the cv2 the services need.
bench: setup
	$(BIN)/pip install --quiet --no-deps 'scenedetect==0.7.2'
	$(BIN)/pip install --quiet 'platformdirs>=3' 'tqdm>=4' 'pytesseract>=0.3'  # the OCR bench's naive baseline
	$(BIN)/python bench/text_quality.py --cv
	$(BIN)/python bench/text_english.py --cv
	$(BIN)/python bench/text_korean.py --cv
	$(BIN)/python bench/text_spam.py
	$(BIN)/python bench/text_speed.py
	$(BIN)/python bench/comments_scale.py
	$(BIN)/python bench/text_ceiling.py
	$(BIN)/python bench/thumbnail_ocr.py --count 80
	$(BIN)/python bench/shots_vs_pyscenedetect.py --frames out/bench/shots
	$(BIN)/python bench/photocard_character.py

# Peak memory against input size for each path, and what each pod needs at its worst (DEPLOY.md).
memory: setup
	$(BIN)/python bench/memory_summary.py
	$(BIN)/python bench/comments_scale.py 1000 3000 10000
	$(BIN)/python bench/memory_images.py
	$(BIN)/python bench/pod_memory.py

# Throughput, latency percentiles and status codes of Analyze calls against a running gateway
# (TUBELENS_TARGET, default 127.0.0.1:50051; a local stack is started when none answers).
LOAD_ARGS ?= --concurrency 4 --seconds 30
load: setup
	bash scripts/load.sh $(LOAD_ARGS)

# Bursts of 300 analyses and twice the load the machine carries (`make test` runs a short form).
load-test: setup
	TUBELENS_LOAD=full $(BIN)/pytest -q -s -m load

# Issue 14's figures, before (a revision in a temporary git worktree) and after (this tree),
# side by side: the whole stack as processes against the fake Gemini (~10 min; BEFORE=rev).
BEFORE ?= c8d42b3
throughput: setup
	$(BIN)/python bench/throughput.py --before $(BEFORE)

# Pictures a person can look at: annotated thumbnails, photo cards, key frames.
examples: setup
	$(BIN)/tubelens examples -o out/examples
	$(BIN)/python scripts/screenshots.py out/examples

up: setup
	$(BIN)/tubelens up

clean:
	rm -rf $(VENV) build node_modules .pytest_cache out
