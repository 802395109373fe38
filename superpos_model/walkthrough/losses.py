"""The three losses side by side: does the loss decide whether superposition pays?

The first note ends on a hunch it never tests: squared error may not reward the
almost-orthogonal solution enough, and "many networks use other loss functions, e.g.
cross-entropy".  This chain answers it at the current parameters: each scheme's best
loss under linear + MSE, ReLU + MSE and the linear logits under cross-entropy; by what
factor superposition (random) wins or loses under each; and how far in z and in D it
keeps winning — every step against a simulation of the same quantity.

SciPy (through :mod:`superpos_model.relu` and :mod:`superpos_model.crossent`) is imported
inside the functions: the registry imports this module when the app starts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..estimate import Estimate, figure
from ..exact import exact_quadratic
from ..monitor import SILENT, Monitor
from ..params import Params
from ..readout import FREE_BIAS
from ..steps import Step, make_step
from ..sweep.crossings import Crossing, bracket_crossings, exact_point
from ..sweep.points import Point
from ..sweep.standing import Standing, standing, standing_sentence
from .common import best_loss
from .conclusions import sign_remark
from .verdicts import Judgement, assess

if TYPE_CHECKING:
    from ..relu.report import Measured
    from ..session import Session

CHAIN = "losses"
#: The losses compared, by the sweep's readout names, and how the steps name them.
LOSSES = {
    "linear": "linear + MSE",
    "relu": "ReLU + MSE",
    "cross-entropy": "linear logits + cross-entropy",
}
#: Their names in the step list, short enough for its column at 80×24.
SHORT = {"linear": "linear + MSE", "relu": "ReLU + MSE", "cross-entropy": "cross-entropy"}
#: The loss whose simulations the margin steps take: the note's question.
ASKED = "cross-entropy"
SUPERPOSITION = "random"
FIELDS = ("z", "D")
#: The steps whose value is a margin between two losses: either sign is a finding.
MARGIN_KEYS = frozenset({f"{CHAIN}.hunch", *(f"{CHAIN}.stops_{field}" for field in FIELDS)})


def _pays(point: Point) -> bool:
    """Whether superposition (random) wins alone at ``point``."""
    assert point.standing is not None
    return point.standing.winners == (SUPERPOSITION,)


def _stand_in_point(readout: str, base: Params, field: str, value: int, b_min: float) -> Point:
    """A cheap standing for narrowing a search: under cross-entropy random's exact optimum
    (a lattice integral, up to a second per point) is replaced by its Gaussian approximation
    (milliseconds); every other readout is exact already.  Only a narrowing: the crossing
    is then checked exactly (:func:`stops_paying`)."""
    if readout != ASKED:
        return exact_point(readout, base, field, value, b_min)
    from ..crossent import cross_entropy_optimum, gaussian_optimum

    params = base.replace(**{field: value})
    losses = {
        "random": gaussian_optimum(params).loss,
        "single": cross_entropy_optimum("single", params).loss,
        "multi": cross_entropy_optimum("multi", params).loss,
    }
    return Point(readout, params, standing(losses))


@dataclass(frozen=True)
class Boundary:
    """How far along ``field`` superposition keeps winning under ``readout``, exactly.

    ``here`` is the exact standing at the current parameters; ``top`` the largest value
    searched (T); ``crossing`` the first change past which random no longer wins alone
    (None where it does not win here, or wins up to ``top``).
    """

    readout: str
    field: str
    here: Point
    top: int
    crossing: Crossing | None

    @property
    def value(self) -> int:
        """The first value where random no longer wins alone (the crossing's upper side)."""
        assert self.crossing is not None
        return int(getattr(self.crossing.above.params, self.field))

    def sentence(self) -> str:
        """'ReLU + MSE: random wins up to z = 91; from z = 92 multi does'."""
        name, f = LOSSES[self.readout], self.field
        assert self.here.standing is not None
        if not _pays(self.here):
            return f"{name}: superposition does not win here ({self.here.standing.label} does)"
        if self.crossing is None:
            reach = "at" if getattr(self.here.params, f) == self.top else "up to"
            return f"{name}: random wins {reach} {f} = {self.top:,} (the largest searched)"
        above = self.crossing.above.standing
        assert above is not None
        return (
            f"{name}: random wins up to {f} = {self.value - 1:,}; "
            f"from {f} = {self.value:,} {above.label} {'do' if above.tie else 'does'}"
        )


def _first_exact_change(low: Point, high: Point, field: str) -> Crossing:
    """The first exact crossing between ``low`` (random wins) and ``high`` (it does not)."""
    return bracket_crossings(low, high, field)[0]


@lru_cache(maxsize=64)
def stops_paying(readout: str, T: int, D: int, z: int, field: str) -> Boundary:
    """Where, going up in ``field`` from its current value, random stops winning alone.

    Doubling steps find a value where it no longer wins, bisection (on the cheap
    stand-in, :func:`_stand_in_point`) the pair of adjacent integers between, and
    both sides are then evaluated exactly; where the stand-in was off, exact bisection
    between exact points finishes.  Cached: it depends on T, D and z only (not on a,
    samples or seed), and the app asks again on every change of those.
    """
    base = Params(T=T, D=D, z=z)
    here = exact_point(readout, base, field, getattr(base, field))
    # At T every feature is active (z) or has its own neuron (D): nothing left to compare.
    top = max(T - 1, getattr(base, field))
    if not _pays(here) or getattr(base, field) >= top:
        return Boundary(readout, field, here, top, None)
    value, last = getattr(base, field), here
    beyond: Point | None = None
    while value < top:
        value = min(2 * value, top)
        point = _stand_in_point(readout, base, field, value, FREE_BIAS)
        if not _pays(point):
            beyond = point
            break
        last = point
    if beyond is None:
        end = exact_point(readout, base, field, top)
        if _pays(end):
            return Boundary(readout, field, here, top, None)
        return Boundary(readout, field, here, top, _first_exact_change(here, end, field))
    guess = bracket_crossings(last, beyond, field, _stand_in_point)[0]
    n = int(getattr(guess.below.params, field))
    below, above = (exact_point(readout, base, field, v) for v in (n, n + 1))
    if _pays(below) and not _pays(above):
        return Boundary(readout, field, here, top, Crossing(readout, field, below, above))
    # The stand-in was off here: finish exactly between a side that pays and one that does not.
    if _pays(below):
        end = exact_point(readout, base, field, int(getattr(beyond.params, field)))
        if _pays(end):
            end = exact_point(readout, base, field, top)
            if _pays(end):
                return Boundary(readout, field, here, top, None)
        return Boundary(readout, field, here, top, _first_exact_change(above, end, field))
    return Boundary(readout, field, here, top, _first_exact_change(here, below, field))


def _measured(m: Measured, observable: str, samples: int) -> Estimate:
    return Estimate(m.simulated, m.se, samples, observable=observable)


@dataclass(frozen=True)
class LossOutcome:
    """One loss at one point: each scheme's least exact loss, and the simulation at each
    scheme's best readout (``exact`` there: the minimum, or the loss at the finite point
    near a limit where it was simulated)."""

    readout: str
    least: dict[str, float]
    exact: dict[str, float]
    simulated: dict[str, Estimate]
    #: Per scheme, how its best readout is written ('a* = 0.9' or '(a*, b*) = (…)').
    where: dict[str, str]

    @property
    def standing(self) -> Standing:
        return standing(self.least)

    def margin(self) -> tuple[float, Estimate, str]:
        """(exact, simulated, rival): the best other scheme's loss minus random's, at the
        simulated points (> 0: superposition pays), the SE combining both (conservative:
        they share active sets)."""
        rival = min((n for n in self.least if n != SUPERPOSITION), key=self.least.__getitem__)
        mine, theirs = self.simulated[SUPERPOSITION], self.simulated[rival]
        estimate = Estimate(
            theirs.value - mine.value,
            math.hypot(theirs.se, mine.se),
            min(mine.samples, theirs.samples),
            observable=f"simulated {rival} − random, each at its best readout; SE combines "
            "both (conservative: they share active sets)",
        )
        return self.exact[rival] - self.exact[SUPERPOSITION], estimate, rival


def _linear(session: Session, monitor: Monitor) -> LossOutcome:
    params = session.params
    least, exact, simulated, where = {}, {}, {}, {}
    for i, name in enumerate(("random", "single", "multi")):
        curve = exact_quadratic(name, params)
        sim = session.simulation(name, monitor.part(i / 3, (i + 1) / 3))
        least[name] = exact[name] = curve.minimum
        simulated[name] = best_loss(sim)
        where[name] = f"a* = {figure(curve.argmin)}"
    return LossOutcome("linear", least, exact, simulated, where)


def _with_bias(
    readout: str, session: Session, monitor: Monitor, schemes: tuple[str, ...] | None
) -> LossOutcome:
    """ReLU + MSE or cross-entropy: the check reports at each scheme's best (a, b) — of
    every scheme, or under cross-entropy of ``schemes`` only (each one's optimum and
    simulation cost as much as a whole check's third)."""
    params = session.params
    if readout == "relu":
        from ..relu import run_relu_check

        reports: dict = run_relu_check(params, None, monitor, session).schemes
        measured = "the literal ReLU loss of {}"
    else:
        from ..crossent import run_cross_entropy_check
        from ..crossent.report import cross_entropy_scheme_report

        if schemes is None:
            reports = run_cross_entropy_check(params, None, monitor, session).schemes
        else:
            reports = {
                name: cross_entropy_scheme_report(
                    params,
                    name,
                    None,
                    session,
                    monitor.part(i / len(schemes), (i + 1) / len(schemes)),
                )
                for i, name in enumerate(schemes)
            }
        measured = "the literal cross-entropy of {}'s logits"
    least, exact, simulated, where = {}, {}, {}, {}
    for name, r in reports.items():
        best = r.best()
        least[name], exact[name] = best.least, r.at_opt.exact
        at = f"({figure(best.a)}, {figure(best.b)})"
        where[name] = f"(a*, b*) = {at}"
        if best.limit:
            where[name] = f"no minimum: the loss falls toward {figure(best.least)} as " + (
                f"{best.limit}; simulated at (a, b) = {at}"
            )
        simulated[name] = _measured(r.at_opt, measured.format(name), params.samples)
    return LossOutcome(readout, least, exact, simulated, where)


def outcome(
    readout: str,
    session: Session,
    monitor: Monitor = SILENT,
    schemes: tuple[str, ...] | None = None,
) -> LossOutcome:
    """Each scheme's best loss under ``readout`` at the session's point (memoised there);
    under cross-entropy, of ``schemes`` only where given."""

    def compute() -> LossOutcome:
        if readout == "linear":
            return _linear(session, monitor)
        return _with_bias(readout, session, monitor, schemes)

    return session.memo(("loss outcome", readout, schemes), compute, monitor)


#: What each loss is, and its formula (per sample, summed over the T features).
FORMULAS = {
    "linear": "L = E Σ_i (y_i − a·(WᵀW·y)_i)²",
    "relu": "L = E Σ_i (y_i − ReLU(a·(WᵀW·y)_i − b))²",
    "cross-entropy": "L = E Σ_i [y_i·log(1 + e^(−t_i)) + (1 − y_i)·log(1 + e^(t_i))], "
    "t = a·WᵀW·y − b",
}
EXPLANATIONS = {
    "linear": "The first note's setting: the readout a·WᵀW·y under squared error. No linear "
    "readout of any rank-D embedding beats the rank bound, which one neuron per feature "
    "(multi) reaches: under this loss superposition never pays.",
    "relu": "The same embeddings read through a threshold, ReLU(a·WᵀW·y − b), still under "
    "squared error: the threshold silences most of the inactive features' noise.",
    "cross-entropy": "The readout stays linear, a·WᵀW·y − b, but is read as logits: each "
    "feature's loss is the binary cross-entropy, log(1 + e^−t) when active and "
    "log(1 + e^t) when not. A loss that cares about the sign of a logit more than its size.",
}


def loss_step(params: Params, result: LossOutcome) -> Step:
    """One loss: each scheme's optimum, random's against its simulation, and the winner."""
    readout = result.readout
    measured = result.simulated[SUPERPOSITION]
    theory = result.exact[SUPERPOSITION]
    judged = assess(measured, theory)
    schemes = "; ".join(
        f"{name} {figure(result.least[name])} at {result.where[name]}, simulated "
        f"{result.simulated[name].text}"
        for name in result.least
    )
    return make_step(
        CHAIN,
        readout.replace("-", "_"),
        f"{LOSSES[readout]}: each scheme at its best readout",
        EXPLANATIONS[readout],
        FORMULAS[readout],
        theory,
        measured,
        Judgement(
            judged.verdict,
            f"{judged.reason} {schemes}. "
            f"{standing_sentence(result.standing, f'Under {LOSSES[readout]}')}.",
        ),
        label=SHORT[readout],
    )


def _verdict_on_margin(exact: float, measured: Estimate) -> Judgement:
    """The simulated margin against the exact one, and whether it resolves its sign."""
    judged = assess(measured, exact)
    return Judgement(judged.verdict, f"{judged.reason} {sign_remark(measured)}")


def _factor_text(s: Standing) -> str:
    """'wins 6.87×', 'loses: multi wins (1.04× lower)', 'ties with multi'."""
    if SUPERPOSITION in s.winners:
        if s.tie:
            return f"ties with {' and '.join(n for n in s.winners if n != SUPERPOSITION)}"
        return "wins" if s.factor is None else f"wins {s.factor:.3g}×"
    loss, best = s.losses[SUPERPOSITION], s.losses[s.winners[0]]
    factor = f" ({loss / best:.3g}× lower)" if best > 0 else ""
    return f"loses: {s.label} {'tie' if s.tie else 'wins'}{factor}"


def hunch_step(params: Params, results: dict[str, LossOutcome]) -> Step:
    """The note's hunch in numbers: superposition's margin under each loss."""
    asked = results[ASKED]
    exact, measured, rival = asked.margin()
    placed = asked.standing
    verb = _factor_text(placed)
    title = f"The note's hunch, answered: under cross-entropy superposition {verb}"
    if placed.winners == (SUPERPOSITION,) and placed.factor is not None:
        title = (
            f"The note's hunch, answered: under cross-entropy superposition wins about "
            f"{placed.factor:.2g}×"
        )
    others = "; ".join(
        f"{LOSSES[name]}: superposition {_factor_text(r.standing)}" for name, r in results.items()
    )
    judged = _verdict_on_margin(exact, measured)
    return make_step(
        CHAIN,
        "hunch",
        title,
        "The first note suspects that squared error does not reward the almost-orthogonal "
        "solution enough, and that other losses, e.g. cross-entropy, might. The margin of "
        "superposition under cross-entropy: the best other scheme's loss minus random's "
        "(> 0: superposition pays), at each one's best readout.",
        f"L*_{rival} − L*_random under cross-entropy",
        exact,
        measured,
        Judgement(
            judged.verdict,
            f"{judged.reason} {others}. The readout is linear in its logits in both "
            "cross-entropy and the first loss: the loss, not only the nonlinearity, decides.",
        ),
        label="the hunch",
    )


def stops_step(
    params: Params, field: str, monitor: Monitor, results: dict[str, LossOutcome]
) -> Step:
    """Where along ``field`` superposition stops paying, under each loss; the simulation
    checks the margin under cross-entropy at the first value where it no longer wins."""
    boundaries = {name: stops_paying(name, params.T, params.D, params.z, field) for name in LOSSES}
    asked = boundaries[ASKED]
    if asked.crossing is None:
        at, point = results[ASKED], f"{field} = {getattr(params, field):,}"
        where = f"the current {point}, as there is no such value under cross-entropy"
    else:
        from ..session import Session

        moved = params.replace(**{field: asked.value})
        # Only random and the scheme that takes over there are simulated: the margin's two.
        above = asked.crossing.above.standing
        assert above is not None
        rival = next(name for name in above.winners if name != SUPERPOSITION)
        at = outcome(ASKED, Session(moved), monitor, (SUPERPOSITION, rival))
        point = f"{field} = {asked.value:,}"
        where = f"{point}, the first value where it no longer wins"
    exact, measured, rival = at.margin()
    judged = _verdict_on_margin(exact, measured)
    lines = "; ".join(b.sentence() for b in boundaries.values())
    held = ", ".join(f"{f} = {getattr(params, f):,}" for f in ("T", "D", "z") if f != field)
    return make_step(
        CHAIN,
        f"stops_{field}",
        f"Where superposition stops paying along {field}, under each loss",
        f"Going up in {field} from {getattr(params, field):,} ({held} held), the first "
        f"value at which random no longer has the least loss, found by bisection on the "
        f"exact optima (cross-entropy's random narrowed on its Gaussian approximation, both "
        f"sides then checked exactly). The simulation checks the cross-entropy margin at "
        f"{where} (near a crossing the margin is small: it may not resolve its sign).",
        f"L*_{rival} − L*_random under cross-entropy at {point}",
        exact,
        measured,
        Judgement(judged.verdict, f"{judged.reason} {lines}."),
        label=f"stops paying in {field}",
    )


def losses_chain(session: Session, monitor: Monitor = SILENT) -> list[Step]:
    """The three losses side by side, the note's hunch, and where superposition stops paying."""
    params = session.params
    results = {
        name: outcome(name, session, monitor.part(0.2 * i, 0.2 * (i + 1)))
        for i, name in enumerate(LOSSES)
    }
    steps = [
        *(loss_step(params, r) for r in results.values()),
        hunch_step(params, results),
        *(
            stops_step(params, field, monitor.part(0.6 + 0.2 * i, 0.8 + 0.2 * i), results)
            for i, field in enumerate(FIELDS)
        ),
    ]
    monitor.step(1.0)
    return steps
