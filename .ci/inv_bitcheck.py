# Bit-identity check of `invert` across code versions: run the same small inversions with the code of a
# checkout, save every output tensor, and compare two such files with torch.equal. A change that claims "the same numbers on
# the CPU" runs this against a worktree of the commit before it (same machine, same thread count).
#   python .ci/inv_bitcheck.py run REPO OUT.pt        # REPO: a checkout whose tgr_nb is imported (e.g. a `git worktree add` of the base)
#   python .ci/inv_bitcheck.py compare A.pt B.pt      # exit 1 and name the outputs that differ
# e.g. git worktree add /tmp/base BASE && OMP_NUM_THREADS=1 python .ci/inv_bitcheck.py run /tmp/base a.pt &&
#      OMP_NUM_THREADS=1 python .ci/inv_bitcheck.py run . b.pt && python .ci/inv_bitcheck.py compare a.pt b.pt
import sys, torch

def run(repo, out):
    sys.path.insert(0, repo)
    import tgr_nb.inversion as inv_mod
    from tgr_nb.inversion import invert, InversionConfig
    from tgr_nb.models import build_model
    from tgr_nb.core import make_generator
    print('tgr_nb from', inv_mod.__file__)
    res = {}
    for dt in (torch.float64, torch.float32):
        ts = []
        for i in range(3):
            t = build_model('conv4', width=8, image_size=16, bn='running', seed=i, dtype=dt).train()
            with torch.no_grad(): t(torch.randn(32, 3, 16, 16, generator=make_generator(i), dtype=dt) * (1 + i) + i)
            ts.append(t.eval())
        cfg = InversionConfig.preset('small', n_per_class=2, steps=6, per_image=True)
        for name, kw, rounds, keep in [('loop', {}, 2, 'best'), ('vmap', dict(batching='vmap'), 2, 'best'), ('last', {}, 1, 'last'),
                                       ('fast', dict(fast_upconv=True), 2, 'best'), ('nchw', dict(channels_last=False), 1, 'best')]:
            inv = invert(ts, cfg.replace(**kw), seed=[3, 5, 7], image_size=16, rounds=rounds, keep=keep,
                         mean=(0.5, 0.4, 0.3), std=(0.2, 0.3, 0.25), show_progress=False)
            for k in ('images', 'loss', 'ce', 'bn', 'best_loss'): res[f'{dt}/{name}/{k}'] = getattr(inv, k)
    torch.save(res, out); print(len(res), 'tensors in', out)

def compare(a, b):
    A, B = torch.load(a, weights_only=True), torch.load(b, weights_only=True)   # tensors only: loading runs no code
    if set(A) != set(B): sys.exit(f'different outputs: {sorted(set(A) ^ set(B))}')
    bad = [k for k in A if not torch.equal(A[k], B[k])]
    print(f'{len(A)} tensors compared; not bit-identical: {bad or "none"}')
    sys.exit(1 if bad else 0)

if __name__ == '__main__':
    cmd = sys.argv[1] if len(sys.argv) > 1 else ''
    if cmd == 'run' and len(sys.argv) == 4: run(sys.argv[2], sys.argv[3])
    elif cmd == 'compare' and len(sys.argv) == 4: compare(sys.argv[2], sys.argv[3])
    else: sys.exit(__doc__ or 'usage: inv_bitcheck.py run REPO OUT.pt | compare A.pt B.pt')
