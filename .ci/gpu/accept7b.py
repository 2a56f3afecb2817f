# Issue 7 on recovered images, incremental: 27-model glyphs-md-small pool (15 epochs), one-off inversion 30/class x 200 steps x R rounds.
import sys, time, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.task_space import build_task_space, FisherConfig, ProbeConfig, structured_class_lists, recovered_task_images
from tgr_nb.data import load_dataset
from tgr_nb.pool import train_pool, PoolConfig
out, quick, R = sys.argv[1], sys.argv[2] == '1', int(sys.argv[3])
dev = get_device(); t0 = time.time()
d = load_dataset('glyphs-md-small', device=dev)
lists, _ = structured_class_lists(d.train, ks=(2, 3, 4, 5), per_k=1 if quick else 2, seed=0)
pool = train_pool(d, cfg=PoolConfig.preset('small', epochs=1 if quick else 15), class_lists=lists, seed=0, device=dev, show_progress=False)
res = dict(device=device_name(dev), n_models=len(pool), pool_acc=sum(m.acc for m in pool.meta) / len(pool), seconds=dict(pool=time.time() - t0), results={},
           inversion=dict(n_per_class=3 if quick else 30, steps=2 if quick else 200, rounds=R, fast_upconv=True))
save(res, out); print('pool', res['pool_acc'], flush=True)
t = time.time()
tasks = recovered_task_images(pool, seed=0, device=dev, rounds=R, n_per_class=res['inversion']['n_per_class'], steps=res['inversion']['steps'], fast_upconv=True)
res['seconds']['inversion'] = time.time() - t; save(res, out); print('inverted', res['seconds']['inversion'], flush=True)
for name, pr, f, p in [('conv4-union (default)', 'union', None, None), ('conv4-union, recovered presets', 'union', FisherConfig.preset('recovered'), ProbeConfig.preset('recovered')),
                       ('conv4-random', 'random', None, None), ('reference variant (conv4-union)', 'union', FisherConfig.preset('reference'), None)]:
    t = time.time(); sp = build_task_space(tasks, pr, f, p, seed=0, device=dev)
    res['results'][name] = sp.metrics(); res['seconds'][name] = time.time() - t; save(res, out)
    m = res['results'][name]; print(name, m['spearman_within'], m['auc_domain'], m['pass'], flush=True)
res['seconds']['total'] = time.time() - t0; save(res, out)
