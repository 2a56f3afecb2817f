# One TGR iteration at the reference settings per variant (bench_tgr, per_phase=False: a warm-up iteration, then the timed
# iteration(s), each split by its own phase clocks), saved under <variant>_<size>px after each (size, variant).
#   python tgr_matrix.py OUT.json QUICK(0/1) [PLAN, e.g. 32:graph_fp32,84:graph_bf16] [fork|one]   (default: the graph variants at 32 and 84 px on CUDA)
# fork (the default on CUDA): each (size, variant) in a fresh process, so that one variant's failed capture or cached memory cannot
# spoil the next (after a failed capture, later variants in the same process can run out of GPU memory); one (the default on a CPU):
# all in this process. Env TGR_MATRIX_DEADLINE (epoch seconds) bounds the children; TGR_MATRIX_REPEATS (default 1): timed
# iterations per variant. About 10-35 s per variant on an H100, 35-80 s with speed.compile (its compile time is in the warm-up).
import sys, time, json, os, subprocess, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.speed import bench_tgr
from tgr_nb.inversion import clear_inversion_cache
bf, gr = dict(amp=True, fast_upconv=True), dict(cuda_graph=True, replay_graph=True)
VARIANTS = {'loop_fp32': ({}, False), 'loop_fast': (dict(fast_upconv=True), False), 'vmap_fp32': (dict(batching='vmap'), False),
            'loop_bf16_fast': (bf, True), 'graph_fp32': (gr, False), 'graph_bf16': (dict(gr, amp=True), True),
            'graph_bf16_fast': (dict(gr, **bf), True), 'graph_bf16_vmap': (dict(gr, amp=True, batching='vmap'), True),
            'graph_bf16_streams': (dict(gr, amp=True, streams=True), True),          # one CUDA stream per teacher
            'graph_bf16_fast_streams': (dict(gr, streams=True, **bf), True),
            'graph_bf16_persist': (dict(gr, amp=True, persist=True), True),          # the inversion's graph kept between iterations
            'graph_bf16_streams_persist': (dict(gr, amp=True, streams=True, persist=True), True),
            'graph_bf16_fast_streams_persist': (dict(gr, streams=True, persist=True, **bf), True),
            'graph_bf16_fast_compile': (dict(gr, compile='default', **bf), True),   # compiled kernels inside the graph
            'graph_bf16_fast_compile_streams_persist': (dict(gr, compile='default', streams=True, persist=True, **bf), True),   # speed.GPU_FAST
            'graph_bf16_fast_streams_persist_rloop': (dict(gr, streams=True, persist=True, replay_batching='loop', **bf), True),   # + the replay's tasks one at a time
            'graph_bf16_fast_streams_persist_prefetch': (dict(gr, streams=True, persist=True, prefetch=True, **bf), True),   # + the next inversion beside IGR and replay
            'graph_bf16_fast_compile_streams_persist_prefetch': (dict(gr, compile='default', streams=True, persist=True, prefetch=True, **bf), True)}
# name: (SpeedConfig fields, cudnn.benchmark)
out, quick = sys.argv[1], sys.argv[2] == '1'
dev = get_device(); cuda = dev.type == 'cuda'
default = ('32:graph_bf16,32:graph_bf16_fast,32:graph_bf16_streams,32:graph_bf16_fast_streams,32:graph_bf16_fast_streams_persist,'
           '84:graph_bf16,84:graph_bf16_fast,84:graph_bf16_fast_streams_persist,84:graph_bf16_fast_compile,32:graph_bf16_persist,'
           '32:graph_bf16_fast_compile,84:graph_bf16_fast_streams,32:graph_bf16_vmap,32:graph_fp32,84:graph_fp32' if cuda else
           '32:loop_fp32,32:loop_fast,84:loop_fp32,32:vmap_fp32')
plan = [(int(p.split(':')[0]), p.split(':')[1]) for p in (sys.argv[3] if len(sys.argv) > 3 else default).split(',')]
mode = sys.argv[4] if len(sys.argv) > 4 else ('fork' if cuda else 'one')
res = dict(device=device_name(dev), torch=torch.__version__, quick=quick, runs={})
if mode == 'fork':
    deadline = float(os.environ.get('TGR_MATRIX_DEADLINE', time.time() + 3600))
    for s, name in plan:
        part, left = f'{out}.part.json', deadline - time.time()
        if left < 5: print(s, name, 'skipped: deadline', flush=True); continue
        try: subprocess.run([sys.executable, __file__, part, sys.argv[2], f'{s}:{name}', 'one'], timeout=left)
        except subprocess.TimeoutExpired: res['runs'][f'{name}_{s}px'] = dict(error='killed at the deadline'); print(s, name, 'killed at the deadline', flush=True)
        if os.path.exists(part): res['runs'].update(json.load(open(part))['runs']); os.remove(part)
        save(res, out)
    sys.exit(0)
for s, name in plan:
    ov, bench = VARIANTS[name]
    t = time.time(); old = torch.backends.cudnn.benchmark; torch.backends.cudnn.benchmark = bench
    try: r = bench_tgr(dev, quick=quick, repeats=int(os.environ.get('TGR_MATRIX_REPEATS', 1)), sizes=(s,), overrides=dict(speed=ov), per_phase=False)
    except Exception as e: r = dict(error=repr(e)[:300])
    finally: torch.backends.cudnn.benchmark = old; clear_inversion_cache()
    r['wall_s'] = time.time() - t; r['cudnn_benchmark'] = bench; res['runs'][f'{name}_{s}px'] = r; save(res, out)
    ph = r.get(f'{s}px', {})
    print(s, name, round(ph['iteration']['median'], 3) if 'iteration' in ph else r.get('error'), {k: round(v, 3) for k, v in ph.get('phases', {}).items()},
          r.get('targets', {}).get(f'{s}px', {}).get('status'), round(r['wall_s']), 's wall', flush=True)
