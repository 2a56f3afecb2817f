#!/bin/bash
set -u
T0=$(date +%s); DL=${1:-220}; Q=${2:-0}
W=${WORK:-/tmp/gw}; mkdir -p $W; OUT=${OUT:-/tmp/gout}; mkdir -p $OUT
export PYTHONPATH=$PWD:${PYTHONPATH:-} PYTHONUNBUFFERED=1 TGR_NB_QUIET=1 TGR_NB_CACHE=${TGR_NB_CACHE:-/tmp/gcache} OMP_NUM_THREADS=4 MPLBACKEND=Agg
log() { echo "[$(( $(date +%s) - T0 ))s] $*" | tee -a $W/driver.log; }
trap 'log finish; tar czf $OUT/results2.tgz -C $W . ; cp $W/driver.log $OUT/' EXIT
log start
timeout 80 python3 .ci/gpu/inv_time.py $W/inv_time.json $Q 2>&1 | tee $W/inv_time.log; log "inv rc=$?"
timeout $(( DL - $(date +%s) + T0 )) python3 .ci/gpu/accept7b.py $W/accept7b.json $Q 2 2>&1 | tee $W/accept7b.log; log "a7 rc=$?"
