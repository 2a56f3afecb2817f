#!/bin/bash
# Session 11, second GPU call (carry .whl: fastcore's wheel): bash .ci/gpu/run11.sh DEADLINE_S [QUICK] [PLAN]
# 1. cuda_cells.py (150 s): the `#| cuda` cells of 00, 09 and 05 (graphs equal eager in float64, now that a capturable Adam counts
#    float64 steps in float64 and GraphedStep warms up on the stream it captures on)
# 2. tgr_matrix.py in fork mode (each variant in a fresh process): the persist and streams levers at 32 and 84 px, the session-6
#    setting (graph_bf16) again as the baseline, and the non-persist streams variant that failed to capture in session 11's first call
# 3. prof_inv.py with the time left (see below)
set -u
T0=$(date +%s); DL=${1:-450}; Q=${2:-0}
PLAN=${3:-32:graph_bf16_streams_persist,84:graph_bf16_streams_persist,84:graph_bf16_persist,32:graph_bf16_persist,84:graph_bf16_fast_streams_persist,84:graph_bf16,32:graph_bf16_streams,32:graph_bf16_fast_streams_persist}
[ "$Q" = 1 ] && PLAN=32:loop_fp32,32:loop_fast
W=${WORK:-/tmp/gw}; mkdir -p $W; OUT=${OUT:-/tmp/gout}; mkdir -p $OUT
[ -d .whl ] && python3 -c "import fastcore" 2>/dev/null || python3 -m pip install -q --no-index --no-deps --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD:${PYTHONPATH:-} PYTHONUNBUFFERED=1 TGR_NB_QUIET=1 OMP_NUM_THREADS=4 MPLBACKEND=Agg
log() { echo "[$(( $(date +%s) - T0 ))s] $*" | tee -a $W/driver.log; }
trap 'log finish; tar czf $OUT/results11.tgz -C $W . ; cp $W/driver.log $OUT/' EXIT
log start; nvidia-smi --query-gpu=name,memory.total --format=csv 2>/dev/null | tee -a $W/driver.log
timeout 150 python3 .ci/gpu/cuda_cells.py $W/cuda_cells11.json nbs/00_core.ipynb nbs/09_tgr.ipynb nbs/05_inversion.ipynb 2>&1 | tee $W/cuda_cells11.log; log "cuda_cells rc=${PIPESTATUS[0]}"
export TGR_MATRIX_DEADLINE=$(( T0 + DL - 5 ))
timeout $(( DL - $(date +%s) + T0 )) python3 .ci/gpu/tgr_matrix.py $W/tgr_matrix11.json $Q $PLAN fork 2>&1 | grep -v Warning | tee $W/tgr_matrix11.log; log "tgr_matrix rc=${PIPESTATUS[0]}"
# 3. (since session 11) prof_inv.py with what is left, if at least 60 s: PROF_VARIANTS at PROF_SIZES (the fast form and the plain one, with streams)
PV=${PROF_VARIANTS:-bf16_fast_graph_streams,bf16_graph_streams}; PS=${PROF_SIZES:-84,32}; [ "$Q" = 1 ] && { PV=fp32,fast; PS=32; }
LEFT=$(( DL - $(date +%s) + T0 ))
if [ $LEFT -ge 60 ]; then timeout $(( LEFT - 5 )) python3 .ci/gpu/prof_inv.py $W/prof_inv11.json $Q 12 $PV $PS 2>&1 | grep -v "Warning\|USDT" | tee $W/prof_inv11.log; log "prof_inv rc=${PIPESTATUS[0]}"; else log "prof_inv skipped: ${LEFT} s left"; fi
