"""The layers, in one fresh interpreter: the model never imports a UI, and the core never
imports the views (which sit on top of it and import no UI either)."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import superpos_model, superpos_model.report, superpos_model.walkthrough
import superpos_model.interference, superpos_model.optimize, superpos_model.sweep
from superpos_model import make_params
from superpos_model.relu import run_relu_check

ui = ('textual', 'tui', 'rich', 'plotext')

def loaded(prefixes):
    return sorted(m for m in sys.modules if m.split('.')[0] in prefixes)

superpos_model.run_check(make_params(samples=10))
run_relu_check(make_params(T=50, D=5, z=2, a=1.0, samples=20), 0.5)
views = sorted(m for m in sys.modules if m.startswith('superpos_model.views'))
assert not views, f'the core imported the views: {views}'
assert not loaded(ui), f'the model imported a UI: {loaded(ui)}'
import superpos_model.views.explorer, superpos_model.views.interference
import superpos_model.views.walkthrough, superpos_model.views.relu
import superpos_model.views.optimize, superpos_model.views.sweep
assert not loaded(ui), f'the views imported a UI: {loaded(ui)}'
"""


def test_the_model_and_its_views_import_no_ui_and_the_core_no_views():
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
