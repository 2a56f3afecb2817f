#!/bin/bash
# The GPU checks plus the inversion alone: `#| cuda` cells, iteration matrix, kernel profile and inversion matrix in one call.
#   bash .ci/gpu/check_with_inversion.sh DEADLINE_S QUICK   (default DEADLINE_S 230; 420 gives every step its time; carry .whl)
#   env WORK (default /tmp/gw), OUT (default /tmp/gout)
# 1. cuda_cells.py on 00, 09 and 05, at most 180 s ($WORK/cuda_cells.json).
# 2. tgr_matrix.py with its default plan, up to 95 s before the deadline ($WORK/tgr_matrix.json).
# 3. prof_inv.py with its defaults, up to 30 s before the deadline ($WORK/prof_inv.json and .json.gz traces): a kernel-level
#    profile of the graphed inversion step (84 and 32 px; bf16, + fast up-convolution, + one stream per teacher).
# 4. inv_matrix.py: the inversion alone, 30 steps of the graphed variants and eager fp32, with what is left ($WORK/inv_matrix.json).
# QUICK=1: tiny sizes, a CPU dry run. Writes $OUT/check_with_inversion.tgz (all of $WORK) and $OUT/driver.log.
# About 155 s on an H100 with DEADLINE_S=225.
set -u
T0=$(date +%s); DL=${1:-230}; Q=${2:-0}
W=${WORK:-/tmp/gw}; mkdir -p $W; OUT=${OUT:-/tmp/gout}; mkdir -p $OUT
[ -d .whl ] && python3 -c "import fastcore" 2>/dev/null || python3 -m pip install -q --no-index --no-deps --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD:${PYTHONPATH:-} PYTHONUNBUFFERED=1 TGR_NB_QUIET=1 OMP_NUM_THREADS=4 MPLBACKEND=Agg
log() { echo "[$(( $(date +%s) - T0 ))s] $*" | tee -a $W/driver.log; }
left() { echo $(( DL - $(date +%s) + T0 )); }
trap 'log finish; tar czf $OUT/check_with_inversion.tgz -C $W . ; cp $W/driver.log $OUT/' EXIT
log start; nvidia-smi --query-gpu=name,memory.total --format=csv 2>/dev/null | tee -a $W/driver.log
timeout 180 python3 .ci/gpu/cuda_cells.py $W/cuda_cells.json nbs/00_core.ipynb nbs/05_inversion.ipynb nbs/09_tgr.ipynb nbs/13_speed.ipynb 2>&1 | tee $W/cuda_cells.log; log "cuda_cells rc=${PIPESTATUS[0]}"
timeout $(( $(left) - 95 )) python3 .ci/gpu/tgr_matrix.py $W/tgr_matrix.json $Q 2>&1 | tee $W/tgr_matrix.log; log "tgr_matrix rc=${PIPESTATUS[0]}"
timeout $(( $(left) - 30 )) python3 .ci/gpu/prof_inv.py $W/prof_inv.json $Q 2>&1 | tee $W/prof_inv.log; log "prof_inv rc=${PIPESTATUS[0]}"
V=bf16_graph,bf16_fast_graph,bf16_fast_graph_streams,fp32; [ "$Q" = 1 ] && V=fp32,fast
[ $(left) -gt 10 ] && { timeout $(left) python3 .ci/gpu/inv_matrix.py $W/inv_matrix.json $Q 30 $V 2>&1 | tee $W/inv_matrix.log; log "inv_matrix rc=${PIPESTATUS[0]}"; }
