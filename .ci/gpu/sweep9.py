# Issue 9 stage 1 sweeps, one (seed, k) at a time so partial results survive: python sweep9.py OUT.json PRESET SEEDS KS QUICK
# KS 'all': one call per seed over the preset's ks (the base teacher and its inversion shared by every k; saved after each seed)
import sys, time, copy
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.heterogeneity import HeteroConfig, tradeoff_sweep, save_sweep
out, preset, seeds, ks, quick = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3].split(',')], sys.argv[4], sys.argv[5] == '1'
ks = [None] if ks == 'all' else [int(k) for k in ks.split(',')]
extra = dict(eval_episodes=300) if not quick else {}
merged = None; t0 = time.time()
for s in seeds:
    for k in ks:
        cfg = HeteroConfig.preset('tiny' if quick else preset, n_seeds=1, **({} if k is None else dict(ks=(k,))), **extra)
        if quick and preset != 'paper': cfg = cfg.replace(axis=HeteroConfig.preset(preset).axis, partner_archs=HeteroConfig.preset(preset).partner_archs)
        r = tradeoff_sweep(cfg, seed=s, show_progress=False)
        for rec in r['records']: rec['seed'] = s
        if merged is None: merged = r
        else: merged['records'] += r['records']; merged['seconds'] += r['seconds']
        merged['config']['ks'] = sorted({rec['k'] for rec in merged['records']}); merged['config']['n_seeds'] = len({rec['seed'] for rec in merged['records']})
        save_sweep(merged, out); print(preset, 'seed', s, 'k', k, [(x['k'], x['arch'], round(x['acc'], 1)) for x in r['records']], round(time.time() - t0), flush=True)
print('sweep done', preset, time.time() - t0, flush=True)
