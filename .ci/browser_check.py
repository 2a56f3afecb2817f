"""A real browser check of a tutorial: JupyterLab + headless Chromium run every cell, screenshots are saved, and the
check fails if a widget did not render, a cell raised, or the run did not finish in time.

What it does, in order:
1. copies `tutorials/` and `nbs/artefacts/` into a temporary folder (so nothing in the working tree changes: no
   checkpoints, no autosave) and starts JupyterLab (from this Python environment) on 127.0.0.1, a free port, a random
   token, with autosave off, no news pop-up and virtual scrolling off (every cell stays in the page);
2. opens the notebook in headless Chromium (/usr/bin/chromium, driven by selenium through /usr/bin/chromedriver; nothing
   is downloaded), waits for the kernel, runs `notebook:run-all-cells` (the Run ▸ Run All Cells menu entry) and waits
   until every code cell has an execution count and the kernel is idle;
3. saves screenshots into --out: `00_opened.png`, `NN_scroll_YYYYY.png` (the notebook a screen at a time, top to
   bottom), `widget_K.png` (each widget output, cropped to it) and `failure.png` if something went wrong; plus
   `jupyterlab.log` and `report.json` (what was found);
4. fails (exit status 1, a `FAIL: ...` line per problem) if any output shows "Error displaying widget", a widget still
   says "Loading widget...", any output holds an error or a Python traceback (also inside widget outputs and stderr),
   the kernel died, no widget rendered, or the cells did not finish within --timeout.

Sizes: by default the kernel runs with TGR_NB_TEST=1 (and TGR_NB_QUIET=1), i.e. the small sizes of the automatic test
run (`test_size(small, full)` picks `small`), which finish in a few minutes here; `--full` leaves them unset, so the
notebook runs at the reader's sizes (about ten minutes on a laptop CPU, longer on a shared 2-core machine).
OMP_NUM_THREADS is passed through to the kernel as set in the calling shell.

Usage (from the repository root, with the project's virtual environment active):

    python .ci/browser_check.py                                    # tutorials/01_dfml_in_ten_minutes.ipynb, test sizes
    python .ci/browser_check.py --full --out /tmp/shots_full       # the reader's sizes
    python .ci/browser_check.py --nb tutorials/02_heterogeneity.ipynb --timeout 1200

Needs: jupyterlab, ipywidgets and selenium in the environment; Debian's `chromium` and `chromium-driver` packages.
Exit status 0 = pass; the last line is `1 passed, 0 failed` or `0 passed, 1 failed`.
"""
import argparse, json, os, secrets, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--window-size=1400,1000',
                '--hide-scrollbars', '--force-device-scale-factor=1']
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
JS_WIDGETS = ("return [...document.querySelectorAll('%s .jp-OutputArea-output')]"
              ".filter(o => o.querySelector('.jupyter-widgets') && !o.parentElement.closest('.jp-OutputArea-output'));" % PANEL)

def free_port() -> int:
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def write_settings(base: Path):
    "JupyterLab user settings: no virtual scrolling (all outputs stay in the DOM), no autosave, no news pop-up."
    for plugin, name, value in [('notebook-extension', 'tracker', {'windowingMode': 'none'}),
                                ('docmanager-extension', 'plugin', {'autosave': False}),
                                ('apputils-extension', 'notification', {'fetchNews': 'false', 'checkForUpdates': False})]:
        d = base / '@jupyterlab' / plugin; d.mkdir(parents=True, exist_ok=True)
        (d / f'{name}.jupyterlab-settings').write_text(json.dumps(value))

