"""``walkthrough --scheme nonlinear`` prints the ReLU chain; the app starts without SciPy."""

from __future__ import annotations

import subprocess
import sys

from superpos_model import make_params
from superpos_model.walkthrough import walkthrough
from tui.cli import main

ARGS = ["--T", "200", "--D", "8", "--z", "3", "--samples", "400"]


def test_scheme_nonlinear_prints_every_step_and_verdict(capsys):
    assert main(["walkthrough", "--scheme", "nonlinear", *ARGS]) == 0
    out = capsys.readouterr().out
    steps = walkthrough(make_params(T=200, D=8, z=3, samples=400), "nonlinear")
    assert len(steps) == 6
    for step in steps:
        assert f"({step.key})" in out
    assert out.count("verdict:") == len(steps)
    assert "== nonlinear:" in out


def test_the_app_and_the_walkthrough_registry_load_without_scipy():
    code = (
        "import sys, tui.app, superpos_model.walkthrough; "
        "assert 'scipy' not in sys.modules, sorted(m for m in sys.modules if 'scipy' in m)[:3]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_command_line_parser_and_a_linear_check_load_without_scipy():
    # Every subcommand registers its options at start-up; none may pay SciPy's import for it.
    code = (
        "import sys, contextlib, io, tui.cli as cli; cli.build_parser(); "
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out): cli.main(['check', '--T', '60', '--D', '6', "
        "'--samples', '50'])\n"
        "assert 'scipy' not in sys.modules, sorted(m for m in sys.modules if 'scipy' in m)[:3]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
