"""Run a notebook as a reader runs it (not under test: the reader's sizes, not the test sizes) and
write its time and each code cell's printed output as JSON. Nothing is compared; the numbers are for
records such as `nbs/artefacts/tutorial04_glyph_analogue_cpu.json`.

OMP_NUM_THREADS=1 python .ci/reader_run.py NOTEBOOK OUT.json
"""
import json, os, sys, time
for k in ('IN_TEST', 'TGR_NB_TEST'): os.environ.pop(k, None)
os.environ.setdefault('MPLBACKEND', 'Agg'); os.environ.setdefault('TGR_NB_QUIET', '1')
from execnb.nbio import read_nb
from execnb.shell import CaptureShell

nb_path, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
nb = read_nb(nb_path)
os.chdir(os.path.dirname(nb_path))
t0 = time.time()
CaptureShell().run_all(nb, exc_stop=True)
text = lambda o: ''.join(o.get('text', '')) if 'text' in o else str(o.get('data', {}).get('text/plain', ''))
cells = [dict(id=c.get('id'), output=''.join(text(o) for o in c.get('outputs', []))[-3000:])
         for c in nb.cells if c.cell_type == 'code']
json.dump(dict(notebook=sys.argv[1], seconds=round(time.time() - t0, 1), cells=cells), open(out, 'w'),
          indent=1)
print('ran in', round(time.time() - t0), 's')
