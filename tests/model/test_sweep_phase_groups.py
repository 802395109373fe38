"""A phase diagram sends the cells sharing D and z as one task: same cells, same order,
a failing cell alone marked, pool and in-process identical."""

from __future__ import annotations

import numpy as np

from superpos_model import Params
from superpos_model.sweep import FAILED, phase_diagram, phase_json
from superpos_model.sweep import points as points_module
from superpos_model.sweep.readouts import optimal_losses

BASE = Params(T=100, D=20, z=1)


def test_grouped_cells_land_in_their_places():
    # T/D × z at one D: each row (one z) is one group of cells with different T.
    d = phase_diagram(BASE, "T/D", [2, 3, 5], "z", [1, 2, 4], workers=1)
    for i, z in enumerate([1, 2, 4]):
        for j, r in enumerate([2, 3, 5]):
            cell = d.points[i][j]
            assert (cell.params.T, cell.params.D, cell.params.z) == (20 * r, 20, z)
            expected = optimal_losses("linear", cell.params)
            assert list(d.losses[i, j]) == [expected[name] for name in d.schemes]


def test_a_failing_cell_fails_alone_within_its_group(monkeypatch):
    real = points_module.evaluate

    def flaky(readout, params, simulated, budget, b_min):
        if params.T == 60 and params.z == 2:
            raise RuntimeError("this cell only")
        return real(readout, params, simulated, budget, b_min)

    monkeypatch.setattr(points_module, "evaluate", flaky)
    d = phase_diagram(BASE, "T/D", [2, 3, 5], "z", [1, 2], workers=1)
    assert d.winner[1, 1] == FAILED and "this cell only" in d.points[1][1].error
    assert np.count_nonzero(d.winner == FAILED) == 1


def test_relu_cells_on_the_pool_equal_in_process():
    args = (BASE, "T/D", [2, 3], "z", [1, 2], "relu")
    pooled = phase_diagram(*args, workers=2)
    alone = phase_diagram(*args, workers=1)
    assert phase_json([pooled]) == phase_json([alone])
