"""Running many replications: serially, on local processes, on any executor, or on a Dask cluster.

A replication is a pure function of (scenario, settings, replication number): its random streams come
from ``SeedSequence(seed, spawn_key=(replication,))``, never from the worker that runs it. So the same
batch gives bit-identical KPIs whichever way it is run; the executor only decides *where*.

Why chunks: one replication of a commune day takes a few milliseconds, less than the cost of shipping
it to another process. Tasks are grouped into chunks (about four per worker) so the work, not the
overhead, dominates; results are put back in task order.

Why replication by replication: tasks run sorted by replication number, so replication r of every grid
point (or both plans of a comparison) runs back to back and draws its citizens once (``LastDraws``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from tqdm.auto import tqdm

from simkit.errors import ConfigError
from simkit.sim.experiment import RunSettings, single_run
from simkit.sim.population import LastDraws
from simkit.sim.scenario import Scenario

ExecutorSpec = Any
"""``None``/``"serial"``, ``"processes"``, a ``concurrent.futures.Executor``, a ``dask.distributed.Client``
or a scheduler address ``"tcp://HOST:PORT"``."""


@dataclass(frozen=True)
class Task:
    """One replication of one scenario (``point`` says which grid point it belongs to)."""

    point: int
    scenario: Scenario
    settings: RunSettings
    replication: int


@dataclass(frozen=True)
class Outcome:
    """The summary KPIs of one replication (records stay in the worker: only numbers travel back)."""

    point: int
    replication: int
    kpis: dict[str, float]
    hourly: dict[int, dict[str, float]]


def run_chunk(tasks: Sequence[Task], last_draws: LastDraws | None = None) -> list[Outcome]:
    """Run tasks one after another (in a worker, or here); top-level so every executor can pickle it."""
    last_draws = last_draws or LastDraws()
    outcomes = []
    for task in tasks:
        rep = single_run(task.scenario, task.settings, task.replication, by_hour=False, last_draws=last_draws)
        outcomes.append(Outcome(task.point, task.replication, rep.kpis, rep.hourly))
    return outcomes


def chunked(tasks: Sequence[Task], workers: int) -> list[list[Task]]:
    """About four chunks per worker, each a run of consecutive tasks (so results keep their order)."""
    size = max(1, -(-len(tasks) // (max(1, workers) * 4)))
    return [list(tasks[i : i + size]) for i in range(0, len(tasks), size)]


def run_tasks(
    tasks: Sequence[Task],
    executor: ExecutorSpec = None,
    *,
    workers: int | None = None,
    progress: bool = True,
    description: str = "",
) -> list[Outcome]:
    """Run every task and return the outcomes in task order, with a progress bar unless ``progress=False``."""
    order = sorted(range(len(tasks)), key=lambda i: tasks[i].replication)  # stable: grid order within one
    ran = _run_in_order([tasks[i] for i in order], executor, workers, progress, description)
    outcomes: list[Outcome | None] = [None] * len(order)
    for position, outcome in zip(order, ran, strict=True):
        outcomes[position] = outcome
    return outcomes  # type: ignore[return-value]


def _run_in_order(
    tasks: list[Task], executor: ExecutorSpec, workers: int | None, progress: bool, description: str
) -> list[Outcome]:
    """Run tasks in the order given (serially, or in consecutive chunks on an executor)."""

    def progress_bar() -> tqdm:  # created once the executor is ready, so errors come before any bar
        return tqdm(total=len(tasks), desc=description or None, disable=not progress, leave=False)

    if executor is None or executor == "serial":
        outcomes: list[Outcome] = []
        last_draws = LastDraws()
        with progress_bar() as bar:
            for task in tasks:
                outcomes += run_chunk([task], last_draws)
                bar.update(1)
        return outcomes
    with _resolved(executor, workers) as (submit, results_of, n_workers), progress_bar() as bar:
        chunks = chunked(tasks, n_workers)
        futures = {submit(chunk): index for index, chunk in enumerate(chunks)}
        done: dict[int, list[Outcome]] = {}
        for future in results_of(list(futures)):
            outcomes = future.result()
            done[futures[future]] = outcomes
            bar.update(len(outcomes))
        return [outcome for index in range(len(chunks)) for outcome in done[index]]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def local_workers(requested: int | None) -> int:
    """Worker processes to start on this machine: as requested, but never more than its cores.

    Why a cap: each worker is a whole Python process with numpy and SimPy (~100 MB); ``workers=1000000``
    would start processes until memory runs out, and more processes than cores only adds overhead.
    """
    cores = default_workers()
    return cores if requested is None else max(1, min(requested, cores))


def _ignore_interrupt() -> None:
    """In a worker: leave Ctrl+C to the parent, which stops the pool (no traceback from every worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel queued chunks and end the worker processes at once."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)


@contextmanager
def _resolved(
    executor: ExecutorSpec, workers: int | None
) -> Iterator[tuple[Callable[[list[Task]], Any], Callable[[list[Any]], Any], int]]:
    """(submit a chunk, iterate finished futures, number of workers) for any kind of executor."""
    if executor == "processes":
        n = local_workers(workers)
        pool = ProcessPoolExecutor(max_workers=n, mp_context=_context(), initializer=_ignore_interrupt)
        try:
            yield (lambda chunk: pool.submit(run_chunk, chunk)), as_completed, n
        except BaseException:  # Ctrl+C or an error: stop the workers now, not after the queued chunks
            _stop(pool)
            raise
        pool.shutdown(wait=True)
        return
    if isinstance(executor, Executor):
        n = workers or getattr(executor, "_max_workers", None) or default_workers()
        yield (lambda chunk: executor.submit(run_chunk, chunk)), as_completed, n
        return
    if isinstance(executor, str) and "://" in executor:
        client = connect(executor)
        try:
            yield from _dask(client, workers)
        finally:
            client.close()
        return
    if _is_dask_client(executor):
        yield from _dask(executor, workers)
        return
    raise ConfigError(
        f"unknown executor {executor!r}; use 'serial', 'processes', a concurrent.futures executor, "
        "a dask Client or a scheduler address tcp://HOST:PORT",
        field="executor",
    )


def _dask(client: Any, workers: int | None) -> Iterator[tuple[Callable, Callable, int]]:
    from distributed import as_completed as dask_completed

    n = workers or max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
    yield (lambda chunk: client.submit(run_chunk, chunk, pure=False)), dask_completed, n


def _is_dask_client(obj: Any) -> bool:
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - distributed is a dependency
        return False
    return isinstance(obj, Client)


def connect(address: str, timeout: float = 10.0) -> Any:
    """A dask Client for ``tcp://HOST:PORT``, or a one-line ConfigError if nothing answers there."""
    from distributed import Client

    try:
        return Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(
            f"cannot reach a Dask scheduler at {address} ({type(exc).__name__}); start one with "
            "`dask scheduler` or check the address",
            field="--scheduler",
        ) from None


def _context() -> multiprocessing.context.BaseContext:
    """Fork where the platform has it (workers start in milliseconds); spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


__all__ = ["Task", "Outcome", "run_tasks", "run_chunk", "connect"]