def start_lab(port: int, token: str, tmp: Path, full: bool, log):
    write_settings(tmp / 'lab-settings')
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(tmp / 'lab-settings'), JUPYTER_RUNTIME_DIR=str(tmp / 'runtime'),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / 'workspaces'), JUPYTER_CONFIG_DIR=str(tmp / 'config'))
    env.pop('MPLBACKEND', None)                                   # the kernel must use the inline backend, as a reader's does
    for k in ('TGR_NB_TEST', 'TGR_NB_QUIET', 'IN_TEST'): env.pop(k, None)
    if not full: env.update(TGR_NB_TEST='1', TGR_NB_QUIET='1')    # the test run's sizes
    cmd = [sys.executable, '-m', 'jupyterlab', '--no-browser', '--ip=127.0.0.1', f'--port={port}', '--port-retries=0',
           f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={tmp / "work"}', '--LabApp.expose_app_in_browser=True',
           '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate', '--ServerApp.open_browser=False']
    if hasattr(os, 'geteuid') and os.geteuid() == 0: cmd.append('--allow-root')
    p = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f'http://127.0.0.1:{port}/api/status?token={token}'
    for _ in range(240):
        if p.poll() is not None: raise RuntimeError(f'JupyterLab exited with status {p.returncode}; see jupyterlab.log')
        try:
            urllib.request.urlopen(url, timeout=2); return p
        except Exception: time.sleep(0.5)
    raise RuntimeError('JupyterLab did not answer within 120 s; see jupyterlab.log')

# the open notebook's widget: the shell's current one, else the main area's widget with a kernel session (a headless
# window has no focus, and JupyterLab 4.6 then leaves currentWidget empty)
JS_NOTEBOOK = """const a = window.jupyterapp;
const w = a && (a.shell.currentWidget || Array.from(a.shell.widgets('main')).find(x => x.sessionContext));"""

