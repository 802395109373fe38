"""`check --readout relu` with only --b or only --a: the other is optimised, and the output says
so (it was ignored without a word); the explorer never claims a b it does not use."""

from __future__ import annotations

import json

import numpy as np
import pytest

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


@pytest.mark.parametrize(
    ("given", "value", "missing", "words"),
    [
        ("--b", 0.5, "a", "b = 0.5, a at its best for it"),
        ("--a", 1.2, "b", "a = 1.2, b at its best"),
    ],
)
def test_one_of_a_and_b_alone_optimises_the_other_and_says_so(capsys, given, value, missing, words):
    out = json.loads(run(capsys, given, str(value), "--json"))
    params = make_params(T=200, D=20, z=3)
    for name, scheme in out["schemes"].items():
        at = scheme["mse_at"]
        assert at[given.removeprefix("--")] == value and at["optimised"] == missing
        assert np.isclose(at["exact"], float(relu_loss(name, params, at["a"], at["b"])))
        _not_beaten(name, params, at["a"], at["b"], missing)
    assert words in run(capsys, given, str(value))


def test_both_given_optimise_neither(capsys):
    both = json.loads(run(capsys, "--a", "1.2", "--b", "0.5", "--json"))
    assert both["schemes"]["random"]["mse_at"]["optimised"] is None


def test_the_explorer_names_no_unused_b():
    view = relu_explorer(make_params(T=200, D=20, z=3, samples=300), 0.5)
    assert "b = 0.5" not in view.readout_text and view.b == 0.5
    assert all(row.quantity == "opt" for row in relu_rows(view))
    chosen = relu_explorer(make_params(T=200, D=20, z=3, a=1.2, samples=300), 0.5)
    assert "a = 1.2, b = 0.5" in chosen.readout_text
    assert {(row.a, row.b) for row in relu_rows(chosen) if row.quantity == "at"} == {(1.2, 0.5)}
