# Set-up and the two commands of the README. Everything installs into .venv.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXTRAS ?= test,atomistic,sevennet

.PHONY: demo test install lint bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	# torch first, pinned: the CPU build on this machine's disk (an unpinned torch pulls CUDA)
	$(BIN)/pip install -q "torch==2.13.0"
	$(BIN)/pip install -q -e ".[$(EXTRAS)]"

# The main job on the embedded data: a pair analysis, windows and an annealing map.
demo: install
	$(BIN)/interphase db info
	$(BIN)/interphase react NCM811 LGPS --plot out/ncm811_lgps.png
	$(BIN)/interphase react Li LAGP
	$(BIN)/interphase react Li LZP
	$(BIN)/interphase react LCO LLZO --potential 4.2
	$(BIN)/interphase window Li3PS4 --plot out/li3ps4_window.png
	$(BIN)/interphase window LLZO
	$(BIN)/interphase carbonate LCO LLZO --plot out/lco_llzo_carbonate.png

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks scripts

bench: install
	$(BIN)/python benchmarks/bench_thermo.py