# the state of the open notebook: execution counts and error outputs from the notebook model, the rest from the page
JS_STATE = ("""
const P = '%s';
""" + JS_NOTEBOOK + """
const cells = w.content.model.cells; const counts = []; const errors = [];
for (let i = 0; i < cells.length; i++) {
  const c = cells.get(i); if (c.type !== 'code') continue;
  counts.push(c.executionCount);
  for (let j = 0; j < c.outputs.length; j++) {
    const o = c.outputs.get(j);
    if (o.type === 'error') { const d = o.toJSON(); errors.push('cell ' + i + ': ' + d.ename + ': ' + d.evalue); }
  }
}
const prompts = [...document.querySelectorAll(P + ' .jp-Notebook .jp-CodeCell .jp-InputPrompt')].map(e => (e.textContent || '').trim());
const outs = [...document.querySelectorAll(P + ' .jp-OutputArea-output')];
const text = outs.map(o => o.innerText || '').join('\\n');
const widgets = outs.filter(o => o.querySelector('.jupyter-widgets') && !o.parentElement.closest('.jp-OutputArea-output'));   // top-level widget outputs
const k = w.sessionContext;
return {n: counts.length, counts: counts, prompts: prompts, errors: errors,
        running: prompts.includes('[*]:'),
        kernel: k && k.session && k.session.kernel ? k.session.kernel.status : 'none',
        error_displaying: document.body.innerText.includes('Error displaying widget'),
        loading: widgets.filter(w => (w.innerText || '').includes('Loading widget')).length,
        traceback: /Traceback \\(most recent call last\\)/.test(text),
        died: /kernel (appears to have died|restarting)/i.test(document.body.innerText),
        widgets: widgets.length,
        widgets_with_content: widgets.filter(w => w.getBoundingClientRect().height > 20).length,
        widget_images: widgets.map(w => w.querySelectorAll('img').length)};
""") % PANEL

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], epilog=__doc__.split('\n\n', 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--nb', default='tutorials/01_dfml_in_ten_minutes.ipynb', help='notebook to run (default: %(default)s); served from a copy of tutorials/, so ../nbs/artefacts paths work')
    ap.add_argument('--out', default='/tmp/tgr_browser_check', help='folder for screenshots and logs (emptied first; default: %(default)s)')
    ap.add_argument('--full', action='store_true', help="run at the reader's sizes (TGR_NB_TEST unset) instead of the test sizes (TGR_NB_TEST=1)")
    ap.add_argument('--timeout', type=float, default=None, help='seconds allowed for running all cells (default: 900, or 3600 with --full)')
    ap.add_argument('--chromium', default=shutil.which('chromium') or '/usr/bin/chromium')
    ap.add_argument('--driver', default=shutil.which('chromedriver') or '/usr/bin/chromedriver')
    a = ap.parse_args()
    timeout = a.timeout or (3600 if a.full else 900)
    nb = (ROOT / a.nb).resolve()
    if not nb.is_file(): sys.exit(f'no such notebook: {a.nb}')
    for exe in (a.chromium, a.driver):
        if not Path(exe).exists(): sys.exit(f'{exe} not found: apt-get install chromium chromium-driver, or pass --chromium/--driver')
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError: sys.exit('selenium is not installed in this environment: pip install selenium')
    out = Path(a.out); shutil.rmtree(out, ignore_errors=True); out.mkdir(parents=True)
    tmp = Path(tempfile.mkdtemp(prefix='tgr_nb_browser_'))
    port, token = free_port(), secrets.token_hex(16)
    log = open(out / 'jupyterlab.log', 'w')
    lab = driver = None; failures = []; report = dict(notebook=a.nb, sizes='full' if a.full else 'test (TGR_NB_TEST=1)')
    t_start = time.time()
    def _stop(signum, frame): raise KeyboardInterrupt(f'signal {signum}')
    signal.signal(signal.SIGTERM, _stop)          # `timeout` or kill: still shut JupyterLab and Chromium down (the finally below)
    try:
        work = tmp / 'work'
        shutil.copytree(ROOT / 'tutorials', work / 'tutorials', ignore=shutil.ignore_patterns('.ipynb_checkpoints'))
        if (ROOT / 'nbs' / 'artefacts').is_dir(): shutil.copytree(ROOT / 'nbs' / 'artefacts', work / 'nbs' / 'artefacts')
        if nb.parent != ROOT / 'tutorials': shutil.copy(nb, work / 'tutorials' / nb.name)   # another notebook runs beside the tutorials
        lab = start_lab(port, token, tmp, a.full, log)
        opts = webdriver.ChromeOptions(); opts.binary_location = a.chromium
        for f in CHROME_FLAGS + [f'--user-data-dir={tmp / "chromium-profile"}']: opts.add_argument(f)
        driver = webdriver.Chrome(options=opts, service=Service(a.driver, log_output=str(out / 'chromedriver.log')))
        driver.set_script_timeout(60)
        driver.get(f'http://127.0.0.1:{port}/lab/tree/tutorials/{nb.name}?token={token}')
        t0 = time.time()
        while time.time() - t0 < 180:       # the notebook is open and its kernel is ready
            ok = driver.execute_script(JS_NOTEBOOK + """
                return !!(w && w.context && w.context.isReady && w.sessionContext && w.sessionContext.session
                          && w.sessionContext.session.kernel && w.sessionContext.session.kernel.status === 'idle');""")
            if ok: break
            time.sleep(1)
        else: raise RuntimeError('the notebook or its kernel did not become ready within 180 s')
        driver.execute_script("window.jupyterapp.shell.collapseLeft && window.jupyterapp.shell.collapseLeft();")   # more room for the notebook
        time.sleep(1); driver.save_screenshot(str(out / '00_opened.png'))
        # the notebook commands act on the active notebook; run-all is not awaited (the loop below watches it)
        driver.execute_script(JS_NOTEBOOK + "a.shell.activateById(w.id); a.commands.execute('notebook:run-all-cells');")
        t0 = time.time(); st = None; last = ''
        while True:
            time.sleep(3)
            st = driver.execute_script(JS_STATE)
            done = st['n'] and all(c is not None for c in st['counts']) and not st['running']
            stopped = st['errors'] and not st['running']      # an error stops run-all: the cells after it never run
            if st['kernel'] == 'idle' and (done or stopped): break
            if st['died'] or st['kernel'] in ('dead', 'unknown'): failures.append(f'the kernel died (status {st["kernel"]})'); break
            if time.time() - t0 > timeout: failures.append(f'cells did not finish within {timeout:.0f} s; prompts: {" ".join(st["prompts"])}'); break
            now = ' '.join(st['prompts'])
            if now != last: print(f'[{time.time() - t0:5.0f} s] {now}', flush=True); last = now
        report['run_seconds'] = round(time.time() - t0, 1)
        print(f'ran {st["n"]} code cells in {report["run_seconds"]:.0f} s; prompts: {" ".join(st["prompts"])}')
        time.sleep(3)                       # let the last widget views render
        st = driver.execute_script(JS_STATE); report['state'] = st
        # screenshots: the notebook a screen at a time
        scroller = f"(document.querySelector('{PANEL} .jp-WindowedPanel-outer') || document.querySelector('{PANEL} .jp-Notebook'))"
        height = driver.execute_script(f"const s = {scroller}; return [s.scrollHeight, s.clientHeight];")
        y, i = 0, 1
        while True:
            driver.execute_script(f"{scroller}.scrollTop = arguments[0];", y); time.sleep(0.5)
            driver.save_screenshot(str(out / f'{i:02d}_scroll_{y:05d}.png')); i += 1
            if y + height[1] >= height[0] or i > 80: break
            y += int(height[1] * 0.9)
        # one screenshot cropped to each widget output (the window grows to fit a tall widget)
        views = driver.execute_script(JS_WIDGETS)
        for k, v in enumerate(views):
            h = driver.execute_script("return arguments[0].getBoundingClientRect().height;", v)
            driver.set_window_size(1400, int(max(1000, h + 400)))   # room for the menu, toolbar and status bar
            driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", v); time.sleep(0.6)
            try: v.screenshot(str(out / f'widget_{k}.png'))
            except Exception as e: print(f'widget {k}: no screenshot ({type(e).__name__})')
        driver.set_window_size(1400, 1000)
        if st['error_displaying']: failures.append('"Error displaying widget" appears on the page')
        if st['loading']: failures.append(f'{st["loading"]} widget output(s) still say "Loading widget..."')
        for e in st['errors']: failures.append(f'error output in {e}')
        if not all(c is not None for c in st['counts']): failures.append(f'{sum(c is None for c in st["counts"])} code cell(s) never ran')
        if st['traceback']: failures.append('an output holds a Python traceback')
        if st['died']: failures.append('the page reports a dead or restarting kernel')
        if not st['widgets_with_content']: failures.append(f'no widget rendered ({st["widgets"]} widget outputs, none with content)')
        elif not any(st['widget_images']): failures.append('widgets rendered, but none shows a figure (their Output areas are empty)')
        print(f'widget outputs: {st["widgets"]} ({st["widgets_with_content"]} rendered, images per widget {st["widget_images"]}); '
              f'error outputs: {len(st["errors"])}; traceback: {st["traceback"]}; "Error displaying widget": {st["error_displaying"]}')
    except Exception as e:
        failures.append(f'{type(e).__name__}: {e}')
        if driver is not None:
            try: driver.save_screenshot(str(out / 'failure.png'))
            except Exception: pass
    finally:
        if driver is not None:
            try: driver.quit()
            except Exception: pass
        if lab is not None:
            try: os.killpg(lab.pid, signal.SIGTERM); lab.wait(20)
            except Exception:
                try: os.killpg(lab.pid, signal.SIGKILL)
                except Exception: pass
        log.close(); shutil.rmtree(tmp, ignore_errors=True)
    report.update(failures=failures, seconds=round(time.time() - t_start, 1))
    (out / 'report.json').write_text(json.dumps(report, indent=1))
    print(f'screenshots and logs in {out}')
    for f in failures: print('FAIL:', f)
    print(f'{0 if failures else 1} passed, {1 if failures else 0} failed')
    sys.exit(1 if failures else 0)

if __name__ == '__main__': main()
