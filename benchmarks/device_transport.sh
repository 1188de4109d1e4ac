#!/usr/bin/env bash
# One GPU session, as run through the project's device tool (see docs/atomistic.md):
#   1. install the carried wheels (.whl/: pymatgen, ase, chgnet, a SevenNet-0-only sevenn, ...)
#      into /tmp/site, since the GPU image has torch but none of the atomistic stack;
#   2. MD throughput of each potential on the GPU (bench_md.py, one process);
#   3. transport MD: one bench_transport.py process per (material, temperature), all at once on
#      the one GPU (one CPU thread each), each stopping after BUDGET_S seconds of MD;
#   4. pack trajectories and logs into $OUT (runs.tgz.part_*: cat them, then untar).
# Analyse afterwards, anywhere: bench_transport.py --analyse-only --out <unpacked dir> ...
# Continue earlier runs: unpack them into a git-ignored folder of the checkout (e.g. runs_in/,
# laid out <material>[_sevennet]/<stem>_<T>K.extxyz as packed), carry it with .whl/ (64 MiB in
# all), and set RUNS=runs_in: every run continues exactly from the checkpoint packed beside its
# trajectory (<traj>.restart.npz), or from its last frame when that is missing.
#
# Preparing .whl/ (git-ignored via .git/info/exclude; the GPU image has Python 3.12):
#   pip download --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
#     --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 -d .whl \
#     pymatgen pymatgen-core monty spglib ase chgnet braceexpand matscipy orjson palettable \
#     ruamel.yaml uncertainties            (the versions of the local venv)
#   sevenn: unzip its wheel, delete every checkpoint but SevenNet_0__11Jul2024 (the wheel is
#     43 MB, the device tool carries 64 MiB), zip the tree as .whl/sevenn_slim.zip;
#   nvidia_smi.py (chgnet imports it; nvidia-ml-py3 has no wheel): copy it from the venv.
# Measured 2026-11-26 on one H200: see docs/atomistic.md (Performance, Transport on a GPU).
set -u
OUT=${OUT:-/tmp/out}
BUDGET_S=${BUDGET_S:-300}
BENCH_STEPS=${BENCH_STEPS:-20}
RUNS=${RUNS:-/tmp/runs}
SITE=/tmp/site
if [ -d .whl ] && [ ! -f $SITE/.ok ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target $SITE .whl/*.whl || exit 1
  python3 -m zipfile -e .whl/sevenn_slim.zip $SITE && cp .whl/nvidia_smi.py $SITE/ && touch $SITE/.ok
fi
export PYTHONPATH=$SITE:$PWD/src:${PYTHONPATH:-} PYTHONUNBUFFERED=1 PYTHONWARNINGS=ignore
PY=${PY:-python3}
mkdir -p "$OUT" "$RUNS"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
$PY -c "import torch, chgnet, sevenn, pymatgen.core, ase; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())" || exit 1

if [ "${SKIP_BENCH:-0}" != 1 ]; then
  timeout 200 $PY benchmarks/bench_md.py --steps "$BENCH_STEPS" \
    --cells Li3PO4:100,Li10GeP2S12:100,Li3PS4:100,Li7La3Zr2O12:192 --json "$OUT/bench_md.json"
fi

# material:min_atoms:temperatures[:potential] (potential: chgnet by default; sevennet writes to <material>_sevennet)
JOBS=${JOBS:-"Li10GeP2S12:100:600,700,800,1000 Li3PS4:100:600,750,900 Li6PS5Cl:100:600,750,900 Li7La3Zr2O12:0:900,1000,1100,1300"}
for job in $JOBS; do
  IFS=: read -r mat nmin temps pot <<<"$job"
  pot=${pot:-chgnet}
  dir="$RUNS/$mat"; [ "$pot" = chgnet ] || dir="${dir}_$pot"
  mkdir -p "$dir"
  for t in ${temps//,/ }; do
    OMP_NUM_THREADS=1 $PY benchmarks/bench_transport.py --material "$mat" --temperatures "$t" \
      --min-atoms "$nmin" --out "$dir" --no-summary --threads 1 --potential "$pot" \
      --total-steps 1000000 --chunk-steps "${CHUNK:-250}" --equilibration-steps "${EQUIL:-500}" --save-interval "${SAVE:-20}" --wall-budget-s "$BUDGET_S" \
      >"$dir/log_${t}K.txt" 2>&1 &
  done
done
sleep 30; nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader || true
wait
tail -n 1 "$RUNS"/*/log_*.txt
# The device tool returns at most 8 files of 16 MiB: one archive, cut into 15 MB parts.
tar -C "$RUNS" -czf - . | split -b 15M - "$OUT/runs.tgz.part_"
ls -la "$OUT"
