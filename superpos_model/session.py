"""One point of parameter space and everything computed there, each thing once.

A :class:`Session` is keyed by its :class:`~superpos_model.params.Params`.  The
check report (:func:`~superpos_model.report.run_check`), the walkthrough's
chains (:func:`~superpos_model.walkthrough.walkthrough`) and the app's screens
all ask it, so the shared active sets are drawn once, each scheme is simulated
once, and the interference analysis runs once, whoever asks first.

Results are deterministic for a seed, so memoising changes speed, never values.
A computation that is cancelled (:class:`~superpos_model.monitor.Cancelled`)
or fails stores nothing: the next ask computes it again.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

import numpy as np

from .embeddings import ColumnSums
from .fresh import FreshDraws, draw_fresh
from .interference import (
    DEFAULT_THRESHOLD,
    OVERLAPS_SHARE,
    InterferenceAnalysis,
    OverlapStats,
    PairScans,
    analyse_interference,
    overlap_stats,
)
from .monitor import SILENT, Monitor
from .params import Params
from .simulate import Simulation, draw_shared_active_sets, run_simulation

Result = TypeVar("Result")


class Session:
    """Memoised results at one :class:`Params`.

    Safe for one background worker computing at a time plus any number of
    readers: each result is computed under its own lock, so two threads asking
    for the same thing compute it once, and a reader never sees a half-built
    value.  Progress and cancellation pass through the ``monitor`` each accessor
    takes; a result already held reports itself done (and still honours a
    cancellation) at once.

    Attributes
    ----------
    hits, misses : Counter
        Asks answered from memory and asks computed, by kind (``"simulation"``,
        ``"interference"``, …): how a test proves reuse.
    """

    def __init__(self, params: Params) -> None:
        self._params = params
        self._values: dict[Hashable, Any] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        self._scans = PairScans(params)
        self._sums = ColumnSums(params.T, params.D, params.seed)
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()

    @property
    def params(self) -> Params:
        return self._params

    def memo(
        self, key: tuple[Hashable, ...], compute: Callable[[], Result], monitor: Monitor
    ) -> Result:
        """The result stored under ``key`` (its first item names the kind), else ``compute()``."""
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            with self._guard:
                found = key in self._values
                (self.hits if found else self.misses)[str(key[0])] += 1
                if found:
                    held = cast(Result, self._values[key])
            if found:
                monitor.step(1.0)
                return held
            value = compute()
            with self._guard:
                self._values[key] = value
            return value

    def active_sets(self, monitor: Monitor = SILENT) -> np.ndarray:
        """The (samples, z) active sets every scheme and chain is measured on (read-only).

        ``monitor`` only cancels: drawing is quick next to the passes that use the sets.
        """

        def draw() -> np.ndarray:
            active = draw_shared_active_sets(self._params, Monitor(cancelled=monitor.cancelled))
            active.setflags(write=False)
            return active

        return self.memo(("active_sets",), draw, SILENT)

    def fresh_draws(self, monitor: Monitor = SILENT) -> FreshDraws:
        """The random scheme's samples, each on its own fresh embedding."""
        return self.memo(("fresh_draws",), lambda: draw_fresh(self._params, monitor), monitor)

    def simulation(self, scheme: str, monitor: Monitor = SILENT) -> Simulation:
        """The loss Monte Carlo of ``scheme``: on :meth:`active_sets`, or the fresh draws."""

        def simulate() -> Simulation:
            if scheme == "random":
                return run_simulation(
                    self._params, scheme, monitor=monitor, draws=self.fresh_draws(monitor)
                )
            return run_simulation(self._params, scheme, self.active_sets(monitor), monitor)

        return self.memo(("simulation", scheme), simulate, monitor)

    def overlaps(self, monitor: Monitor = SILENT) -> OverlapStats:
        """Overlap statistics of random embedding 0 (the check report's and the analysis's)."""
        return self.memo(
            ("overlaps",),
            lambda: overlap_stats(self._params, monitor, self._scans, self._sums),
            monitor,
        )

    def interference(
        self, threshold: float = DEFAULT_THRESHOLD, monitor: Monitor = SILENT
    ) -> InterferenceAnalysis:
        """The interference analysis at threshold θ = ``threshold``."""

        def analyse() -> InterferenceAnalysis:
            overlaps = self.overlaps(monitor.part(0.0, OVERLAPS_SHARE))
            return analyse_interference(
                self._params, threshold, monitor, overlaps, self._scans, self._sums
            )

        return self.memo(("interference", threshold), analyse, monitor)


def session_for(params: Params, session: Session | None) -> Session:
    """``session`` if given (it must be for ``params``), else a new one."""
    if session is None:
        return Session(params)
    if session.params != params:
        raise ValueError(f"the session is for {session.params}, not {params}")
    return session
