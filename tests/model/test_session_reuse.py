"""One Session: the check report and every walkthrough chain share each computation."""

import sys
import threading
from collections import Counter

import pytest

from superpos_model import Cancelled, Monitor, Params, Session, make_params, run_check
from superpos_model.embeddings import RandomEmbedding
from superpos_model.walkthrough import walkthrough

PARAMS = make_params(T=200, D=20, z=3, samples=300, seed=5)

#: The computations a session must run at most once each (per scheme, for simulations).
EXPENSIVE = ("draw_shared_active_sets", "run_simulation", "overlap_stats", "analyse_interference")


def _point(params: Params) -> tuple:
    return params.T, params.D, params.z, params.samples, params.seed


def at_the_sessions_point(args, kwargs) -> bool:
    """Whether a call computes at PARAMS' point: the losses chain also simulates where
    superposition stops paying, another point with draws of its own."""
    given = [x for x in (*args, *kwargs.values()) if isinstance(x, Params)]
    return not given or any(_point(x) == _point(PARAMS) for x in given)


@pytest.fixture
def calls(monkeypatch):
    """Counts calls to the expensive functions at PARAMS' point, under every name a model
    module binds them."""
    counted = Counter()
    for module in [m for name, m in sys.modules.items() if name.startswith("superpos_model")]:
        for name in EXPENSIVE:
            original = getattr(module, name, None)
            if callable(original):

                def counting(*args, _name=name, _original=original, **kwargs):
                    counted[_name] += at_the_sessions_point(args, kwargs)
                    return _original(*args, **kwargs)

                monkeypatch.setattr(module, name, counting)
    return counted


def test_check_and_walkthrough_on_one_session_compute_everything_once(calls):
    session = Session(PARAMS)
    report = run_check(PARAMS, session=session)
    steps = walkthrough(PARAMS, "all", session=session)
    assert calls == {
        "draw_shared_active_sets": 1,
        "run_simulation": 3,  # one per scheme, though five chains and the check ask
        "overlap_stats": 1,  # the check's interference block and the analysis share it
        "analyse_interference": 1,
    }
    assert session.misses["simulation"] == 3 and session.hits["simulation"] >= 5
    # Asking again computes nothing and returns the same results.
    assert run_check(PARAMS, session=session) is report
    assert walkthrough(PARAMS, "all", session=session) == steps
    assert sum(calls.values()) == 6


def test_each_random_embedding_gram_is_formed_once(monkeypatch):
    grams = Counter()
    original = RandomEmbedding.accumulate

    def counting(self, active, monitor):
        grams[self.index] += 1
        return original(self, active, monitor)

    monkeypatch.setattr(RandomEmbedding, "accumulate", counting)
    session = Session(PARAMS)
    run_check(PARAMS, session=session)
    walkthrough(PARAMS, "all", session=session)
    # The simulation, the anatomy, the overlaps and the frame potential read the same
    # embeddings; only the first pass over each forms its Gram, the rest gather readouts.
    assert grams and set(grams.values()) == {1}


def test_a_session_gives_what_fresh_computations_give():
    session = Session(PARAMS)
    run_check(PARAMS, session=session)
    assert walkthrough(PARAMS, session=session) == walkthrough(PARAMS)
    assert run_check(PARAMS, session=session).to_json() == run_check(PARAMS).to_json()


def test_a_cancelled_computation_is_not_kept():
    session = Session(PARAMS)
    with pytest.raises(Cancelled):
        session.simulation("random", Monitor(cancelled=lambda: True))
    assert session.simulation("random").samples == PARAMS.samples
    assert session.misses["simulation"] == 2  # computed again, not read back


def test_a_session_is_for_its_own_parameters():
    with pytest.raises(ValueError, match="session"):
        run_check(PARAMS.replace(z=4), session=Session(PARAMS))


def test_threads_asking_at_once_compute_once(calls):
    session = Session(PARAMS)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(session.simulation("multi")))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls["run_simulation"] == 1
    assert all(r is results[0] for r in results)
