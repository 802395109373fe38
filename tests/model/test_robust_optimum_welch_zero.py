"""The optimum chain where T ≤ D (issue 29 item 5): the Welch bound is 0, so the worst-case
step compares the trained W's largest overlap with 0 instead of dividing by the bound."""

from __future__ import annotations

import pytest

from superpos_model import make_params
from superpos_model.walkthrough import Verdict, walkthrough
from tui.cli import main


@pytest.mark.parametrize(("T", "D"), [(20, 20), (10, 20)])
def test_the_worst_case_step_with_t_at_most_d_compares_with_zero(T, D):
    steps = walkthrough(make_params(T=T, D=D, z=1, samples=300), "optimum")
    worst = next(s for s in steps if s.key == "optimum.worst_case")
    assert worst.verdict == Verdict.AGREES
    assert "the Welch bound is 0" in worst.explanation
    assert "times the Welch bound" not in worst.reason


def test_overlaps_far_from_zero_are_not_called_orthogonal():
    from superpos_model.walkthrough.optimum import ORTHOGONAL, worst_case_judgement

    judged = worst_case_judgement(0.64, 0.8, 0.0)
    assert judged.verdict == Verdict.NOTES_DIFFER
    assert f"more than {ORTHOGONAL:g} above the Welch bound 0" in judged.reason


def test_the_command_prints_the_chain_at_t_equal_d(capsys):
    assert (
        main(
            [
                "walkthrough",
                "--scheme",
                "optimum",
                "--T",
                "20",
                "--D",
                "20",
                "--z",
                "1",
                "--samples",
                "300",
            ]
        )
        == 0
    )
    assert "the Welch bound is 0" in capsys.readouterr().out
