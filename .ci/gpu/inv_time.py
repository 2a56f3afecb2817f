# Seconds per inversion of 4 Conv4 teachers x 150 images x 200 steps (one timed run after a 10-step warm-up), fp32 and fast_upconv, 32 and 84 px.
import sys, time, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.models import build_model
from tgr_nb.inversion import invert, InversionConfig, inversion_flops
from tgr_nb.core import sync
out, quick = sys.argv[1], sys.argv[2] == '1'
dev = get_device(); res = dict(device=device_name(dev), torch=torch.__version__, runs={})
n_t, npc, steps = (2, 1, 2) if quick else (4, 30, 200)
for s in (32, 84):
    teachers = [build_model('conv4', image_size=s, bn='running', seed=i, device=dev) for i in range(n_t)]
    flops = inversion_flops(teachers[0], s, 5 * npc)['total'] * n_t * steps
    for name, kw in [('fp32', {}), ('fast', dict(fast_upconv=True))]:
        invert(teachers, InversionConfig(n_per_class=npc, steps=min(10, steps), **kw), device=dev, show_progress=False); sync(dev)
        t = time.perf_counter(); invert(teachers, InversionConfig(n_per_class=npc, steps=steps, **kw), device=dev, show_progress=False); sync(dev)
        dt = time.perf_counter() - t
        res['runs'][f'{s}px_{name}'] = dict(seconds=dt, tflops=flops / dt / 1e12, ms_per_step=1e3 * dt / steps, teachers=n_t, images_per_teacher=5 * npc, steps=steps)
        save(res, out); print(s, name, round(dt, 3), flush=True)
