#!/bin/bash
# One GPU call (sessions 4-6): bash .ci/gpu/run4.sh DEADLINE_S QUICK  (QUICK=1: tiny sizes, on a CPU first)
# 1. inv_matrix.py (issue 8: inversion variants, eager first, then torch.compile and CUDA graphs, <= 110 s)
# 2. tgr_matrix.py (issue 8: whole iterations per variant, the telling ones first, then the compile checks; all but 130 s of what is left)
# 3. accept7c.py (issue 7: task space on recovered images, seeds 0.. at 30/class x 200 steps x 2 rounds, 'small' / 'recovered' / 3 probes; ~70 s
#    per seed on an H100) while more than 120 s are left  4. sweep9.py (issue 9: one overlap seed at the paper preset, k in the order
#    0,5,2,3,1,4, saved after each k) until the deadline, if 200 s are left.
set -u
T0=$(date +%s); DL=${1:-540}; Q=${2:-0}
W=${WORK:-/tmp/gw}; mkdir -p $W; OUT=${OUT:-/tmp/gout}; mkdir -p $OUT
export PYTHONPATH=$PWD:${PYTHONPATH:-} PYTHONUNBUFFERED=1 TGR_NB_QUIET=1 TGR_NB_CACHE=${TGR_NB_CACHE:-/tmp/gcache} OMP_NUM_THREADS=4 MPLBACKEND=Agg
log() { echo "[$(( $(date +%s) - T0 ))s] $*" | tee -a $W/driver.log; }
left() { echo $(( DL - $(date +%s) + T0 )); }
trap 'log finish; tar czf $OUT/results4.tgz --exclude="*_tasks.safetensors" -C $W . ; cp $W/driver.log $OUT/' EXIT   # recovered images stay behind (25 MB a seed)
log start; nvidia-smi --query-gpu=name,memory.total --format=csv 2>/dev/null | tee -a $W/driver.log
timeout 110 python3 .ci/gpu/inv_matrix.py $W/inv_matrix.json $Q 2>&1 | tee $W/inv_matrix.log; log "inv_matrix rc=${PIPESTATUS[0]}"
timeout $(( $(left) - 130 )) python3 .ci/gpu/tgr_matrix.py $W/tgr_matrix.json $Q 2>&1 | tee $W/tgr_matrix.log; log "tgr_matrix rc=${PIPESTATUS[0]}"
A7=(glyphs-md-small small 15 2 30 200 2); [ "$Q" = 1 ] && A7=(glyphs-md-small small 1 1 2 2 1)
for s in 0 1 2 3 4; do [ $(left) -gt 120 ] || break
  SEED=$s timeout $(( $(left) - 15 )) python3 .ci/gpu/accept7c.py $W/accept7c_s$s.json "${A7[@]}" 2>&1 | tee -a $W/accept7c.log; log "accept7c seed $s rc=${PIPESTATUS[0]}"; done
[ $(left) -gt 200 ] && { timeout $(left) python3 .ci/gpu/sweep9.py $W/sweep_overlap_s0.json paper 0 0,5,2,3,1,4 $Q 2>&1 | tee $W/sweep9.log; log "sweep rc=${PIPESTATUS[0]}"; }
