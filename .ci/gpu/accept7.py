# Issue 7 acceptance on recovered images at larger inversion budgets: glyphs-md-small, 27 models.
import sys, time, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.task_space import acceptance_run, build_task_space, FisherConfig, ProbeConfig, structured_class_lists
from tgr_nb.data import load_dataset
from tgr_nb.pool import train_pool, PoolConfig
out, quick = sys.argv[1], sys.argv[2] == '1'
dev = get_device(); t0 = time.time()
d = load_dataset('glyphs-md-small', device=dev)
lists, _ = structured_class_lists(d.train, ks=(2, 3, 4, 5), per_k=1 if quick else 2, seed=0)
pool = train_pool(d, cfg=PoolConfig.preset('small', epochs=1 if quick else 15), class_lists=lists, seed=0, device=dev, show_progress=False)
res = dict(device=device_name(dev), pool_acc=[m.acc for m in pool.meta], seconds_pool=time.time() - t0, runs=[])
save(res, out)
plan = [dict(n_per_class=3, steps=2, rounds=1)] if quick else [dict(n_per_class=30, steps=200, rounds=2), dict(n_per_class=30, steps=200, rounds=20)]
for inv in plan:
    t = time.time()
    r = acceptance_run('glyphs-md-small', ks=(2, 3, 4, 5), per_k=1 if quick else 2, pool=pool, n_real=8 if quick else 32, inversion=inv, seed=0, device=dev)
    row = dict(inversion=inv, results=r['results'], seconds=r['seconds'])
    for name, f, p in [('recovered presets', FisherConfig.preset('recovered'), ProbeConfig.preset('recovered'))]:
        sp = build_task_space(r['tasks_recovered'], 'union', f, p, seed=0, device=dev)
        row['results'][f'recovered/conv4-union, {name}'] = sp.metrics()
    row['wall_s'] = time.time() - t
    res['runs'].append(row); save(res, out)
    print(inv, {k: {m: v for m, v in x.items() if m in ('spearman_within', 'auc_domain', 'pass')} if isinstance(x, dict) else x for k, x in row['results'].items()}, flush=True)
print('accept7 done', time.time() - t0, flush=True)
