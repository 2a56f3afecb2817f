"""One lever on the demo itself: `pipeline.demo_pipeline` at 1-shot without the upper bound, with TGRConfig fields changed
(--set; e.g. --set replay_source=teachers), the pool's PoolConfig fields (--pool-set; e.g. --pool-set recolour=true) and, with --seed-bank, the memory bank filled before iteration 1 with the one-off inversion of every pool model
(the images the task space was built from); --pool-width changes the pool models' filters. Prints and appends one JSON line in the lever-record format.

    python .ci/levers/demo_variant.py --seed 2 --out /tmp/gs2 --name group_size --set group_pick=size --record OUT.jsonl

Run in a folder of an earlier demo of the same seed to reuse its pool and one-off inversion (copy pool/ and
pool_inversion/ into --out): only TGR and the evaluation run again."""
import argparse, json, time
import tgr_nb.tgr as T, tgr_nb.runs as runs, tgr_nb.pipeline as P
from tgr_nb.inversion import PoolInversion
from tgr_nb.pool import Pool
from tgr_nb.core import keep_host_memory

ap = argparse.ArgumentParser()
ap.add_argument('--seed', type=int, required=True); ap.add_argument('--out', required=True); ap.add_argument('--name', required=True)
ap.add_argument('--set', nargs='*', default=[]); ap.add_argument('--seed-bank', action='store_true'); ap.add_argument('--record', default=None)
ap.add_argument('--pool-width', type=int, default=None, help='filters of the pool models (default: the demo pool preset\'s)')
ap.add_argument('--pool-set', nargs='*', default=[], help='PoolConfig fields of the pool, FIELD=JSON')
a = ap.parse_args()
keep_host_memory()    # as the CLI does: freed tensors' memory is reused, not returned and faulted in again
over = P.parse_overrides(a.set)
# the pool's changes (--pool-width is --pool-set width=N): one preset on top of the demo's pool preset
pover = {k: json.loads(v) for k, v in (it.split('=', 1) for it in a.pool_set)}
if a.pool_width: pover['width'] = a.pool_width
if pover:
    from tgr_nb.pool import PoolConfig
    PoolConfig.register_preset('demo_variant', base='demo', **pover)
    over['pool_preset'] = 'demo_variant'
if a.seed_bank:
    plain = T.init_state
    def init_state(cfg, image_size, groups, pool_fp='', device=None):
        st = plain(cfg, image_size, groups, pool_fp, device)
        pool = Pool.load(f'{a.out}/pool', device=device); pinv = PoolInversion(f'{a.out}/pool_inversion', device)
        for i in range(len(pool)):
            x, y = pinv[i]; st.bank.push(x[y.argsort(stable=True)], pool.meta[i].class_ids)
        return st
    runs.init_state = init_state    # what train_tgr calls
t0 = time.time()
res = P.demo_pipeline(a.out, seed=a.seed, shots=(1,), upper_bound=False, **over)
r = lambda m: [round(res['results'][m]['1-shot']['mean'], 2), round(res['results'][m]['1-shot']['ci'], 2)]
rec = dict(seed=a.seed, what='variant', name=a.name, TGR_1=r('TGR'), Random_1=r('Random'), Average_1=r('Average'),
           replay_batches=res['tgr_runs']['TGR']['replay_batches'], sec=time.time() - t0, t=time.strftime('%H:%M:%S'))
print(json.dumps(rec))
if a.record:
    with open(a.record, 'a') as f: f.write(json.dumps(rec) + '\n')
