"""The ReLU explorer's view: rows are the check report's numbers, exports serialise."""

from __future__ import annotations

import json

import numpy as np
import pytest

from superpos_model import make_params
from superpos_model.relu import best_bias_curve, gaussian_random, relu_loss, run_relu_check
from superpos_model.views.relu import (
    CSV_COLUMNS,
    export_object,
    export_rows,
    relu_explorer,
    relu_rows,
)

PARAMS = make_params(T=300, D=30, z=3, samples=300, a=1.1)


@pytest.fixture(scope="module")
def view():
    return relu_explorer(PARAMS, 0.4)


def test_rows_are_the_check_reports(view):
    report = run_relu_check(PARAMS, 0.4)
    rows = {(r.scheme, r.quantity): r for r in relu_rows(view)}
    assert len(rows) == 6
    for name, r in report.schemes.items():
        opt, at = rows[(name, "opt")], rows[(name, "at")]
        assert (opt.a, opt.b, opt.exact) == (r.optimum.a, r.optimum.b, r.at_opt.exact)
        assert (opt.simulated, opt.se) == (r.at_opt.simulated, r.at_opt.se)
        assert at.exact == pytest.approx(float(relu_loss(name, PARAMS, 1.1, 0.4)))
        assert (at.gaussian is None) == (name != "random")
    assert rows[("random", "at")].gaussian == pytest.approx(
        float(gaussian_random(PARAMS, 1.1, 0.4))
    )


def test_curves_are_the_best_bias_and_pass_through_the_optimum(view):
    for name, curve in view.curves.items():
        again = best_bias_curve(name, PARAMS, curve.a)
        np.testing.assert_allclose(curve.loss, again.loss)
        optimum = view.report.schemes[name].optimum
        # b at its best for each a: never below the joint optimum, and near it around a*.
        assert np.all(curve.loss >= optimum.loss - 1e-9)
        assert curve.a[-1] > optimum.a


def test_exports_serialise(view):
    records = export_rows(view)
    assert all(set(r) == set(CSV_COLUMNS) for r in records)
    document = json.loads(json.dumps(export_object(view)))
    assert document["readout"] == "relu"
    assert document["ranking"]["winner"] == view.ranking().winner
