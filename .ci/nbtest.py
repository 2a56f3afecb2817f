"""Run every notebook in nbs/ and tutorials/ as a test with nbdev's runner (`nbdev.test.test_nb`, what `nbdev_test`
uses), in parallel; print each notebook's PASS/FAIL and time as it finishes (a failure with the tail of its output;
what a passing notebook prints, widget and figure reprs included, stays out of the log), and end with a line
`N passed, N failed` counting notebooks.

python .ci/nbtest.py [--flags "slow cuda"] [--workers N] [PATHS...]
"""
import argparse, contextlib, io, multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

def run_one(path, skip, force, root):
    "(passed, seconds, what the notebook printed) of one notebook, its output captured."
    from nbdev.test import test_nb
    buf = io.StringIO(); t0 = time.time()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        try: ok, _ = test_nb(path, skip_flags=skip, force_flags=force, basepath=root)
        except BaseException as e: ok = False; print(f'{type(e).__name__}: {e}')
    return ok, time.time() - t0, buf.getvalue()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('paths', nargs='*', help='notebooks or folders (default: nbs tutorials)')
    ap.add_argument('--flags', default='', help='test flags to run that are normally skipped (e.g. "slow cuda")')
    ap.add_argument('--workers', type=int, default=min(os.cpu_count() or 1, 2))
    a = ap.parse_args()
    from nbdev.config import get_config
    cfg = get_config(); root = cfg.config_path
    os.environ.setdefault('TGR_NB_TEST', '1'); os.environ.setdefault('TGR_NB_QUIET', '1'); os.environ.setdefault('MPLBACKEND', 'Agg')
    # the cores shared out between the notebooks: two notebooks of two threads each on two cores slow each other several times
    os.environ.setdefault('OMP_NUM_THREADS', str(max(1, (os.cpu_count() or 1) // max(1, a.workers))))
    paths = [Path(p) for p in (a.paths or [root / 'nbs', root / 'tutorials'])]
    files = []
    for p in paths:
        if p.is_dir(): files += sorted(f for f in p.glob('*.ipynb') if not f.name.startswith('_'))
        elif p.exists(): files.append(p)
        else: sys.exit(f'no such notebook or folder: {p}')
    files = [f.absolute() for f in files]
    if not files: print('0 passed, 0 failed'); sys.exit('no notebooks found')
    t0, npass, nfail = time.time(), 0, 0
    print(f'{len(files)} notebooks, {a.workers} at a time; each line appears as its notebook finishes', flush=True)
    # a fresh process per notebook: the notebook's shell replaces __main__, and memory is returned between notebooks
    with ProcessPoolExecutor(max_workers=max(1, a.workers), mp_context=multiprocessing.get_context('spawn'), max_tasks_per_child=1) as ex:
        jobs = {ex.submit(run_one, f, cfg.tst_flags.split(), a.flags.split(), root): f for f in files}
        for j in as_completed(jobs):
            f = jobs[j]
            try: ok, t, out = j.result()
            except BaseException as e: ok, t, out = False, 0.0, f'{type(e).__name__}: {e}'
            npass += ok; nfail += not ok
            print(f'{"PASS" if ok else "FAIL"} {t:7.1f}s {f.relative_to(root)}   [{time.time() - t0:5.0f}s elapsed]', flush=True)
            if not ok: print('    ' + out[-6000:].replace('\n', '\n    '), flush=True)
    print(f'notebooks: {time.time() - t0:.0f}s wall')
    print(f'{npass} passed, {nfail} failed')
    sys.exit(1 if nfail else 0)

if __name__ == '__main__': main()
