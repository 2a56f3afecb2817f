# Issue 7: are weak teachers what spoils the task space on recovered images? The structured pool on a data set and recipe of
# choice, one-off inversion (images saved next to OUT), then the 'small' and the 'recovered' presets; per-domain Spearman and teacher accuracy are saved.
# python accept7c.py OUT.json DATASET POOL_PRESET EPOCHS PER_K NPC STEPS ROUNDS [DOMAINS e.g. latin,cyrillic,math]   (env SEED, default 0)
# Session 3 (H100): glyphs-md-small, 'small' preset, 15 epochs, per_k 2, 30/class x 200 steps x 2 rounds -> teachers 49 %,
# Spearman 0.36 (default) / 0.41 ('recovered'); per domain latin 0.77, cyrillic 0.04, math 0.54.
# Sessions 4-5 (CPU): glyphs-md-small small 15 2 10 100 1, SEED 0..4 -> 'recovered' presets (a) 0.518 +- 0.095, (b) 0.856 (nbs/artefacts/task_space_recovered_cpu_seeds.json);
# the rows were named 'conv4-union, recovered presets' then, when that preset was the Fisher of the body's weights. Session 8: probe7.py on the saved images.
import os, sys, time, json, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.task_space import build_task_space, FisherConfig, ProbeConfig, structured_class_lists, recovered_task_images
from tgr_nb.data import load_dataset
from tgr_nb.pool import train_pool, PoolConfig
out, ds, preset, epochs, per_k, npc, steps, rounds = sys.argv[1], sys.argv[2], sys.argv[3], *map(int, sys.argv[4:9])
domains = sys.argv[9].split(',') if len(sys.argv) > 9 else None
dev = get_device(); t0 = time.time(); seed = int(os.environ.get('SEED', 0))
d = load_dataset(ds, device=dev)
lists, info = structured_class_lists(d.train, ks=(2, 3, 4, 5), per_k=per_k, domains=domains, seed=seed)
pool = train_pool(d, cfg=PoolConfig.preset(preset, epochs=epochs), class_lists=lists, seed=seed, device=dev, show_progress=False)
accs = {}
for (dom, _), m in zip(info, pool.meta): accs.setdefault(dom, []).append(m.acc)
res = dict(device=device_name(dev), torch=torch.__version__, args=sys.argv[2:], seed=seed, n_models=len(pool), pool_acc=sum(m.acc for m in pool.meta) / len(pool),
           pool_acc_per_domain={k: sum(v) / len(v) for k, v in accs.items()}, seconds=dict(pool=time.time() - t0), results={},
           inversion=dict(n_per_class=npc, steps=steps, rounds=rounds))
save(res, out); print('pool', round(res['pool_acc'], 3), {k: round(v, 3) for k, v in res['pool_acc_per_domain'].items()}, round(time.time() - t0), flush=True)
t = time.time()
tasks = recovered_task_images(pool, seed=seed, device=dev, rounds=rounds, n_per_class=npc, steps=steps)
res['seconds']['inversion'] = time.time() - t; save(res, out); print('inverted', round(res['seconds']['inversion']), flush=True)
from safetensors.torch import save_file   # the recovered images, for later probe experiments without a new inversion (no code on load)
save_file({'x': tasks.x.cpu().contiguous(), 'y': tasks.y.cpu().contiguous(), 'class_ids': tasks.class_ids.cpu().contiguous()}, out.rsplit('.', 1)[0] + '_tasks.safetensors',
          metadata={'class_names': json.dumps(tasks.class_names), 'domains': json.dumps(tasks.domains), 'mean': json.dumps(tasks.mean), 'std': json.dumps(tasks.std)})
for name, f, p in [("conv4-union, 'small' presets", FisherConfig.preset('small'), ProbeConfig.preset('small')),   # the default on recovered images until session 5
                    ("conv4-union, body's weights (the recovered presets of sessions 5-7)", FisherConfig.preset('recovered', params='weights'), ProbeConfig.preset('recovered')),
                    ('conv4-union, recovered presets (gain)', FisherConfig.preset('recovered'), ProbeConfig.preset('recovered')),   # the default on recovered images since session 8
                    ('conv4-union, recovered presets (gain), 3 probes', FisherConfig.preset('recovered'), ProbeConfig.preset('recovered'))]:   # n_probes=3
    t = time.time(); sp = build_task_space(tasks, 'union', f, p, seed=seed, device=dev, n_probes=3 if name.endswith('3 probes') else 1)
    res['results'][name] = sp.metrics(); res['seconds'][name] = time.time() - t; save(res, out)
    m = res['results'][name]
    print(name, round(m['spearman_within'], 3), {k: round(v, 3) for k, v in m['spearman_per_domain'].items()}, round(m['auc_domain'], 3), m['pass'], flush=True)
res['seconds']['total'] = time.time() - t0; save(res, out)
