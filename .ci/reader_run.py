"""Run a notebook as a reader runs it (not under test: the reader's sizes, not the test sizes) and
write a record: its time, where and how it ran, each code cell's printed output, and the value of
each NAME=EXPR given, evaluated in the notebook's namespace once every cell has run (JSON values).
Nothing is compared; the numbers are for records such as `nbs/artefacts/tutorial01_reader_cpu.json`.

OMP_NUM_THREADS=1 python .ci/reader_run.py NOTEBOOK OUT.json [NAME=EXPR ...]
"""
import datetime, json, os, shlex, sys, time
for k in ('IN_TEST', 'TGR_NB_TEST'): os.environ.pop(k, None)
os.environ.setdefault('MPLBACKEND', 'Agg'); os.environ.setdefault('TGR_NB_QUIET', '1')
from execnb.nbio import read_nb
from execnb.shell import CaptureShell
import torch
from tgr_nb.core import device_name, git_commit, get_device, atomic_write_text

nb_path, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
exprs = dict(a.split('=', 1) for a in sys.argv[3:])
if any(not k.isidentifier() for k in exprs): sys.exit(f'NAME=EXPR expected, got {sys.argv[3:]}')
command = shlex.join(['OMP_NUM_THREADS=' + os.environ.get('OMP_NUM_THREADS', '(unset)'), 'python',
                      '.ci/reader_run.py', sys.argv[1], 'OUT.json', *sys.argv[3:]])
commit = git_commit(nb_path)                  # before the run: the notebook may write files
nb = read_nb(nb_path)
os.chdir(os.path.dirname(nb_path))
shell, t0 = CaptureShell(), time.time()
shell.run_all(nb, exc_stop=True)
seconds = round(time.time() - t0, 1)
text = lambda o: ''.join(o.get('text', '')) if 'text' in o else str(o.get('data', {}).get('text/plain', ''))
cells = [dict(id=c.get('id'), output=''.join(text(o) for o in c.get('outputs', []))[-3000:])
         for c in nb.cells if c.cell_type == 'code']
values = {k: eval(e, shell.user_ns) for k, e in exprs.items()}   # the caller's own expressions
rec = dict(notebook=sys.argv[1], seconds=seconds, **values, device=device_name(get_device()),
           torch=torch.__version__, date=datetime.date.today().isoformat(), commit=commit,
           command=command, cells=cells)
atomic_write_text(out, json.dumps(rec, indent=1) + '\n')
print('ran in', round(seconds), 's; wrote', out)
