#!/bin/bash
# The GPU check to use: the notebooks' `#| cuda` cells, one TGR iteration per variant and a kernel profile of the inversion.
#   bash .ci/gpu/check.sh DEADLINE_S [QUICK] [PLAN]      (defaults 450, 0 and the PLAN below; carry .whl: fastcore's wheel)
#   env CUDA_CELLS=ID,..  TGR_MATRIX_REPEATS=N  PROF_VARIANTS=V,..  PROF_SIZES=84,32  WORK (default /tmp/gw)  OUT (default /tmp/gout)
# 1. cuda_cells.py on 00, 09 and 05, at most 150 s ($WORK/cuda_cells.json): graphed steps against eager ones in float64.
# 2. tgr_matrix.py in fork mode (each size:variant of PLAN in a fresh process) up to 5 s before the deadline
#    ($WORK/tgr_matrix.json); QUICK=1 plans 32:loop_fp32,32:loop_fast, a CPU dry run.
# 3. prof_inv.py, 12 steps of PROF_VARIANTS at PROF_SIZES, if at least 60 s are left ($WORK/prof_inv.json and .json.gz traces).
# Writes $OUT/check.tgz (all of $WORK) and $OUT/driver.log (each step's time and exit code). About 265-400 s on an H100
# with DEADLINE_S 300-440; give the device call a timeout of about DEADLINE_S + 30.
set -u
T0=$(date +%s); DL=${1:-450}; Q=${2:-0}
PLAN=${3:-32:graph_bf16_streams_persist,84:graph_bf16_streams_persist,84:graph_bf16_persist,32:graph_bf16_persist,84:graph_bf16_fast_streams_persist,84:graph_bf16,32:graph_bf16_streams,32:graph_bf16_fast_streams_persist}
[ "$Q" = 1 ] && PLAN=32:loop_fp32,32:loop_fast
W=${WORK:-/tmp/gw}; mkdir -p $W; OUT=${OUT:-/tmp/gout}; mkdir -p $OUT
[ -d .whl ] && python3 -c "import fastcore" 2>/dev/null || python3 -m pip install -q --no-index --no-deps --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD:${PYTHONPATH:-} PYTHONUNBUFFERED=1 TGR_NB_QUIET=1 OMP_NUM_THREADS=4 MPLBACKEND=Agg
log() { echo "[$(( $(date +%s) - T0 ))s] $*" | tee -a $W/driver.log; }
trap 'log finish; tar czf $OUT/check.tgz -C $W . ; cp $W/driver.log $OUT/' EXIT
log start; nvidia-smi --query-gpu=name,memory.total --format=csv 2>/dev/null | tee -a $W/driver.log
timeout 150 python3 .ci/gpu/cuda_cells.py $W/cuda_cells.json nbs/00_core.ipynb nbs/05_inversion.ipynb nbs/09_tgr.ipynb nbs/13_speed.ipynb 2>&1 | tee $W/cuda_cells.log; log "cuda_cells rc=${PIPESTATUS[0]}"
export TGR_MATRIX_DEADLINE=$(( T0 + DL - 5 ))
timeout $(( DL - $(date +%s) + T0 )) python3 .ci/gpu/tgr_matrix.py $W/tgr_matrix.json $Q $PLAN fork 2>&1 | grep -v Warning | tee $W/tgr_matrix.log; log "tgr_matrix rc=${PIPESTATUS[0]}"
# 3. prof_inv.py with what is left, if at least 60 s: PROF_VARIANTS at PROF_SIZES (default: the fast form and the plain one, with streams)
PV=${PROF_VARIANTS:-bf16_fast_graph_streams,bf16_graph_streams}; PS=${PROF_SIZES:-84,32}; [ "$Q" = 1 ] && { PV=fp32,fast; PS=32; }
LEFT=$(( DL - $(date +%s) + T0 ))
if [ $LEFT -ge 60 ]; then timeout $(( LEFT - 5 )) python3 .ci/gpu/prof_inv.py $W/prof_inv.json $Q 12 $PV $PS 2>&1 | grep -v "Warning\|USDT" | tee $W/prof_inv.log; log "prof_inv rc=${PIPESTATUS[0]}"; else log "prof_inv skipped: ${LEFT} s left"; fi
