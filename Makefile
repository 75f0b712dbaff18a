# The two commands the README starts with: `make run` and `make test`.
# The interpreter the virtual environment is made from: the distribution's own python3 where
# it is 3.11 or later and can make one, else the first python3 on the PATH. pyenv builds
# without --enable-optimizations and as a shared library by default; Debian's build ran our
# enrichment 15-20% faster on the same machine (docs/benchmarks.md, "Which Python"). Override
# with `make PYTHON=...`.
SYSTEM_PYTHON := /usr/bin/python3
PYTHON ?= $(shell $(SYSTEM_PYTHON) -c 'import ensurepip, sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $(SYSTEM_PYTHON) || echo python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test down bench quality

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,transformers,nlp]'
	touch $(STAMP)

## Start Kafka, Elasticsearch and the worker locally and index the demo mentions.
run: $(STAMP)
	$(BIN)/webcare demo

## Lint, type-check (tests included), check the import layers and the declared dependencies,
## and run all tests (integration tests start their own Kafka + Elasticsearch).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/deptry .
	$(BIN)/pytest

## Stop everything `make run` started.
down: $(STAMP)
	$(BIN)/webcare local down

## Benchmarks print numbers; they are never timed tests. They use the local stack as it
## runs; the memory figures in docs/benchmarks.md were taken on one started with
## WEBCARE_ES_HEAP_MB=384 WEBCARE_KAFKA_HEAP_MB=160 (worker_memory.py prints the heaps).
bench: $(STAMP)
	$(BIN)/python benchmarks/enrich_throughput.py
	$(BIN)/python benchmarks/brand_matching.py
	$(BIN)/python benchmarks/end_to_end.py --rate 500 --seconds 20
	$(BIN)/python benchmarks/pipeline_speed.py
	$(BIN)/python benchmarks/alerts.py --rate 1000 --seconds 25
	$(BIN)/python benchmarks/alerts.py --skip-matching --rate 1000 --seconds 25
	$(BIN)/python benchmarks/elastalert_compare.py
	$(BIN)/python benchmarks/conversation_cost.py
	$(BIN)/python benchmarks/first_response.py
	$(BIN)/python benchmarks/worker_memory.py

## Quality report on ../shared/eval (test splits only).
quality: $(STAMP)
	$(BIN)/python benchmarks/quality_report.py
