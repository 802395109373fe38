"""`check --readout relu` with only --b or only --a: the other is optimised, and the output says
so (it was ignored without a word); the explorer never claims a b it does not use."""

from __future__ import annotations

import json

import numpy as np

from superpos_model import make_params
from superpos_model.relu import relu_loss
from superpos_model.views.relu import relu_explorer, relu_rows
from tui.cli import main

POINT = ["--T", "200", "--D", "20", "--z", "3", "--samples", "300"]


def run(capsys, *args):
    assert main(["check", "--readout", "relu", *POINT, *args]) == 0
    return capsys.readouterr().out


def _not_beaten(scheme, params, a, b, vary):
    """No nearby a (vary='a') or b (vary='b') gives a lower exact loss."""
    here = float(relu_loss(scheme, params, a, b))
    for step in (1e-3, 1e-2, 1e-1):
        for sign in (-1, 1):
            da, db = (sign * step, 0.0) if vary == "a" else (0.0, sign * step)
            if a + da < 0 or (vary == "b" and b + db < 0):
                continue
            assert here <= float(relu_loss(scheme, params, a + da, b + db)) + 1e-9, (scheme, a, b)


def test_b_alone_optimises_a_and_says_so(capsys):
    out = json.loads(run(capsys, "--b", "0.5", "--json"))
    params = make_params(T=200, D=20, z=3)
    for name, scheme in out["schemes"].items():
        at = scheme["mse_at"]
        assert at["b"] == 0.5 and at["optimised"] == "a"
        assert np.isclose(at["exact"], float(relu_loss(name, params, at["a"], 0.5)))
        _not_beaten(name, params, at["a"], 0.5, "a")
    assert "b = 0.5, a at its best for it" in run(capsys, "--b", "0.5")


def test_a_alone_optimises_b_and_says_so(capsys):
    out = json.loads(run(capsys, "--a", "1.2", "--json"))
    params = make_params(T=200, D=20, z=3)
    for name, scheme in out["schemes"].items():
        at = scheme["mse_at"]
        assert at["a"] == 1.2 and at["optimised"] == "b"
        _not_beaten(name, params, 1.2, at["b"], "b")
    assert "a = 1.2, b at its best for it" in run(capsys, "--a", "1.2")
    both = json.loads(run(capsys, "--a", "1.2", "--b", "0.5", "--json"))
    assert both["schemes"]["random"]["mse_at"]["optimised"] is None


def test_the_explorer_names_no_unused_b():
    view = relu_explorer(make_params(T=200, D=20, z=3, samples=300), 0.5)
    assert "b = 0.5" not in view.readout_text and view.b == 0.5
    assert all(row.quantity == "opt" for row in relu_rows(view))
    chosen = relu_explorer(make_params(T=200, D=20, z=3, a=1.2, samples=300), 0.5)
    assert "a = 1.2, b = 0.5" in chosen.readout_text
    assert {(row.a, row.b) for row in relu_rows(chosen) if row.quantity == "at"} == {(1.2, 0.5)}
