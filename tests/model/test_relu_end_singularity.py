"""At small D one overlap's density is singular at ±1 ((1−t²)^(−½) at D = 2), and with b = 0 the
active readout's threshold sits on that end: the exact value must still keep its stated accuracy."""

from __future__ import annotations

import pytest

from superpos_model import make_params
from superpos_model.relu import RANDOM_RELATIVE_ACCURACY, relu_loss, relu_optimum


def _closed_form(T: int, D: int, a: float) -> float:
    # z = 2, b = 0: the active readout a(1 + t) is never negative, and S_2 is symmetric, so
    # L = 2·E(1 − a(1 + t))² + (T − 2)·a²·E S_2²/2 = 2(1 − a)² + 2a²/D + (T − 2)·a²/D.
    return 2 * (1 - a) ** 2 + 2 * a * a / D + (T - 2) * a * a / D


@pytest.mark.parametrize("D", [2, 3, 5])
@pytest.mark.parametrize("T", [3, 10])
@pytest.mark.parametrize("a", [0.3, 4 / 7, 1.0, 1.7])
def test_b_zero_on_the_end_of_the_support_keeps_the_stated_accuracy(T, D, a):
    exact = float(relu_loss("random", make_params(T=T, D=D, z=2), a, 0.0))
    assert exact == pytest.approx(_closed_form(T, D, a), rel=RANDOM_RELATIVE_ACCURACY)


def test_the_optimum_at_t3_d2_z2_is_six_sevenths():
    # Over b ≥ 0, b = 0 is optimal here; over a the loss 2(1 − a)² + 1.5a² is least at
    # a = 4/7: 6/7.
    o = relu_optimum("random", make_params(T=3, D=2, z=2), b_min=0)
    assert o.loss == pytest.approx(6 / 7, rel=RANDOM_RELATIVE_ACCURACY)
    assert o.a == pytest.approx(4 / 7, rel=1e-4) and o.b == 0
