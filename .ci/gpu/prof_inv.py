# Where, kernel by kernel, does a step of the inversion spend its GPU time? tgr_matrix.py says how long a step takes; this says
# why. For each (size, variant of tgr_nb.inversion._INV_VARIANTS): 4 Conv4 teachers x 150 images (bench_inversion's settings),
# one warm-up `invert` of STEPS steps, then one profiled `invert` of STEPS steps, both with persist=True, so that a graph variant's
# profiled call is all replays (no eager warm-up steps, no recording). From the profiler's trace (its kernel events, gzipped, as
# OUT_<size>px_<variant>.json.gz), per step: the wall time, the summed kernel time, the time at least one kernel runs (the union
# of their intervals: busy < wall means the GPU waits on launches), the number of kernels, the time by kind (convolution, GEMM,
# batch norm, element-wise, reduction, layout copies, Adam, other), the 25 costliest kernels, and the pauses of over 1 ms
# between kernels (count and total; host work such as the generators' initialisation shows up there) with the step time
# without them. On a CPU (QUICK=1, the dry run) the same summary is made of the CPU operators. The drivers give it
# 60-65 s on an H100.
#   python prof_inv.py OUT.json QUICK(0/1) [STEPS, default 12] [VARIANTS, comma-separated] [SIZES, comma-separated]
import gzip, json, os, re, sys, tempfile, time, torch
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save, device_name, get_device
from tgr_nb.inversion import InversionConfig, invert, clear_inversion_cache, _INV_VARIANTS
from tgr_nb.models import build_model

KINDS = [('layout', r'nchwtonhwc|nhwctonchw'), ('batch_norm', r'batch_norm|batchnorm|bn_|welford'), ('adam', r'adam|multi_tensor|foreach'),      # first match wins
         ('conv', r'conv(?!ert)|cudnn|implicit|dgrad|wgrad|fprop|winograd|im2col|col2im'), ('gemm', r'gemm|cutlass|cublas|matmul|addmm|linear'),
         ('layout', r'copy|nchw|nhwc|transpose|permute|contiguous|cat|stack|index'), ('reduce', r'reduce|sum|mean|norm|max|min'),
         ('elementwise', r'elementwise|vectorized|unrolled|pointwise|leaky|sigmoid|relu|add|mul|where')]
def kind(name):
    n = name.lower()
    return next((k for k, pat in KINDS if re.search(pat, n)), 'other')

def union_us(iv):
    tot, end = 0.0, -1e30
    for a, b in sorted(iv):
        if b <= end: continue
        tot += b - max(a, end); end = b
    return tot

def summarise(trace, steps, wall_s, cat):
    ev = [e for e in trace['traceEvents'] if e.get('cat') == cat and e.get('ph') == 'X']
    by, kinds = {}, {}
    for e in ev:
        d = by.setdefault(e['name'], [0, 0.0]); d[0] += 1; d[1] += e['dur']
        kinds[kind(e['name'])] = kinds.get(kind(e['name']), 0.0) + e['dur']
    top = sorted(by.items(), key=lambda kv: -kv[1][1])[:25]
    ms = lambda us: us / 1e3 / steps
    iv, gaps, end = sorted((e['ts'], e['ts'] + e['dur']) for e in ev), [], None
    for a, b in iv:
        if end is not None and a - end > 1000: gaps.append(a - end)
        end = b if end is None else max(end, b)
    span = (end - iv[0][0]) if iv else 0.0
    return dict(events=cat, wall_ms_per_step=1e3 * wall_s / steps, summed_ms_per_step=ms(sum(e['dur'] for e in ev)),
                busy_ms_per_step=ms(union_us([(e['ts'], e['ts'] + e['dur']) for e in ev])), count_per_step=len(ev) / steps,
                pauses_over_1ms=dict(count=len(gaps), ms_total=sum(gaps) / 1e3), span_less_pauses_ms_per_step=ms(span - sum(gaps)),
                streams=sorted({str(e.get('args', {}).get('stream')) for e in ev})[:16],
                kinds_ms_per_step={k: ms(v) for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])},
                top=[dict(name=n[:160], calls_per_step=c / steps, ms_per_step=ms(t), kind=kind(n)) for n, (c, t) in top])

out, quick = sys.argv[1], sys.argv[2] == '1'
steps = int(sys.argv[3]) if len(sys.argv) > 3 else (2 if quick else 12)
dev = get_device()
names = sys.argv[4].split(',') if len(sys.argv) > 4 else (['fp32', 'fast'] if dev.type != 'cuda' else ['bf16_graph', 'bf16_fast_graph', 'bf16_graph_streams'])
sizes = [int(s) for s in sys.argv[5].split(',')] if len(sys.argv) > 5 else ([32] if quick else [84, 32])
n_t, npc = (2, 1) if quick else (4, 30)
acts = [torch.profiler.ProfilerActivity.CPU] + ([torch.profiler.ProfilerActivity.CUDA] if dev.type == 'cuda' else [])
cat = 'kernel' if dev.type == 'cuda' else 'cpu_op'
res = dict(device=device_name(dev), torch=torch.__version__, steps=steps, settings=dict(teachers=n_t, images_per_teacher=5 * npc), runs={})
for s in sizes:
    teachers = [build_model('conv4', image_size=s, bn='running', seed=i, device=dev) for i in range(n_t)]
    for name in names:
        key = f'{s}px_{name}'
        try:
            kw, bench, _ = _INV_VARIANTS[name]
            torch.backends.cudnn.benchmark = bench
            cfg = InversionConfig(n_per_class=npc, steps=steps, persist=True, **kw)   # persist: the profiled call replays every step
            run = lambda: invert(teachers, cfg, device=dev, show_progress=False)
            run()                                                     # warm-up: cuDNN plans, allocator, the graph's recording (kept)
            if dev.type == 'cuda': torch.cuda.synchronize()
            with torch.profiler.profile(activities=acts) as prof:
                t0 = time.perf_counter(); run()
                if dev.type == 'cuda': torch.cuda.synchronize()
                wall = time.perf_counter() - t0
            with tempfile.TemporaryDirectory() as d:
                p = os.path.join(d, 't.json'); prof.export_chrome_trace(p)
                raw = open(p, 'rb').read()
            trace = json.loads(raw)
            kept = dict(traceEvents=[e for e in trace['traceEvents'] if e.get('cat') == cat])    # the kernels alone: a small file
            with open(out.rsplit('.json', 1)[0] + f'_{key}.json.gz', 'wb') as f: f.write(gzip.compress(json.dumps(kept).encode()))
            res['runs'][key] = summarise(trace, steps, wall, cat)
            r = res['runs'][key]
            print(key, f"wall {r['wall_ms_per_step']:.1f} ms/step ({r['span_less_pauses_ms_per_step']:.1f} without {r['pauses_over_1ms']['count']} pauses > 1 ms),",
                  f"kernels {r['summed_ms_per_step']:.1f}, busy {r['busy_ms_per_step']:.1f},",
                  f"{r['count_per_step']:.0f} per step;", {k: round(v, 2) for k, v in r['kinds_ms_per_step'].items()}, flush=True)
        except Exception as e: res['runs'][key] = dict(error=repr(e)[:300]); print(key, 'error', repr(e)[:300], flush=True)
        finally: torch.backends.cudnn.benchmark = False; clear_inversion_cache()
        save(res, out)
