# Issue 8: where does the inversion's time go? 4 Conv4 teachers x 150 images at 32 and 84 px, every variant of
# tgr_nb.inversion._INV_VARIANTS ('loop' + channels-last default, NCHW, the old vmapped step, fast_upconv, bf16, cudnn.benchmark).
# Times STEPS iterations after a warm-up and reports ms per step (x200 = one TGR iteration's inversion). Saved after each run.
# python inv_matrix.py OUT.json QUICK(0/1) [STEPS]
import sys, time, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.models import build_model
from tgr_nb.inversion import invert, InversionConfig, _INV_VARIANTS
from tgr_nb.core import sync
out, quick = sys.argv[1], sys.argv[2] == '1'
steps = int(sys.argv[3]) if len(sys.argv) > 3 else (2 if quick else 30)
dev = get_device(); res = dict(device=device_name(dev), torch=torch.__version__, steps=steps, runs={})
n_t, npc = (2, 1) if quick else (4, 30)
names = [n for n, v in _INV_VARIANTS.items() if dev.type == 'cuda' or not v[2]]
for s in (32, 84):
    teachers = [build_model('conv4', image_size=s, bn='running', seed=i, device=dev) for i in range(n_t)]
    for name in names:
        kw, bench, _ = _INV_VARIANTS[name]
        torch.backends.cudnn.benchmark = bench
        try:
            invert(teachers, InversionConfig(n_per_class=npc, steps=min(5, steps), **kw), device=dev, show_progress=False); sync(dev)
            t = time.perf_counter(); invert(teachers, InversionConfig(n_per_class=npc, steps=steps, **kw), device=dev, show_progress=False); sync(dev)
            ms = 1e3 * (time.perf_counter() - t) / steps
            res['runs'][f'{s}px_{name}'] = dict(ms_per_step=ms, seconds_for_200_steps=ms * 0.2)
        except Exception as e: res['runs'][f'{s}px_{name}'] = dict(error=repr(e)[:300]); ms = float('nan')
        torch.backends.cudnn.benchmark = False
        save(res, out); print(s, name, round(ms, 2), 'ms/step', flush=True)
