# Issue 8: one TGR iteration at the reference settings per variant, per phase (bench_tgr, repeats=1 after a warm-up),
# preceded by a numerical check of the compiled paths on this device (fp32: compiled vs eager replay meta-batch and inversion).
# python tgr_matrix.py OUT.json QUICK(0/1) [SIZES e.g. 32,84]
import sys, time, copy, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.core import make_generator
from tgr_nb.models import build_model
from tgr_nb.inversion import MemoryBank, invert, InversionConfig
from tgr_nb.tgr import bench_tgr, replay_phase, TGRConfig
out, quick = sys.argv[1], sys.argv[2] == '1'
sizes = [int(s) for s in (sys.argv[3] if len(sys.argv) > 3 else '32,84').split(',')]
dev = get_device(); res = dict(device=device_name(dev), torch=torch.__version__, quick=quick, runs={}, checks={})
cuda = dev.type == 'cuda'
mode = 'reduce-overhead' if cuda else 'default'
try:                                                      # compiled == eager on this device (fp32; TF32 off inside replay)
    t = time.time()
    bank = MemoryBank(slots=2, per_slot=16, device=dev)
    g = make_generator(1)
    for _ in range(2): bank.push(torch.randint(0, 256, (8 * 16, 3, 32, 32), generator=g, dtype=torch.uint8), list(range(8)))
    cfg = TGRConfig.preset('paper', replay_min=1, replay_max=1, replay_patience=1, replay_tasks=4 if quick else 16, query=3 if quick else 15, inner_steps=1 if quick else 5)
    m_a = build_model('conv4', 5, 32, seed=0, device=dev); m_b = copy.deepcopy(m_a)
    o_a, o_b = torch.optim.Adam(m_a.parameters(), 1e-3), torch.optim.Adam(m_b.parameters(), 1e-3)
    ra = replay_phase(m_a, o_a, bank, cfg, (0.5,) * 3, (0.25,) * 3, make_generator(2, dev))
    rb = replay_phase(m_b, o_b, bank, cfg.replace(replay_compile=mode), (0.5,) * 3, (0.25,) * 3, make_generator(2, dev))
    res['checks']['replay'] = dict(mode=mode, loss_eager=ra['losses'], loss_compiled=rb['losses'],
                                   max_param_diff=max((p - q).abs().max().item() for p, q in zip(m_a.parameters(), m_b.parameters())), seconds=time.time() - t)
    t = time.time()
    ts = [build_model('conv4', 5, 32, seed=i, bn='running', device=dev).eval() for i in range(2)]
    icfg = InversionConfig(n_per_class=6 if quick else 30, steps=3 if quick else 20)
    e = invert(ts, icfg, device=dev, show_progress=False); c = invert(ts, icfg.replace(compile=mode), device=dev, show_progress=False)
    res['checks']['inversion'] = dict(mode=mode, max_loss_diff=(e.loss - c.loss).abs().max().item(), max_image_diff=(e.images - c.images).abs().max().item(), seconds=time.time() - t)
except Exception as ex: res['checks']['error'] = repr(ex)[:400]
save(res, out); print('checks', res['checks'], flush=True)
variants = [('loop_fp32', {}), ('vmap_fp32', dict(inv_batching='vmap'))]
if cuda: variants += [('loop_bf16_fast', dict(inv_amp=True, inv_fast=True)),
                      ('loop_bf16_fast_graphs', dict(inv_amp=True, inv_fast=True, inv_compile=mode, replay_compile=mode))]
else: variants += [('loop_fast', dict(inv_fast=True))]
for s in sizes:
    for name, ov in variants:
        t = time.time()
        try: r = bench_tgr(dev, quick=quick, repeats=1, sizes=(s,), overrides=ov)
        except Exception as e: r = dict(error=repr(e)[:300])
        r['wall_s'] = time.time() - t; res['runs'][f'{name}_{s}px'] = r; save(res, out)
        ph = r.get(f'{s}px', {})
        print(s, name, {k: round(v['median'], 4) for k, v in ph.items() if isinstance(v, dict) and 'median' in v}, r.get('targets', {}).get(f'{s}px', {}).get('status'), flush=True)
