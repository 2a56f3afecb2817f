#!/bin/bash
# Session 6, second GPU call (carry .whl: fastcore's wheel): bash .ci/gpu/run6.sh DEADLINE_S QUICK; since session 10 DEADLINE_S=420
# 1. cuda_cells.py (180 s): the notebooks' `#| cuda` cells, 00 and 09 first (CUDA graphs equal eager: GraphedStep, replay; the
#    inversion with and without the fast up-convolution, one stream per teacher, the kept state of persist, compiled kernels)
# 2. tgr_matrix.py: one TGR iteration with inv_graph + replay_graph per lever (bf16; + fast up-convolution; + one stream per
#    teacher; + persist; + compile), 32 and 84 px, then vmap and fp32 (its default plan, most important first)
# 3. prof_inv.py (session 10): a kernel-level profile of the graphed inversion step (84 and 32 px; bf16, + fast, + streams):
#    wall, summed and busy kernel time per step, time by kind of kernel, the costliest kernels; 65 s kept for it
# 4. inv_matrix.py: the inversion alone, eager fp32 against the graphed variants, with what is left
set -u
T0=$(date +%s); DL=${1:-230}; Q=${2:-0}
W=${WORK:-/tmp/gw}; mkdir -p $W; OUT=${OUT:-/tmp/gout}; mkdir -p $OUT
[ -d .whl ] && python3 -c "import fastcore" 2>/dev/null || python3 -m pip install -q --no-index --no-deps --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD:${PYTHONPATH:-} PYTHONUNBUFFERED=1 TGR_NB_QUIET=1 OMP_NUM_THREADS=4 MPLBACKEND=Agg
log() { echo "[$(( $(date +%s) - T0 ))s] $*" | tee -a $W/driver.log; }
left() { echo $(( DL - $(date +%s) + T0 )); }
trap 'log finish; tar czf $OUT/results6.tgz -C $W . ; cp $W/driver.log $OUT/' EXIT
log start; nvidia-smi --query-gpu=name,memory.total --format=csv 2>/dev/null | tee -a $W/driver.log
timeout 180 python3 .ci/gpu/cuda_cells.py $W/cuda_cells.json nbs/00_core.ipynb nbs/09_tgr.ipynb nbs/05_inversion.ipynb 2>&1 | tee $W/cuda_cells.log; log "cuda_cells rc=${PIPESTATUS[0]}"
timeout $(( $(left) - 95 )) python3 .ci/gpu/tgr_matrix.py $W/tgr_matrix6.json $Q 2>&1 | tee $W/tgr_matrix6.log; log "tgr_matrix rc=${PIPESTATUS[0]}"
timeout $(( $(left) - 30 )) python3 .ci/gpu/prof_inv.py $W/prof_inv.json $Q 2>&1 | tee $W/prof_inv.log; log "prof_inv rc=${PIPESTATUS[0]}"
V=bf16_graph,bf16_fast_graph,bf16_fast_graph_streams,fp32; [ "$Q" = 1 ] && V=fp32,fast
[ $(left) -gt 10 ] && { timeout $(left) python3 .ci/gpu/inv_matrix.py $W/inv_matrix6.json $Q 30 $V 2>&1 | tee $W/inv_matrix6.log; log "inv_matrix rc=${PIPESTATUS[0]}"; }
