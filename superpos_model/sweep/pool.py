"""Run many independent model evaluations on every core, with progress and cancellation.

One warm :class:`~concurrent.futures.ProcessPoolExecutor` is kept for the life of
the process, so a screen that sweeps again and again pays the start-up (a
process per core importing NumPy) once.  Workers come from a fork server, never
from forking the caller: the app calls this from a thread, and forking a
threaded process can copy a held lock into the child.  Runs may share the pool (the
app starts a sweep as soon as it cancels the last); a run that ends the workers on
cancel retires the pool first, and the others submit again what they lost.  If no
worker can start, the work runs in-process and the monitor is told.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import signal
import sys
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from ..monitor import SILENT, Monitor
from ..params import ParamError

#: Seconds between cancellation checks while waiting on workers.
POLL_SECONDS = 0.05
#: One BLAS thread per worker: the workers already fill the cores, and BLAS threads on
#: top of them would fight for the same cores.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass(frozen=True)
class Outcome:
    """One task's result, or the one-line error that stopped it (never both)."""

    value: Any = None
    error: str | None = None


def describe(error: BaseException) -> str:
    """One line for a failed task: a parameter error reads as itself, others name their type."""
    if isinstance(error, ParamError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _attempt(task: Callable[..., Any], args: tuple) -> Outcome:
    try:
        return Outcome(task(*args))
    except Exception as error:  # a failing point is reported in its row; the rest go on
        return Outcome(error=describe(error))


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _ignore_interrupts() -> None:
    # Ctrl+C reaches every process of the terminal's group; the caller alone decides
    # what it means (cancel the sweep), and a worker must not die printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_pool_workers = 0
#: Pools whose workers a cancelled run ended (see :func:`_terminate`).
_ended: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()


class CannotStart(Exception):
    """The worker processes could not be started (the work then runs in-process)."""


def _executor(workers: int) -> ProcessPoolExecutor:
    global _pool, _pool_workers
    with _lock:
        if _pool is None or _pool_workers != workers:
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=True)
            context = multiprocessing.get_context("forkserver")
            _start_fork_server()
            _pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=_ignore_interrupts
            )
            _pool_workers = workers
        return _pool


def _start_fork_server() -> None:
    """Start the fork server (if not yet running) with single-threaded BLAS.

    The server's environment is read once, when it starts; every worker forks from
    it.  The caller's own environment is restored at once.
    """
    saved = {name: os.environ.get(name) for name in SINGLE_THREADED}
    os.environ.update(SINGLE_THREADED)
    stderr = sys.stderr
    # The resource tracker (started with the server) hands its child sys.stderr's file
    # descriptor; an app that captures stderr (Textual's reads -1) would make the start
    # fail with "bad value(s) in fds_to_keep", so the process's own stderr stands in.
    if not _has_descriptor(stderr):
        sys.stderr = sys.__stderr__ if _has_descriptor(sys.__stderr__) else None
    multiprocessing.forkserver.set_forkserver_preload(["__main__", f"{__package__}.worker_start"])
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        sys.stderr = stderr
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _has_descriptor(stream: object) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):  # no descriptor at all
        return False


def _discard(pool: ProcessPoolExecutor) -> None:
    """Forget a pool whose workers died, so the next run starts a fresh one.

    Its futures are not cancelled: the executor marks them all broken itself, and
    in Python 3.11 it fails (in its own thread) on any future cancelled meanwhile.
    """
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False)


def _process_id(_: int) -> int:
    return os.getpid()


def warm_pool(workers: int | None = None) -> None:
    """Start the worker processes now (say when a sweep screen opens), so that the first
    sweep does not wait for them.

    One task per worker makes the pool start them all; unpickling a task from this
    module imports the model in each, which is most of a worker's start-up.
    """
    workers = available_cores() if workers is None else workers
    if workers > 1:
        list(_executor(workers).map(_process_id, range(workers)))


def _terminate(pool: ProcessPoolExecutor) -> None:
    """End the workers of ``pool`` at once, abandoning the tasks they are running.

    A task under way in a worker cannot be interrupted from outside; ending its
    process is the only prompt stop, and the executor has no public way to do it
    before Python 3.14.  The pool is retired first, so no run starts on it any
    more, and marked as ended on purpose: a newer run that already shared it (the
    app starts the next sweep as soon as it cancels one) submits again what it lost.
    """
    global _pool
    processes = list(getattr(pool, "_processes", None) or {})
    with _lock:
        _ended.add(pool)
        if _pool is pool:
            _pool = None
    for pid in processes:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:  # already gone
            pass
    pool.shutdown(wait=False)


