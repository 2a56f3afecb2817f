"""Count the aten calls of one replay meta-batch at the reference settings (16 one-shot 5-way tasks, 15 queries per class,
5 second-order inner steps, Conv4 width 32, 32 px) on the CPU: why replay is launch-bound on a GPU (09_tgr).
python .ci/profile_replay.py"""
import time, torch
from torch.profiler import profile, ProfilerActivity
from tgr_nb.tgr import TGRConfig, init_state, replay_phase
from tgr_nb.core import make_generator
torch.set_num_threads(1)
cfg = TGRConfig.preset('paper', replay_min=1, replay_max=1, replay_patience=1, n_groups=1)
st = init_state(cfg, 32, [[0, 1, 2, 3]], device='cpu')
for c in range(20): st.bank.push(torch.randint(0, 256, (cfg.inv_per_class, 3, 32, 32), dtype=torch.uint8, generator=make_generator(c)), [c])
gen, ms = make_generator(0), ((0.5,) * 3, (0.25,) * 3)
replay_phase(st.model, st.opt, st.bank, cfg, *ms, gen)                      # warm-up
with profile(activities=[ProfilerActivity.CPU]) as p:
    t = time.perf_counter(); replay_phase(st.model, st.opt, st.bank, cfg, *ms, gen); dt = time.perf_counter() - t
calls = sum(e.count for e in p.key_averages() if e.key.startswith('aten::'))
print(f'one replay meta-batch: {calls} aten calls (nested calls included), {dt:.2f} s on this CPU under the profiler')
