"""The notes' formulas exactly as written in the second note, slips included.

These are what a reader of the notes computes by hand.  Where the notes slip,
the slip is kept and named here, so that the product can show it next to the
exact value (:mod:`exact`) and a simulation (:mod:`simulate`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .params import Params
from .quadratic import Quadratic


@dataclass(frozen=True)
class NotesFormula:
    """One scheme's loss as the notes write it.

    Attributes
    ----------
    curve : Quadratic
        The notes' MSE(a) as written.
    a_opt, mse_opt : float
        The optimum the notes state (which may come from an approximation of
        ``curve`` rather than from ``curve`` itself).
    written : str
        The formula as the notes print it, in readable Unicode.
    slips : tuple of str
        What the notes get wrong here, if anything.
    """

    curve: Quadratic
    a_opt: float
    mse_opt: float
    written: str
    slips: tuple[str, ...] = ()


def notes_random(params: Params) -> NotesFormula:
    T, D, z = params.T, params.D, params.z
    # MSE_rand = z((1−a)² + (z−1)a²/D) + (T−z)·z·a²/D, collected as a quadratic in a.
    long_form = Quadratic(z * (1 + (z - 1) / D + (T - z) / D), z, z)
    return NotesFormula(
        curve=long_form,
        a_opt=D / (T + D),
        mse_opt=z * T / (T + D),
        written=(
            "MSE_rand = z((1−a)² + (z−1)a²/D) + (T−z)·z·a²/D ≈ z(1−a)² + zT·a²/D, "
            "minimised by a = D/(T+D), making MSE_rand = zT/(T+D)"
        ),
        slips=(
            "the inactive feature's noise z·a²/D is labelled 'for active features'",
            "the optimum minimises the T − 1 → T approximation, not the long form",
        ),
    )


def notes_random_approx(params: Params) -> Quadratic:
    """The notes' approximation z(1−a)² + zT·a²/D (T − 1 → T), the curve they minimise."""
    T, D, z = params.T, params.D, params.z
    return Quadratic(z * (1 + T / D), z, z)


def notes_single(params: Params) -> NotesFormula:
    T, D, z = params.T, params.D, params.z
    mse = z * (T - D) / D
    if D > T:
        slip = (
            "z(T−D)/D assumes D < T: here it is negative, while every feature has a neuron "
            "and the loss at a = 1 is 0"
        )
    elif mse > z:
        slip = (
            "z(T−D)/D is a typo: it exceeds z, the loss of predicting all zeros; "
            "the dropped features cost z(T−D)/T"
        )
    else:
        slip = "z(T−D)/D is a typo: the dropped features cost z(T−D)/T"
    return NotesFormula(
        curve=Quadratic(0.0, 0.0, mse),
        a_opt=1.0,
        mse_opt=mse,
        written="MSE_single = z(T−D)/D",
        slips=(slip,),
    )


def notes_multi(params: Params) -> NotesFormula:
    T, D, z = params.T, params.D, params.z
    curve = Quadratic(z * T / D, z, z)  # z((1−a)² + (T/D − 1)a²)
    return NotesFormula(
        curve=curve,
        a_opt=D / T,
        mse_opt=z * (1 - D / T),
        written="MSE_multi = z((1−a)² + (T/D − 1)a²), minimised by a = D/T, making z(1 − D/T)",
        slips=(
            "ignores two active features sharing a neuron"
            if T >= D
            else "assumes T/D features per neuron: at D > T each feature is alone on its "
            "neuron, and the formula's loss is negative",
            "the minimisation is labelled 'MSErand is minimised by'",
        ),
    )


NOTES = {"random": notes_random, "single": notes_single, "multi": notes_multi}


def notes_formula(scheme: str, params: Params) -> NotesFormula:
    """The notes' formula for ``scheme`` at ``params``."""
    return NOTES[scheme](params)
