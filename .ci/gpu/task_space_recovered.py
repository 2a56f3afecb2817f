# The task space on recovered images. Trains the structured pool (k = 2, 3, 4, 5, PER_K class lists per domain and k) on DATASET
# with PoolConfig.preset(POOL_PRESET, epochs=EPOCHS), inverts it once (NPC images per class, STEPS steps, ROUNDS rounds), then builds
# the 'union' task space four ways: the 'small' presets; the Fisher of the body's weights; the 'recovered' presets (the gain Fisher,
# the default on recovered images); the latter with 3 probes.
#   SEED=S python task_space_recovered.py OUT.json DATASET POOL_PRESET EPOCHS PER_K NPC STEPS ROUNDS [DOMAINS e.g. latin,cyrillic,math]
# Writes OUT.json after each phase (teacher accuracy overall and per domain; per row the Spearman within domains, overall and per
# domain, the domain AUC and the pass flags; seconds per phase) and OUT_tasks.safetensors (the recovered images: tensors only,
# no code on load; task_space_probe.py reads them). SEED defaults to 0.
# Time: on an H100, glyphs-md-small small 15 2 30 200 2 takes about 10 s for the pool and 87 s for the inversion; on one CPU
# thread, glyphs-md-small small 15 2 10 100 1 takes about 1400 s (inversion 1200 s). Records: nbs/artefacts/task_space_recovered_cpu_*.json.
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
from safetensors.torch import save_file   # the recovered images, for task_space_probe.py without a new inversion (no code on load)
save_file({'x': tasks.x.cpu().contiguous(), 'y': tasks.y.cpu().contiguous(), 'class_ids': tasks.class_ids.cpu().contiguous()}, out.rsplit('.', 1)[0] + '_tasks.safetensors',
          metadata={'class_names': json.dumps(tasks.class_names), 'domains': json.dumps(tasks.domains), 'mean': json.dumps(tasks.mean), 'std': json.dumps(tasks.std)})
for name, f, p in [("conv4-union, 'small' presets", FisherConfig.preset('small'), ProbeConfig.preset('small')),
                    ("conv4-union, body's weights", FisherConfig.preset('recovered', params='weights'), ProbeConfig.preset('recovered')),
                    ('conv4-union, recovered presets (gain)', FisherConfig.preset('recovered'), ProbeConfig.preset('recovered')),   # the default on recovered images
                    ('conv4-union, recovered presets (gain), 3 probes', FisherConfig.preset('recovered'), ProbeConfig.preset('recovered'))]:   # n_probes=3
    t = time.time(); sp = build_task_space(tasks, 'union', f, p, seed=seed, device=dev, n_probes=3 if name.endswith('3 probes') else 1)
    res['results'][name] = sp.metrics(); res['seconds'][name] = time.time() - t; save(res, out)
    m = res['results'][name]
    print(name, round(m['spearman_within'], 3), {k: round(v, 3) for k, v in m['spearman_per_domain'].items()}, round(m['auc_domain'], 3), m['pass'], flush=True)
res['seconds']['total'] = time.time() - t0; save(res, out)
