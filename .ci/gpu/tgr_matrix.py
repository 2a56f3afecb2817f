# Issue 8: one TGR iteration at the reference settings per inversion variant, per phase (bench_tgr, repeats=1 after a warm-up).
# python tgr_matrix.py OUT.json QUICK(0/1) [SIZES e.g. 32,84]
import sys, time, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.tgr import bench_tgr
out, quick = sys.argv[1], sys.argv[2] == '1'
sizes = [int(s) for s in (sys.argv[3] if len(sys.argv) > 3 else '32,84').split(',')]
dev = get_device(); res = dict(device=device_name(dev), torch=torch.__version__, quick=quick, runs={})
cuda = dev.type == 'cuda'
variants = [('loop_fp32', {}), ('vmap_fp32', dict(inv_batching='vmap'))]
if cuda: variants += [('loop_bf16_fast', dict(inv_amp=True, inv_fast=True))]
else: variants += [('loop_fast', dict(inv_fast=True))]
for s in sizes:
    for name, ov in variants:
        t = time.time()
        try: r = bench_tgr(dev, quick=quick, repeats=1, sizes=(s,), overrides=ov)
        except Exception as e: r = dict(error=repr(e)[:300])
        r['wall_s'] = time.time() - t; res['runs'][f'{name}_{s}px'] = r; save(res, out)
        ph = r.get(f'{s}px', {})
        print(s, name, {k: round(v['median'], 4) for k, v in ph.items() if isinstance(v, dict) and 'median' in v}, r.get('targets', {}).get(f'{s}px', {}).get('status'), flush=True)
