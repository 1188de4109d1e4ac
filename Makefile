# Set-up and the two commands of the README. Everything installs into .venv.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXTRAS ?= test,atomistic,sevennet,web,microscopy

.PHONY: demo test install lint bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	# torch first, pinned: the CPU build on this machine's disk (an unpinned torch pulls CUDA)
	$(BIN)/pip install -q "torch==2.13.0"
	$(BIN)/pip install -q -e ".[$(EXTRAS)]"

# The main job on the embedded data: a whole stack, every interface at three levels, an
# offline HTML report in out/report; then the coated stack beside it.
demo: install
	$(BIN)/interphase db info
	$(BIN)/interphase analyze examples/stacks/ncm811_lpscl_li.toml --out out/report --quiet
	$(BIN)/interphase analyze examples/stacks/ncm811_linbo3_lpscl_li.toml --out out/report_linbo3 --quiet
	$(BIN)/interphase compare examples/stacks/ncm811_lpscl_li.toml examples/stacks/ncm811_linbo3_lpscl_li.toml

test: install
	bash scripts/install_browser.sh
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks scripts

bench: install
	$(BIN)/python benchmarks/bench_thermo.py
	$(BIN)/python benchmarks/bench_analyze.py
