"""Sentences true outside the notes' regime: ties, D > T, zero spread, unresolved gaps."""

from types import SimpleNamespace

from superpos_model import Verdict, make_params, run_check
from superpos_model.estimate import Estimate
from superpos_model.notes import notes_single
from superpos_model.relu.report import ReluCheckReport
from superpos_model.walkthrough import walkthrough
from superpos_model.walkthrough.losses import MARGIN_KEYS
from superpos_model.walkthrough.verdicts import assess
from tui.check_text import render_check


def test_an_exact_tie_is_reported_as_a_tie():
    # z = 1: no co-activation, so single's z(T − D)/T and multi's optimum are the same number.
    report = run_check(make_params(z=1, samples=200), interference=False)
    ranking = report.ranking()
    assert ranking.tie and {ranking.winner, ranking.runner_up} == {"single", "multi"}
    text = render_check(report)
    assert "tie" in text and "wins by 0.0000" not in text


def test_relu_ranking_reports_a_tie():
    def scheme(loss):
        return SimpleNamespace(optimum=SimpleNamespace(loss=loss, least=loss))

    schemes = {"random": scheme(2.0), "single": scheme(1.5), "multi": scheme(1.5)}
    ranking = ReluCheckReport(make_params(), None, schemes).ranking()
    assert ranking.tie and ranking.factor is None
    schemes["multi"] = scheme(1.0)
    assert not ReluCheckReport(make_params(), None, schemes).ranking().tie


def test_beyond_d_equals_t_nothing_is_dropped_and_the_notes_are_out_of_domain():
    params = make_params(T=50, D=60, z=3, samples=300)
    steps = {s.key: s for s in walkthrough(params, "all")}
    assert "the other T − D are dropped" not in steps["single.represented"].explanation
    for step in steps.values():
        if step.key not in MARGIN_KEYS:  # a margin between two losses may have either sign
            assert step.theory >= 0 and step.simulated.value >= 0, step.key
        if step.verdict is Verdict.NOTES_DIFFER:
            assert "co-activation" not in step.reason, step.key
    assert steps["single.total"].verdict is Verdict.NOTES_DIFFER
    assert "exceeds z" not in " ".join(notes_single(params).slips)


def test_zero_observed_spread_is_read_by_the_rule_of_three():
    # 2 000 samples with z = 1 of T = 10 000 features, 10 kept: most seeds see no kept one.
    params = make_params(T=10_000, D=10, z=1)
    steps = walkthrough(params, "single")
    assert all(step.verdict is not Verdict.UNEXPLAINED for step in steps)
    assert any("rule of three" in step.reason for step in steps)
    text = render_check(run_check(params, interference=False))
    assert "†" in text and "rule of three" in text and "too few samples" not in text


def test_a_gap_under_three_se_is_never_called_resolved():
    # The simulation is 3.1 SE from the formula but only 0.3 SE separates formula and exact.
    m = Estimate(1.0, 0.1, 1000)
    judged = assess(m, 1.28, shown=1.31, why="an approximation")
    assert judged.verdict is Verdict.APPROXIMATION
    assert "resolves the gap" not in judged.reason
    assert "do not resolve it" in judged.reason
    resolved = assess(m, 1.0, shown=1.5, why="an approximation")
    assert "resolves the gap" in resolved.reason


def test_the_random_se_shrinks_as_one_over_root_samples():
    # Where the embeddings' spread dominates, an SE over a few fixed embeddings stayed put.
    def se(samples):
        steps = walkthrough(make_params(T=7, D=3, z=7, a=1.0, samples=samples), "random")
        return {s.key: s for s in steps}["random.total"].simulated.se

    assert 0.35 <= se(8000) / se(2000) <= 0.65


def test_samples_that_would_resolve_a_gap_are_promised_only_for_independent_samples():
    independent = assess(Estimate(1.0, 0.1, 2000, 2000), 1.0, shown=1.1, why="x")
    assert "samples would." in independent.reason
    shared = assess(Estimate(1.0, 0.1, 2000, 8), 1.0, shown=1.1, why="x")
    assert "more embeddings than these 8" in shared.reason and "about" not in shared.reason
