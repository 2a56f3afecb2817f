# Heterogeneity sweeps (tradeoff_sweep), one seed at a time or one (seed, k) at a time, so that partial results survive.
#   python heterogeneity_sweep.py OUT.json PRESET SEEDS KS QUICK [AXIS [ARCHS [KEY=INT ...]]]
# SEEDS is comma-separated. KS 'all': one call per seed over the preset's ks (or the AXIS preset's); '0+5': one call per seed over
# k = 0 and 5 (the base teacher and its inversion shared by every k; saved after each seed); '0,5': one call per (seed, k).
# AXIS 'arch' / 'domain': that axis at PRESET's budget (ks and partner architectures from the axis preset unless KS / ARCHS say
# otherwise); KEY=INT: further HeteroConfig overrides, e.g. resnet_width=32. QUICK=1: the 'tiny' preset, a dry run.
# Writes OUT.json (save_sweep; each record carries `seed` and `rep`) after each call. On the 2-core CPU, one thread, per seed:
# `OUT cpu S all 0` about 88 min, `OUT cpu S all 0 domain` about 64 min, `OUT cpu S 5 0 arch conv4,resnet10,resnet18
# resnet_width=32` 46-72 min (records nbs/artefacts/heterogeneity_sweep_cpu*.json).
import sys, time, copy
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.heterogeneity import HeteroConfig, tradeoff_sweep, save_sweep
out, preset, seeds, ks, quick = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3].split(',')], sys.argv[4], sys.argv[5] == '1'
axis = sys.argv[6] if len(sys.argv) > 6 else 'overlap'
over = {} if axis == 'overlap' else dict(axis=axis, ks=HeteroConfig.preset(axis).ks, partner_archs=HeteroConfig.preset(axis).partner_archs)
if len(sys.argv) > 7: over['partner_archs'] = tuple(sys.argv[7].split(','))
for kv in sys.argv[8:]: key, v = kv.split('='); over[key] = int(v)
if '+' in ks: over['ks'] = tuple(int(k) for k in ks.split('+')); ks = 'all'
ks = [None] if ks == 'all' else [int(k) for k in ks.split(',')]
extra = dict(eval_episodes=300) if not quick else {}
merged = None; t0 = time.time()
for s in seeds:
    for k in ks:
        cfg = HeteroConfig.preset('tiny' if quick else preset, n_seeds=1, **{**over, **({} if k is None else dict(ks=(k,)))}, **extra)
        if quick and preset != 'paper' and not over: cfg = cfg.replace(axis=HeteroConfig.preset(preset).axis, partner_archs=HeteroConfig.preset(preset).partner_archs)
        r = tradeoff_sweep(cfg, seed=s, show_progress=False)
        for rec in r['records']: rec['seed'] = s; rec['rep'] = seeds.index(s)   # one repetition per seed, numbered across calls
        if merged is None: merged = r
        else: merged['records'] += r['records']; merged['seconds'] += r['seconds']
        merged['config']['ks'] = sorted({rec['k'] for rec in merged['records']}); merged['config']['n_seeds'] = len({rec['seed'] for rec in merged['records']})
        save_sweep(merged, out); print(preset, axis, 'seed', s, 'k', k, [(x['k'], x['arch'], round(x['acc'], 1)) for x in r['records']], round(time.time() - t0), flush=True)
print('sweep done', preset, time.time() - t0, flush=True)
