# Where does the inversion's time go? 4 Conv4 teachers x 150 images at 32 and 84 px, every variant of
# tgr_nb.inversion._INV_VARIANTS, one `bench_inversion` call per (size, variant), each result saved as it comes (the compiled
# variants last). Reports ms per step after a warm-up run (x200 = one TGR iteration's inversion), the seconds for 200 steps
# and TFLOP/s. Short calls include the graph variants' recording and eager warm-up steps, with persist off.
#   python inv_matrix.py OUT.json QUICK(0/1) [STEPS, default 20 (QUICK: 2)] [VARIANTS, comma-separated; default: all that run on the device]
import sys, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.inversion import bench_inversion, _INV_VARIANTS
out, quick = sys.argv[1], sys.argv[2] == '1'
steps = int(sys.argv[3]) if len(sys.argv) > 3 else (2 if quick else 20)
dev = get_device(); res = dict(device=device_name(dev), torch=torch.__version__, steps=steps, runs={})
names = sys.argv[4].split(',') if len(sys.argv) > 4 else [n for n, v in _INV_VARIANTS.items() if dev.type == 'cuda' or not v[2]]
order = [(s, n) for late in (False, True) for s in (32, 84) for n in names if (_INV_VARIANTS[n][0].get('compile') is not None) == late]
for s, name in order:                                     # the compiled variants (compile time in the warm-up) last
    try:
        b = bench_inversion(dev, quick=quick, repeats=1, variants=[name], sizes=(s,), steps=steps)
        ms = 1e3 * b[f'invert_{s}px_{name}']['median'] / steps
        res['runs'][f'{s}px_{name}'] = dict(ms_per_step=ms, seconds_for_200_steps=ms * 0.2, tflops=b[f'tflops_{s}px_{name}'], settings=b['settings'])
    except Exception as e: res['runs'][f'{s}px_{name}'] = dict(error=repr(e)[:300]); ms = float('nan')
    save(res, out); print(s, name, round(ms, 2), 'ms/step', flush=True)
