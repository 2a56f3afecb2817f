# Issue 6 acceptance: 3 glyphs-fs teachers (paper recipe, 20 epochs), invert with 'recover' at rounds 1, 2, 4; (a), (b) with two student seeds.
import sys, time, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.data import load_dataset
from tgr_nb.pool import train_pool, PoolConfig, model_data
from tgr_nb.inversion import invert, InversionConfig, recovery_report, train_student, classifier_accuracy
out, quick = sys.argv[1], sys.argv[2] == '1'
dev = get_device(); t0 = time.time()
ds = 'glyphs-small' if quick else 'glyphs-fs'
d = load_dataset(ds, device=dev)
pool = train_pool(d, n_models=3, cfg=PoolConfig.preset('paper', epochs=1 if quick else 20), seed=1, device=dev, show_progress=False)
res = dict(device=device_name(dev), data=ds, teacher_acc=[m.acc for m in pool.meta], seconds_pool=time.time() - t0, runs=[])
save(res, out); print('pool', res['teacher_acc'], flush=True)
steps = 300 if not quick else 5
plan = [('recover', 1), ('recover', 2), ('paper', 1), ('recover', 4)]
for preset, rounds in plan:
    t = time.time()
    cfg = InversionConfig.preset(preset, fast_upconv=True, **(dict(n_per_class=3, steps=2) if quick else {}))
    inv = invert(pool.models, cfg, seed=100, rounds=rounds, mean=pool.meta[0].mean, std=pool.meta[0].std, as_uint8=True, device=dev, show_progress=False)
    ti = time.time() - t
    rep = recovery_report(pool, d.train, inv, student_steps=steps, device=dev)
    for i, (model, meta) in enumerate(pool):     # a second student seed on the same images
        _, _, vi, vy = model_data(d.train, meta.classes, meta.seed, meta.settings.get('holdout', 0.2))
        st = train_student(inv.images[i], inv.labels, way=meta.way, steps=steps, mean=meta.mean, std=meta.std, seed=10 + i, device=dev)
        rep[i]['b_seed2'] = classifier_accuracy(st, d.train.x[vi], vy, meta.mean, meta.std)
    row = dict(preset=preset, rounds=rounds, per_class=cfg.n_per_class * rounds, steps=cfg.steps, inversion_s=ti, total_s=time.time() - t, report=rep,
               mean_a=sum(r['a'] for r in rep) / 3, mean_b=sum(r['b'] for r in rep) / 3, mean_b_seed2=sum(r['b_seed2'] for r in rep) / 3)
    res['runs'].append(row); save(res, out)
    print(preset, rounds, 'a', row['mean_a'], 'b', row['mean_b'], 'b2', row['mean_b_seed2'], 'inv', ti, flush=True)
print('accept6 done', time.time() - t0, flush=True)
