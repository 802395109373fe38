"""The one verdict rule every chain uses (superpos_model.walkthrough.verdicts)."""

import pytest

from superpos_model import Estimate, Verdict
from superpos_model.walkthrough.verdicts import assess, decide

AGREES, APPROX, DIFFER, UNEXPLAINED = (
    Verdict.AGREES,
    Verdict.APPROXIMATION,
    Verdict.NOTES_DIFFER,
    Verdict.UNEXPLAINED,
)


def m(value, se=1.0):
    return Estimate(value, se, 100, observable="test")


@pytest.mark.parametrize(
    "measured,kwargs,verdict",
    [
        (m(0.5), {}, AGREES),
        (m(4.0), {}, UNEXPLAINED),
        (m(0.0), {"shown": 10.0, "why": "x"}, APPROX),
        (m(0.0), {"shown": 2.0, "why": "x"}, AGREES),
        (m(0.0), {"notes": 10.0, "why": "x"}, APPROX),
        (m(0.0), {"notes": 10.0, "why": "x.", "slip": True}, DIFFER),
        (m(0.0), {"notes": 1.0, "why": "x.", "slip": True}, DIFFER),
        (m(0.0), {"notes": 0.0, "why": "x.", "slip": True}, AGREES),
        (m(9.0), {"notes": 10.0, "why": "x.", "slip": True}, UNEXPLAINED),
        (m(0.1, 0.0), {}, UNEXPLAINED),
        (m(1e-17, 0.0), {}, AGREES),
    ],
)
def test_assess_decides_from_the_numbers(measured, kwargs, verdict):
    got, reason = assess(measured, 0.0, **kwargs)
    assert got == verdict
    assert reason


def test_unresolved_gap_says_how_many_samples_would_resolve_it():
    _, reason = assess(Estimate(0.0, 1.0, 100, observable="t"), 0.0, shown=1.0, why="x")
    # 3 SE must shrink from 3 to 1: nine times the samples.
    assert "about 900 samples would" in reason


def test_decide_from_the_numbers():
    e = Estimate(1.0, 0.1, 100, observable="x")
    assert decide(e, 1.2) is AGREES
    assert decide(e, 1.5) is UNEXPLAINED
    assert decide(e, 1.5, exact=False) is APPROX
    assert decide(e, 1.0, notes=3.0, slip=True) is DIFFER
    # Notes that only approximate, within 3 SE, are not singled out.
    assert decide(e, 1.0, notes=1.25) is AGREES
    # Against an asymptotic target, notes no further off than it are not singled out …
    assert decide(e, 2.0, notes=2.0, exact=False, slip=True) is APPROX
    # … and notes the simulation cannot reject are not either.
    assert decide(e, 1.5, notes=1.2, exact=False, slip=True) is APPROX
    assert decide(e, 1.05, notes=3.0, exact=False, slip=True) is DIFFER


def test_an_unresolved_slip_against_an_exact_value_differs_for_every_chain():
    # The case the interference chain's old rule (the simulation must reject the notes)
    # and the second note's chains' rule (the algebra settles a slip) decided differently: the
    # notes' wrong value 1.25 lies 2.5 SE from a simulation that agrees with the exact 1.
    e = Estimate(1.0, 0.1, 100, observable="x")
    assert decide(e, 1.0, notes=1.25, slip=True) is DIFFER
    verdict, reason = assess(e, 1.0, notes=1.25, why="A slip.", slip=True)
    assert verdict is DIFFER
    assert "alone cannot tell" in reason and "the algebra can" in reason
