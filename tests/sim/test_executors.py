"""Executors: serial, a local process pool, any concurrent.futures executor and a Dask cluster give
bit-identical results, because every replication's seed is fixed by (seed, replication), not by the worker.

The Dask tests start a ``LocalCluster`` of two worker processes on 127.0.0.1 once for the module and shut
it down in the fixture's teardown, whatever happens in the tests.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from simkit.errors import ConfigError
from simkit.sim.compare import compare
from simkit.sim.executors import Outcome, Task, chunked, run_chunk, run_tasks
from simkit.sim.experiment import RunSettings
from simkit.sim.staffing import staffing_table
from simkit.sim.sweep import SweepResult, sweep
from tests.sim.conftest import build

BUSY = {
    "demand.citizens": 110,
    "staffing.counters": 2,
    "channel.adoption": 0.3,
    "channel.online_failure_rate": 0.2,
    "staffing.assisted_desk.staff": 1,
}
VARY = {"channel.adoption": [0.0, 0.5, 1.0], "staffing.counters": [2, 3]}
BASE = build(BUSY)
SETTINGS = RunSettings.of(BASE, days=2, warmup_days=0, replications=3, seed=21)


def bits(outcomes: list[Outcome]) -> list[tuple[Any, ...]]:
    """Every number of every outcome as its exact bit pattern (float.hex), so NaN == NaN and 0.1 ≠ 0.1+ε."""
    return [
        (
            o.point,
            o.replication,
            {k: float(v).hex() for k, v in o.kpis.items()},
            {h: {k: float(v).hex() for k, v in row.items()} for h, row in o.hourly.items()},
        )
        for o in outcomes
    ]


def sweep_bits(result: SweepResult) -> list[list[tuple[Any, ...]]]:
    return [bits(outcomes) for outcomes in result.outcomes]


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening on it (bound by the OS, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def serial() -> SweepResult:
    return sweep(BASE, VARY, SETTINGS, executor="serial", progress=False)


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[tuple[Any, Any]]:
    """(cluster, client): two worker processes, one thread each, on 127.0.0.1; always shut down."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    try:
        client = Client(cluster)
        try:
            yield cluster, client
        finally:
            client.close()
    finally:
        cluster.close()


@pytest.fixture(scope="module", autouse=True)
def unreachable_attempt() -> Iterator[Future]:
    """Run a batch against a dead scheduler address in the background from the start of the module.

    Giving up takes the default connection timeout (10 s) of idle waiting; running it beside the other
    tests keeps the module fast. The result is (error or None, seconds taken, address).
    """
    address = f"tcp://127.0.0.1:{free_port()}"

    def attempt() -> tuple[BaseException | None, float, str]:
        started = time.monotonic()
        try:
            run_tasks([Task(0, BASE, SETTINGS, 0)], address, progress=False)
        except Exception as exc:  # handed to the test, which checks its type
            return exc, time.monotonic() - started, address
        return None, time.monotonic() - started, address

    with ThreadPoolExecutor(max_workers=1) as background:
        yield background.submit(attempt)


# --- bit-identical whichever executor runs the replications ----------------------------------------------


def test_serial_is_the_default_and_reproducible(serial: SweepResult) -> None:
    again = sweep(BASE, VARY, SETTINGS, progress=False)
    assert sweep_bits(again) == sweep_bits(serial)
    assert len(serial.points) == 6
    assert all(len(o) == SETTINGS.replications for o in serial.outcomes)


def test_process_pool_is_bit_identical_to_serial(serial: SweepResult) -> None:
    pooled = sweep(BASE, VARY, SETTINGS, executor="processes", workers=2, progress=False)
    assert sweep_bits(pooled) == sweep_bits(serial)
    pd.testing.assert_frame_equal(pooled.table(), serial.table(), check_exact=True)


@pytest.mark.parametrize(
    "make_executor",
    [
        pytest.param(lambda: ThreadPoolExecutor(max_workers=1), id="threads-1"),
        pytest.param(lambda: ThreadPoolExecutor(max_workers=3), id="threads-3"),
        pytest.param(lambda: ProcessPoolExecutor(max_workers=2), id="process-pool-instance"),
    ],
)
def test_any_concurrent_futures_executor_is_bit_identical(serial: SweepResult, make_executor) -> None:
    with make_executor() as executor:
        result = sweep(BASE, VARY, SETTINGS, executor=executor, progress=False)
    assert sweep_bits(result) == sweep_bits(serial)


def test_dask_client_is_bit_identical_to_serial(serial: SweepResult, dask_cluster) -> None:
    _, client = dask_cluster
    result = sweep(BASE, VARY, SETTINGS, executor=client, progress=False)
    assert sweep_bits(result) == sweep_bits(serial)
    pd.testing.assert_frame_equal(result.table(), serial.table(), check_exact=True)


