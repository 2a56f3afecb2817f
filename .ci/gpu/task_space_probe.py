# Where does the task space's overlap signal come from on recovered images? Reads the images that task_space_recovered.py saved
# (OUT_tasks.safetensors: tensors only, no code on load) and writes OUT.json, saved after each statistic.
#   python task_space_probe.py TASKS.safetensors SEED OUT.json probe     the union probe at width 32 and 64 (seed SEED): similarity of
#       mean probe features (a yardstick, not a Fisher), the Fisher of a per-feature gain (`params='gain'`), and at width 64 the
#       body's Fisher (all parameters and the conv weights)
#   python task_space_probe.py TASKS.safetensors SEED OUT.json heldout   the probe trained on half of each task's images (alternate
#       images of each class), the same statistics and the body's Fisher on that half and on the other half, and the probe's
#       accuracy on both halves
# About 6 min (probe) and 2.5 min (heldout) per seed on one CPU thread for the images of
# `SEED=k task_space_recovered.py OUT glyphs-md-small small 15 2 10 100 1`. Record: nbs/artefacts/task_space_recovered_cpu_probe.json.
import json, sys, time, torch, torch.nn.functional as F
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save
from safetensors import safe_open
from tgr_nb.task_space import (TaskImages, ProbeConfig, FisherConfig, train_probe, fisher_embeddings, fisher_similarity, space_metrics,
                               probe_features, fit_heads, gain_fisher)
path, seed, out, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
f = safe_open(path, 'pt'); md = f.metadata(); x, y = f.get_tensor('x'), f.get_tensor('y')
meta = (f.get_tensor('class_ids'), json.loads(md['class_names']), json.loads(md['domains']), tuple(json.loads(md['mean'])), tuple(json.loads(md['std'])), 'recovered')
res = dict(seed=seed, tasks=path, mode=mode, results={}, seconds={})

def keep(name, S, T, t):
    r = space_metrics(S, T.class_ids, T.domains); res['results'][name] = r; res['seconds'][name] = time.time() - t; save(res, out)
    print(seed, name, round(r['spearman_within'], 3), {k: round(v, 2) for k, v in r['spearman_per_domain'].items()}, round(r['auc_domain'], 3), r['pass'], flush=True)

def first_moment_and_gain(p, T, tag, t):
    "Cosine of the tasks' mean probe features, and the gain Fisher with heads fitted as in the 'recovered' presets (60 steps, wd 1, exact labels)."
    zf = probe_features(p, T.x); z = F.normalize(zf.mean(1).double(), dim=-1); keep(f'{tag}: mean-feature cosine (yardstick, not a Fisher)', z @ z.T, T, t)
    t = time.time(); W, b = fit_heads(zf, T.y, T.way, 60, 0.05, 1.0)
    keep(f'{tag}: Fisher of a per-feature gain', fisher_similarity({'gain': gain_fisher(zf.double(), W.double(), b.double())}), T, t)
    return zf

if mode == 'probe':
    tasks = TaskImages(x, y, *meta)
    for w in (32, 64):
        t = time.time(); p = train_probe(tasks, ProbeConfig.preset('recovered', width=w), seed=seed); first_moment_and_gain(p, tasks, f'width {w}', t)
    t = time.time(); emb = fisher_embeddings(p, tasks, FisherConfig.preset('recovered', params='all'), seed=seed)
    keep('width 64, params all', fisher_similarity(emb), tasks, t)
    keep('width 64, params weights', fisher_similarity({k: v for k, v in emb.items() if k.endswith('conv.weight')}), tasks, time.time())
elif mode == 'heldout':
    order = torch.argsort(y * y.shape[1] + torch.arange(y.shape[1]), dim=1)        # images grouped by class, in their order
    ys, xs = torch.gather(y, 1, order), x[torch.arange(len(x))[:, None], order]
    A, B = TaskImages(xs[:, 0::2], ys[:, 0::2], *meta), TaskImages(xs[:, 1::2], ys[:, 1::2], *meta)
    if not (A.y.sort(1).values == B.y.sort(1).values).all(): raise ValueError('held-out split: each class needs an even number of images per task')
    t = time.time(); p = train_probe(A, ProbeConfig.preset('recovered'), seed=seed); cls = torch.tensor(p.info['classes'])
    for tag, T in (('A (probe trained on)', A), ('B (held out)', B)):
        zf = first_moment_and_gain(p, T, tag, t)
        with torch.no_grad(): pred = cls[p.model.head(zf).argmax(-1)]
        res.setdefault('probe_accuracy', {})[tag] = (pred == T.class_ids[torch.arange(len(T.x))[:, None], T.y]).float().mean().item()
        t = time.time(); keep(f"{tag}: Fisher of the body's weights", fisher_similarity(fisher_embeddings(p, T, FisherConfig.preset('recovered', params='weights'), seed=seed)), T, t)
else: raise ValueError(f"mode must be 'probe' or 'heldout', got {mode!r}")
