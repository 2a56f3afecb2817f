"""Generate README.md from nbs/index.ipynb (Quarto, which nbdev_readme needs, is unavailable here).

python .ci/readme.py          # write README.md
python .ci/readme.py --check  # exit 1 if README.md is out of step with nbs/index.ipynb
"""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def render() -> str:
    nb = json.loads((root / 'nbs' / 'index.ipynb').read_text())
    parts = ['<!-- Generated from nbs/index.ipynb by .ci/readme.py: edit the notebook, not this file. -->']
    for c in nb['cells']:
        src = ''.join(c['source']).strip('\n')
        if not src or src.lstrip().startswith('#| hide'): continue
        if c['cell_type'] == 'markdown': parts.append(src)
        elif c['cell_type'] == 'code': parts.append('```python\n' + src + '\n```')
    return '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, readme = render(), root / 'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text() != text:
            sys.exit('README.md is out of step with nbs/index.ipynb: run `python .ci/readme.py` and commit')
        print('README.md matches nbs/index.ipynb')
    else:
        readme.write_text(text); print('wrote README.md')