def test_dask_scheduler_address_is_bit_identical_to_serial(serial: SweepResult, dask_cluster) -> None:
    cluster, _ = dask_cluster
    address = cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    result = sweep(BASE, VARY, SETTINGS, executor=address, workers=2, progress=False)
    assert sweep_bits(result) == sweep_bits(serial)


def test_compare_and_staffing_on_dask_match_serial(dask_cluster) -> None:
    _, client = dask_cluster
    b = build({**BUSY, "channel.adoption": 0.8})
    here = compare(BASE, b, SETTINGS, progress=False)
    there = compare(BASE, b, SETTINGS, executor=client, progress=False)
    pd.testing.assert_frame_equal(here.table(), there.table(), check_exact=True)
    kwargs = {"service_level": 0.8, "max_staff": 6, "progress": False}
    local = staffing_table(BASE, [0.0, 1.0], SETTINGS, **kwargs)
    remote = staffing_table(BASE, [0.0, 1.0], SETTINGS, executor=client, **kwargs)
    pd.testing.assert_frame_equal(local, remote, check_exact=True)


# --- order, chunks and errors ------------------------------------------------------------------------------


def test_outcomes_come_back_in_task_order_whatever_the_order_of_tasks() -> None:
    scenarios = [BASE, build({**BUSY, "channel.adoption": 0.9})]
    tasks = [Task(point, scenarios[point], SETTINGS, rep) for rep in (4, 0, 2, 1) for point in (1, 0)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = run_tasks(tasks, pool, progress=False)
    assert [(o.point, o.replication) for o in outcomes] == [(t.point, t.replication) for t in tasks]
    assert bits(outcomes) == bits(run_chunk(tasks))


@given(n_tasks=st.integers(min_value=0, max_value=300), workers=st.integers(min_value=-2, max_value=40))
def test_chunked_keeps_order_and_covers_every_task_once(n_tasks: int, workers: int) -> None:
    tasks = list(range(n_tasks))
    chunks = chunked(tasks, workers)
    assert [t for chunk in chunks for t in chunk] == tasks
    assert all(len(chunk) > 0 for chunk in chunks)
    assert len(chunks) <= 4 * max(1, workers)
    if chunks:  # equal runs of consecutive tasks, the last one possibly shorter
        size = len(chunks[0])
        assert all(len(chunk) == size for chunk in chunks[:-1])
        assert len(chunks[-1]) <= size


def test_an_unreachable_scheduler_is_a_config_error_naming_the_option(unreachable_attempt) -> None:
    error, elapsed, address = unreachable_attempt.result(timeout=60)
    assert isinstance(error, ConfigError), error
    assert elapsed < 15
    assert error.field == "--scheduler"
    assert str(error).startswith("--scheduler: ")
    assert address in str(error)
    assert "\n" not in str(error)


def test_an_unknown_executor_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as info:
        run_tasks([Task(0, BASE, SETTINGS, 0)], "threads", progress=False)
    assert info.value.field == "executor"


# --- progress callbacks ------------------------------------------------------------------------------------


def test_a_progress_callback_counts_every_task_and_changes_no_result(serial: SweepResult) -> None:
    calls: list[tuple[int, int]] = []
    reported = sweep(BASE, VARY, SETTINGS, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(done, 18) for done in range(1, 19)]  # 6 grid points × 3 replications, one by one
    assert sweep_bits(reported) == sweep_bits(serial)


def test_on_an_executor_progress_counts_finished_chunks() -> None:
    calls: list[tuple[int, int]] = []
    tasks = [Task(0, BASE, SETTINGS, rep) for rep in range(3)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        run_tasks(tasks, pool, progress=lambda done, total: calls.append((done, total)))
    assert [total for _, total in calls] == [3] * len(calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls) and calls[-1] == (3, 3)


def test_a_staffing_search_counts_on_across_its_rounds() -> None:
    calls: list[tuple[int, int]] = []
    kwargs: dict[str, Any] = {"service_level": 0.8, "max_staff": 6}
    record = lambda done, total: calls.append((done, total))  # noqa: E731
    reported = staffing_table(BASE, [0.0, 1.0], SETTINGS, progress=record, **kwargs)
    silent = staffing_table(BASE, [0.0, 1.0], SETTINGS, progress=False, **kwargs)
    pd.testing.assert_frame_equal(reported, silent, check_exact=True)
    assert (reported["staff_needed"] == reported["staff_found"]).all()  # each check passed at once
    tried = int(reported["levels_tried"].sum()) * SETTINGS.replications
    checked = int(reported["check_replications"].sum())  # the advice rerun on replications never searched
    runs = tried + checked
    assert [done for done, _ in calls] == list(range(1, runs + 1)) and calls[-1] == (runs, runs)
