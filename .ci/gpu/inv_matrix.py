# Next GPU session: where does the inversion's time go? 4 Conv4 teachers x 150 images, at 32 and 84 px, per variant:
# vmapped teachers (chunk=None) vs one teacher at a time (chunk=1), fp32 / fast_upconv / bf16+fast_upconv.
# Times STEPS iterations after a 10-step warm-up and reports ms per step (x200 = one TGR iteration's inversion).
# python inv_matrix.py OUT.json QUICK(0/1) [STEPS]
import sys, time, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.models import build_model
from tgr_nb.inversion import invert, InversionConfig
from tgr_nb.core import sync
out, quick = sys.argv[1], sys.argv[2] == '1'
steps = int(sys.argv[3]) if len(sys.argv) > 3 else (2 if quick else 50)
dev = get_device(); res = dict(device=device_name(dev), torch=torch.__version__, steps=steps, runs={})
n_t, npc = (2, 1) if quick else (4, 30)
variants = [('fp32', {}), ('fast', dict(fast_upconv=True))] + ([('bf16_fast', dict(fast_upconv=True, amp=True))] if dev.type == 'cuda' else [])
for s in (32, 84):
    teachers = [build_model('conv4', image_size=s, bn='running', seed=i, device=dev) for i in range(n_t)]
    for name, kw in variants:
        for chunk in (None, 1):
            invert(teachers, InversionConfig(n_per_class=npc, steps=min(10, steps), **kw), chunk=chunk, device=dev, show_progress=False); sync(dev)
            t = time.perf_counter(); invert(teachers, InversionConfig(n_per_class=npc, steps=steps, **kw), chunk=chunk, device=dev, show_progress=False); sync(dev)
            ms = 1e3 * (time.perf_counter() - t) / steps
            res['runs'][f'{s}px_{name}_chunk{chunk}'] = dict(ms_per_step=ms, seconds_for_200_steps=ms * 0.2)
            save(res, out); print(s, name, chunk, round(ms, 2), 'ms/step', flush=True)
