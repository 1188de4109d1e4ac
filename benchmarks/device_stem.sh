#!/usr/bin/env bash
# GPU run of bench_stem.py, for a lent device machine: installs the microscopy extra with CuPy,
# runs the CPU and GPU benchmarks on the same card's host, prints both. About 5 minutes.
set -euo pipefail
python -m pip install -q -e ".[microscopy]" cupy-cuda12x
nvidia-smi --query-gpu=name,memory.total --format=csv
python benchmarks/bench_stem.py --device gpu --windows 4 8
python benchmarks/bench_stem.py --device cpu --windows 2 4