def shutdown_pool() -> None:
    """Stop the warm worker processes (they restart on the next parallel run)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def plan(tasks: int, cheap: bool, workers: int | None) -> int:
    """How many worker processes to use; 0 means in-process.

    Cheap tasks always run in-process: an exact linear point costs ~10 µs, less
    than sending its result back from a worker (10 000 cells: 0.5 s in-process,
    1.0 s on a warm pool of 2 in chunks of 1 250), so no chunking makes them pay.
    Costly tasks (simulations, numerical optima) go one per round trip, which
    balances uneven costs and lets cancellation drop all that has not started.
    """
    workers = available_cores() if workers is None else workers
    if cheap or workers <= 1 or tasks < 2:
        return 0
    return min(workers, tasks)


def run_tasks(
    task: Callable[..., Any],
    arguments: Sequence[tuple],
    *,
    cheap: bool = False,
    workers: int | None = None,
    monitor: Monitor = SILENT,
) -> list[Outcome]:
    """``task(*args)`` for each of ``arguments``, in order, each as an :class:`Outcome`.

    Parameters
    ----------
    task : callable
        A module-level function (it is sent to worker processes by name).
    cheap : bool
        Whether one call takes microseconds: cheap tasks stay in-process.
    workers : int or None
        Worker processes; None for every core, 1 to stay in-process.
    monitor : Monitor
        Told the fraction of tasks done; when it asks to cancel, tasks not yet
        started are cancelled and :class:`~superpos_model.monitor.Cancelled` is
        raised; if some had started, the workers are ended so that nothing runs
        on unseen (the next parallel run starts new ones).
    """
    processes = plan(len(arguments), cheap, workers)
    if processes:
        try:
            return _run_on_pool(task, arguments, processes, monitor)
        except CannotStart as error:
            monitor.tell(f"computed in this process, on one core: {error}")
    return _run_here(task, arguments, monitor)


def _run_here(
    task: Callable[..., Any], arguments: Sequence[tuple], monitor: Monitor
) -> list[Outcome]:
    outcomes = []
    for count, args in enumerate(arguments, start=1):
        outcomes.append(_attempt(task, args))
        monitor.step(count / len(arguments))
    return outcomes


def _submit(
    processes: int, task: Callable[..., Any], arguments: Sequence[tuple], indices: list[int]
) -> tuple[ProcessPoolExecutor, dict[Future, int]]:
    """Submit the tasks at ``indices`` to the warm pool (started if need be)."""
    try:
        pool = _executor(processes)
    except Exception as error:  # no fork server, no processes: nothing was submitted
        raise CannotStart(f"the worker processes could not start ({describe(error)})") from error
    try:
        return pool, {pool.submit(_attempt, task, arguments[i]): i for i in indices}
    except (BrokenProcessPool, RuntimeError) as error:  # broken or shut down meanwhile
        if pool in _ended:  # another run's cancel ended it just now: start a fresh one
            return _submit(processes, task, arguments, indices)
        _discard(pool)
        raise CannotStart(f"the worker processes could not start ({describe(error)})") from error


def _run_on_pool(
    task: Callable[..., Any], arguments: Sequence[tuple], processes: int, monitor: Monitor
) -> list[Outcome]:
    results: list[Outcome | None] = [None] * len(arguments)
    todo = list(range(len(arguments)))
    while todo:
        pool, futures = _submit(processes, task, arguments, todo)
        todo = []
        pending = set(futures)
        try:
            while pending:
                done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        results[futures[future]] = future.result()
                    except BrokenProcessPool as error:
                        if pool in _ended:
                            # Another run's cancel ended these workers, not this task: again,
                            # on a fresh pool.
                            todo.append(futures[future])
                        else:
                            _discard(pool)
                            results[futures[future]] = Outcome(error=describe(error))
                finished = sum(outcome is not None for outcome in results)
                monitor.step(finished / len(arguments))
        except BaseException:  # Cancelled, ctrl+c: stop now, not after the points under way
            if any(future.running() for future in pending):
                _terminate(pool)
            else:
                for future in pending:
                    future.cancel()
            raise
    return [outcome for outcome in results if outcome is not None]
