"""Tiny notebook editor for developers: keeps cell ids stable.

python .ci/nb.py new   NB.ipynb SRC.py        # create a notebook from a percent-format script (only for NEW notebooks)
python .ci/nb.py show  NB.ipynb [I[-J]]       # list cells: index, id, type, source
python .ci/nb.py set   NB.ipynb I SRC         # replace source of cell I with file SRC ('-' = stdin)
python .ci/nb.py ins   NB.ipynb I code|md SRC # insert a new cell before index I (I may equal len to append)
python .ci/nb.py del   NB.ipynb I             # delete cell I
python .ci/nb.py find  NB.ipynb TEXT          # indices of cells containing TEXT

Percent format: cells start with '# %%' (code) or '# %% [markdown]' (markdown; lines may keep a leading '# ').
"""
import sys, json, uuid, re
from pathlib import Path

def _load(p): return json.loads(Path(p).read_text())
def _save(p, nb):
    tmp = Path(str(p) + '.tmp'); tmp.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n'); tmp.replace(p)
def _src(f): return sys.stdin.read() if f == '-' else Path(f).read_text()
def _lines(s):
    s = s.rstrip('\n'); ls = s.split('\n')
    return [l + '\n' for l in ls[:-1]] + [ls[-1]] if s else []
def _cell(kind, src):
    c = {'cell_type': 'markdown' if kind in ('md', 'markdown') else 'code', 'id': uuid.uuid4().hex[:8],
         'metadata': {}, 'source': _lines(src)}
    if c['cell_type'] == 'code': c.update(execution_count=None, outputs=[])
    return c

def parse_percent(text):
    cells, kind, buf = [], None, []
    def flush():
        if kind is None: return
        src = '\n'.join(buf).strip('\n')
        if kind == 'md': src = '\n'.join(l[2:] if l.startswith('# ') else (l[1:] if l.startswith('#') else l) for l in src.split('\n'))
        cells.append(_cell(kind, src))
    for line in text.split('\n'):
        m = re.match(r'^# %%(.*)$', line)
        if m:
            flush(); kind = 'md' if '[markdown]' in m.group(1) else 'code'; buf = []
        else: buf.append(line)
    flush()
    return cells

def main(a):
    cmd, p = a[0], Path(a[1])
    if cmd == 'new':
        if p.exists(): sys.exit(f'{p} exists: edit it in place (set/ins/del) to keep cell ids stable')
        nb = {'cells': parse_percent(_src(a[2])), 'metadata': {'kernelspec': {'display_name': 'python3', 'language': 'python', 'name': 'python3'}},
              'nbformat': 4, 'nbformat_minor': 5}
        _save(p, nb); print(f'{p}: {len(nb["cells"])} cells'); return
    nb = _load(p); cs = nb['cells']
    if cmd == 'show':
        r = range(len(cs))
        if len(a) > 2:
            i, _, j = a[2].partition('-'); r = range(int(i), int(j) + 1 if j else int(i) + 1)
        for i in r:
            c = cs[i]; print(f'=== [{i}] id={c.get("id")} {c["cell_type"]}'); print(''.join(c['source']))
    elif cmd == 'set': cs[int(a[2])]['source'] = _lines(_src(a[3])); _save(p, nb)
    elif cmd == 'ins': cs.insert(int(a[2]), _cell(a[3], _src(a[4]))); _save(p, nb)
    elif cmd == 'del': del cs[int(a[2])]; _save(p, nb)
    elif cmd == 'find': print([i for i, c in enumerate(cs) if a[2] in ''.join(c['source'])])
    else: sys.exit(__doc__)

if __name__ == '__main__':
    if len(sys.argv) < 3: sys.exit(__doc__)
    main(sys.argv[1:])
