"""The views sit on top of the model: the core never imports them, and they never import a UI."""

import subprocess
import sys


def test_the_core_never_imports_the_views_and_the_views_no_ui():
    code = (
        "import sys, superpos_model, superpos_model.report, superpos_model.walkthrough\n"
        "import superpos_model.interference\n"
        "superpos_model.run_check(superpos_model.make_params(samples=10))\n"
        "assert not [m for m in sys.modules if m.startswith('superpos_model.views')]\n"
        "import superpos_model.views.explorer, superpos_model.views.interference\n"
        "import superpos_model.views.walkthrough\n"
        "ui = ('textual', 'tui', 'rich', 'plotext')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ui]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
