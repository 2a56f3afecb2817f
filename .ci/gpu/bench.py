# Phase A: timings, serial. python bench.py OUT.json QUICK(0/1)
import sys, time, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.bench import run_bench
from tgr_nb.tgr import bench_tgr
from tgr_nb.inversion import bench_inversion
out, quick = sys.argv[1], sys.argv[2] == '1'
dev = get_device(); res = dict(device=device_name(dev), torch=torch.__version__, quick=quick, cases={}); t0 = time.time()
res['cases']['calibration'] = run_bench(['calibration'], quick=quick)['cases']['calibration']; save(res, out)
for name, ov in [('paper_fp32', {}), ('paper_fastupconv', dict(inv_fast=True))]:
    for s in (32, 84):
        t = time.time()
        try: r = bench_tgr(dev, quick=quick, repeats=2 if quick else 3, sizes=(s,), overrides=ov)
        except Exception as e: r = dict(error=repr(e))
        res['cases'][f'tgr_{name}_{s}px'] = r; res['cases'][f'tgr_{name}_{s}px']['wall_s'] = time.time() - t
        print(name, s, {k: (v['median'] if isinstance(v, dict) and 'median' in v else v) for k, v in r.get(f'{s}px', r).items() if k != 'settings'}, flush=True)
        save(res, out)
t = time.time()
try: res['cases']['inversion'] = bench_inversion(dev, quick=quick, repeats=2)
except Exception as e: res['cases']['inversion'] = dict(error=repr(e))
res['cases']['inversion_wall_s'] = time.time() - t; save(res, out)
print('bench done', time.time() - t0, flush=True)
