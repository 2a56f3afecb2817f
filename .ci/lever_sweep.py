"""Which settings make data-free meta-learning transfer on glyphs? Trains one pool per seed, then for every variant of a plan
meta-trains TGR and scores it (and, for the first variant or where asked, Random and Average) on the same meta-test episodes.
A variant {"real": N} is MAML on real meta-train tasks for N meta-batches instead (the upper bound). One JSON line per result.

    python .ci/lever_sweep.py --plan .ci/levers/gpu_levers.json --out levers.jsonl --device cuda

The plans in .ci/levers/ are the ones behind nbs/artefacts/glyph_levers.json."""
import json, sys, time, os, argparse, copy
import torch, numpy as np
from tgr_nb.core import get_device, seed_everything
from tgr_nb.data import load_dataset
from tgr_nb.pool import PoolConfig, train_pool, derive_seed
from tgr_nb.tgr import TGRConfig, meta_model, make_groups, baselines, evaluate_tgr, recover_tasks
from tgr_nb.runs import train_tgr
from tgr_nb.pipeline import pool_similarity
from tgr_nb.inversion import classifier_accuracy
from tgr_nb.maml import MAMLConfig, train_maml

ap = argparse.ArgumentParser()
ap.add_argument('--plan', required=True)      # JSON file: {"common": {...}, "pool": {...}, "variants": {name: {...}}, "seeds": [...]}
ap.add_argument('--out', required=True)
ap.add_argument('--device', default=None)
a = ap.parse_args()
plan = json.load(open(a.plan)); dev = get_device(a.device)
data_name = plan.get('data', 'glyphs-small'); E = plan.get('episodes', 300)
def log(rec):
    rec['t'] = time.strftime('%H:%M:%S'); print(json.dumps(rec), flush=True)
    with open(a.out, 'a') as f: f.write(json.dumps(rec) + '\n')
pools, sims = {}, {}
for seed in plan['seeds']:
    t0 = time.time(); fs = load_dataset(data_name, device=dev, seed=seed)
    pc = PoolConfig.preset('small', **plan['pool'].get('cfg', {}))
    pool = train_pool(fs, n_models=plan['pool']['models'], cfg=pc, device=dev, seed=seed, show_progress=False)
    pools[seed] = (fs, pool)
    log(dict(seed=seed, what='pool', acc=float(pool.accs.mean()), accs=[round(float(x), 3) for x in pool.accs], sec=time.time() - t0,
             classes_covered=len({int(c) for m in pool.meta for c in m.class_ids})))
for name, v in plan['variants'].items():
  for seed in plan['seeds']:
    try:
        fs, pool = pools[seed]
        t1 = time.time()
        cfg = TGRConfig.preset(plan.get('preset', 'demo'), seed=seed, **{k: x for k, x in {**plan['common'], **v}.items() if k not in ('real', 'baselines')})
        rec = dict(seed=seed, what='variant', name=name)
        if v.get('real'):      # upper bound: MAML on real meta-train tasks, the same meta-model, lrs and tasks per meta-batch
            model = meta_model(cfg, fs.image_size, dev).train()
            mc = MAMLConfig(way=cfg.way, shot=cfg.shot, query=cfg.query, meta_batch=cfg.replay_tasks, steps=cfg.inner_steps, test_steps=cfg.eval_steps,
                            inner_lr=cfg.inner_lr, outer_lr=cfg.lr, iters=v['real'], log_every=50)
            train_maml(model, fs, mc, seed=seed, device=dev)
            for s in plan.get('shots', [1, 5]):
                acc = evaluate_tgr(model, fs, cfg, 'test', shot=s, episodes=E, seed=derive_seed(seed, 6, s), device=dev).acc
                rec[f'Real_{s}'] = [round(acc.mean, 2), round(acc.ci, 2)]
            rec['sec'] = time.time() - t1; log(rec); continue
        if cfg.grouping in ('heterogeneous', 'homogeneous'):
            ek = (seed, cfg.embed_rounds, cfg.embed_steps, cfg.embed_per_class, cfg.inv_ngf, cfg.inv_tv)
            if ek not in sims: sims[ek] = pool_similarity(pool, fs, cfg, seed=seed, device=dev)[0]
            groups = make_groups(pool, cfg, sims[ek])
        else: groups = make_groups(pool, cfg)
        idx = list(range(min(4, len(pool))))
        x = recover_tasks(pool, idx, cfg, [derive_seed(seed, 9, k) for k in idx], fs.image_size, device=dev)
        y = torch.arange(cfg.way, device=dev).repeat_interleave(cfg.inv_per_class)
        rec['recog'] = float(np.mean([classifier_accuracy(pool.models[i], x[k], y, pool.meta[i].mean, pool.meta[i].std) for k, i in enumerate(idx)]))
        rec['t_inv4'] = time.time() - t1
        r = train_tgr(pool, fs, cfg, groups=groups, device=dev)
        h = r.history
        rec.update(replay_acc_last=h[-1]['replay_acc'], replay_batches=sum(x['replay_batches'] for x in h), t_train=r.seconds,
                   evals=[{k: round(v, 2) for k, v in e.items()} for e in r.evals])
        models = {'TGR': r.model}
        if v.get('baselines') or name == list(plan['variants'])[0]: models.update(baselines(pool, fs, cfg, dev))
        for m, mod in models.items():
            for s in plan.get('shots', [1, 5]):
                acc = evaluate_tgr(mod, fs, cfg, 'test', shot=s, episodes=E, seed=derive_seed(seed, 6, s), device=dev).acc
                rec[f'{m}_{s}'] = [round(acc.mean, 2), round(acc.ci, 2)]
        rec['sec'] = time.time() - t1
        log(rec)
    except Exception as e:
        import traceback; traceback.print_exc(); log(dict(seed=seed, what='error', name=name, err=repr(e)))
