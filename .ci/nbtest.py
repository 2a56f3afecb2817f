"""Run every notebook in nbs/ and tutorials/ as a test with nbdev's runner (`nbdev.test.test_nb`, what `nbdev_test`
uses), in parallel, and end with a line `N passed, N failed` counting notebooks.

python .ci/nbtest.py [--flags "slow cuda"] [--workers N] [PATHS...]
"""
import argparse, os, sys, time
from pathlib import Path

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('paths', nargs='*', help='notebooks or folders (default: nbs tutorials)')
    ap.add_argument('--flags', default='', help='test flags to run that are normally skipped (e.g. "slow cuda")')
    ap.add_argument('--workers', type=int, default=min(os.cpu_count() or 1, 2))
    a = ap.parse_args()
    from nbdev.config import get_config
    from nbdev.test import test_nb
    from fastcore.parallel import parallel
    cfg = get_config(); root = cfg.config_path
    os.environ.setdefault('TGR_NB_TEST', '1'); os.environ.setdefault('TGR_NB_QUIET', '1'); os.environ.setdefault('MPLBACKEND', 'Agg')
    paths = [Path(p) for p in (a.paths or [root / 'nbs', root / 'tutorials'])]
    files = []
    for p in paths:
        if p.is_dir(): files += sorted(f for f in p.glob('*.ipynb') if not f.name.startswith('_'))
        elif p.exists(): files.append(p)
        else: sys.exit(f'no such notebook or folder: {p}')
    files = [f.absolute() for f in files]
    if not files: print('0 passed, 0 failed'); sys.exit('no notebooks found')
    t0 = time.time()
    res = parallel(test_nb, files, skip_flags=cfg.tst_flags.split(), force_flags=a.flags.split(),
                   n_workers=a.workers if len(files) > 1 else 0, basepath=root, pause=0.01)
    for f, (ok, t) in zip(files, res): print(f'{"PASS" if ok else "FAIL"} {t:7.1f}s {f.relative_to(root)}')
    npass = sum(ok for ok, _ in res); nfail = len(res) - npass
    print(f'notebooks: {time.time() - t0:.0f}s wall')
    print(f'{npass} passed, {nfail} failed')
    sys.exit(1 if nfail else 0)

if __name__ == '__main__': main()
