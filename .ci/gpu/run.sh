#!/bin/bash
# The one prepared GPU script. bash .ci/gpu/run.sh DEADLINE_S QUICK(0/1)
set -u
T0=$(date +%s); DL=${1:-540}; Q=${2:-0}
W=${WORK:-/tmp/gw}; mkdir -p $W; OUT=${OUT:-/tmp/gout}; mkdir -p $OUT
export PYTHONPATH=$PWD:${PYTHONPATH:-} PYTHONUNBUFFERED=1 TGR_NB_QUIET=1 TGR_NB_CACHE=${TGR_NB_CACHE:-/tmp/gcache} OMP_NUM_THREADS=2 MPLBACKEND=Agg
el() { echo $(( $(date +%s) - T0 )); }
log() { echo "[$(el)s] $*" | tee -a $W/driver.log; }
finish() { log finish; tar czf $OUT/results.tgz -C $W . ; cp $W/driver.log $OUT/; }
trap finish EXIT
log start; (nvidia-smi -L; python3 -c "import torch, tgr_nb.bench; print(torch.__version__, torch.cuda.is_available())") 2>&1 | tee -a $W/driver.log
if [ $Q = 1 ]; then DS="glyphs-small glyphs-md-small"; else DS="glyphs-fs glyphs-md-small glyphs-md"; fi
python3 .ci/gpu/prep.py $DS > $W/prep.log 2>&1 &
PA=$(( DL * 40 / 100 ))
log "phase A (bench) limit ${PA}s"
timeout $PA python3 .ci/gpu/bench.py $W/bench.json $Q > $W/bench.log 2>&1; log "bench rc=$?"
wait
LB=$(( DL - $(el) - 15 )); log "phase B limit ${LB}s"
timeout $LB python3 .ci/gpu/accept6.py $W/accept6.json $Q > $W/accept6.log 2>&1 &
timeout $LB python3 .ci/gpu/accept7b.py $W/accept7.json $Q 2 > $W/accept7.log 2>&1 &
for s in 0 1 2; do timeout $LB python3 .ci/gpu/sweep9.py $W/sweep_overlap_s$s.json paper $s 0,5,2,3,1,4 $Q > $W/sweep_overlap_s$s.log 2>&1 & done
timeout $LB python3 .ci/gpu/sweep9.py $W/sweep_arch.json arch 0 0,5,2 $Q > $W/sweep_arch.log 2>&1 &
timeout $LB python3 .ci/gpu/sweep9.py $W/sweep_domain.json domain 0,1,2 0 $Q > $W/sweep_domain.log 2>&1 &
wait; log "phase B done"
(nvidia-smi --query-gpu=name,memory.used --format=csv) >> $W/driver.log 2>&1
