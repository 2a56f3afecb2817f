#!/bin/bash
# Inversion matrix, iteration matrix, the task space on recovered images and an overlap sweep in one GPU call (no fastcore needed).
#   bash .ci/gpu/check_task_space_and_sweep.sh DEADLINE_S QUICK   (default DEADLINE_S 540; QUICK=1: tiny sizes, a CPU dry run)
#   env WORK (default /tmp/gw), OUT (default /tmp/gout), TGR_NB_CACHE (default /tmp/gcache)
# 1. inv_matrix.py: every inversion variant that runs on the device, eager first, compiled last; at most 110 s ($WORK/inv_matrix.json).
# 2. tgr_matrix.py: one TGR iteration per variant, its default plan; all but 130 s of what is left ($WORK/tgr_matrix.json).
# 3. task_space_recovered.py for SEED=0..4 at 30/class x 200 steps x 2 rounds (on an H100 the pool takes about 10 s and the
#    inversion about 87 s a seed), while more than 120 s are left ($WORK/task_space_recovered_sS.json).
# 4. heterogeneity_sweep.py: one overlap seed at the paper preset, k in the order 0,5,2,3,1,4, saved after each k, up to the
#    deadline if more than 200 s are left ($WORK/sweep_overlap_s0.json).
# Writes $OUT/check_task_space_and_sweep.tgz ($WORK without the recovered images, 25 MB a seed) and $OUT/driver.log.
# Runs to about the deadline.
set -u
T0=$(date +%s); DL=${1:-540}; Q=${2:-0}
W=${WORK:-/tmp/gw}; mkdir -p $W; OUT=${OUT:-/tmp/gout}; mkdir -p $OUT
export PYTHONPATH=$PWD:${PYTHONPATH:-} PYTHONUNBUFFERED=1 TGR_NB_QUIET=1 TGR_NB_CACHE=${TGR_NB_CACHE:-/tmp/gcache} OMP_NUM_THREADS=4 MPLBACKEND=Agg
log() { echo "[$(( $(date +%s) - T0 ))s] $*" | tee -a $W/driver.log; }
left() { echo $(( DL - $(date +%s) + T0 )); }
trap 'log finish; tar czf $OUT/check_task_space_and_sweep.tgz --exclude="*_tasks.safetensors" -C $W . ; cp $W/driver.log $OUT/' EXIT   # recovered images stay behind (25 MB a seed)
log start; nvidia-smi --query-gpu=name,memory.total --format=csv 2>/dev/null | tee -a $W/driver.log
timeout 110 python3 .ci/gpu/inv_matrix.py $W/inv_matrix.json $Q 2>&1 | tee $W/inv_matrix.log; log "inv_matrix rc=${PIPESTATUS[0]}"
timeout $(( $(left) - 130 )) python3 .ci/gpu/tgr_matrix.py $W/tgr_matrix.json $Q 2>&1 | tee $W/tgr_matrix.log; log "tgr_matrix rc=${PIPESTATUS[0]}"
TS=(glyphs-md-small small 15 2 30 200 2); [ "$Q" = 1 ] && TS=(glyphs-md-small small 1 1 2 2 1)
for s in 0 1 2 3 4; do [ $(left) -gt 120 ] || break
  SEED=$s timeout $(( $(left) - 15 )) python3 .ci/gpu/task_space_recovered.py $W/task_space_recovered_s$s.json "${TS[@]}" 2>&1 | tee -a $W/task_space_recovered.log; log "task_space_recovered seed $s rc=${PIPESTATUS[0]}"; done
[ $(left) -gt 200 ] && { timeout $(left) python3 .ci/gpu/heterogeneity_sweep.py $W/sweep_overlap_s0.json paper 0 0,5,2,3,1,4 $Q 2>&1 | tee $W/heterogeneity_sweep.log; log "sweep rc=${PIPESTATUS[0]}"; }
