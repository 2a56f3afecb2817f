# Run the notebook cells flagged `#| cuda` on a GPU machine without nbdev (the GPU image lacks it): each cell in a fresh namespace
# with `import torch, copy, numpy as np`, fastcore's test functions and `from tgr_nb.<module> import *` for the library's modules up to
# the notebook's own. The cells are written to stand alone. Needs fastcore (carry its wheel; see README.md).
# python cuda_cells.py OUT.json NB.ipynb ...   (env CUDA_CELLS=ID,ID,...: only the cells with these ids; the others are listed as not run)
import sys, os, json, time, io, re, traceback, contextlib
sys.path.insert(0, __file__.rsplit('/', 1)[0])
from common import save
ORDER = ['core', 'data', 'models', 'pool', 'maml', 'inversion', 'theory', 'heterogeneity', 'task_space', 'tgr', 'runs',
         'dashboard', 'pipeline', 'speed']
out, res = sys.argv[1], {}
only = set(filter(None, os.environ.get('CUDA_CELLS', '').split(',')))
for nb in sys.argv[2:]:
    cells = json.load(open(nb))['cells']
    head = ''.join(''.join(c['source']) for c in cells[:3])
    mod = re.search(r'#\| default_exp (\w+)', head).group(1)
    mods = ORDER[:ORDER.index(mod) + 1] if mod in ORDER else ['core', mod]
    for i, c in enumerate(cells):
        src = ''.join(c['source'])
        if c['cell_type'] != 'code' or not src.startswith('#| cuda'): continue
        if only and c.get('id') not in only: print(f'{nb}[{i}]', c.get('id'), 'not run (CUDA_CELLS)', flush=True); continue
        ns, buf, t = {}, io.StringIO(), time.time()
        try:
            with contextlib.redirect_stdout(buf):
                exec('import torch, copy, numpy as np\nfrom fastcore.test import *\n' + ''.join(f'from tgr_nb.{m} import *\n' for m in mods), ns)
                exec(compile(src, f'{nb}[{i}]', 'exec'), ns)
            r = dict(ok=True)
        except Exception: r = dict(ok=False, error=traceback.format_exc()[-1500:])
        r.update(seconds=round(time.time() - t, 2), stdout=buf.getvalue()[-2000:], cell_id=c.get('id'))
        res[f'{nb}[{i}]'] = r; save(res, out)
        print(f'{nb}[{i}]', 'PASS' if r['ok'] else 'FAIL', r['seconds'], 's', flush=True); print(r['stdout'] + r.get('error', ''), flush=True)
print(sum(r['ok'] for r in res.values()), 'passed,', sum(not r['ok'] for r in res.values()), 'failed')
sys.exit(1 if any(not r['ok'] for r in res.values()) else 0)
