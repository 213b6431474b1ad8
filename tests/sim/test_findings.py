"""What a run means before its table (issue 10, observation 7): losses, the back office, the worst hour.

The worst-hour cause is checked on a hand-made timeline: one counter, 60-minute services, citizens at
11:00 and 11:10. The 11:10 citizen waits 11:10 → 13:30 (140 minutes), of which only 20 are opening time.
"""

from __future__ import annotations

import pytest

from simkit.formats import number
from simkit.sim.experiment import RunSettings, multiple_replications
from simkit.sim.findings import BackOffice, Losses, findings_lines, hour_causes, worst_hours
from simkit.sim.labels import load_labels
from simkit.sim.loading import load_scenario
from tests.sim.conftest import build
from tests.sim.test_timeline import ONE_PROCEDURE


def lunch_case(times: list[str], counters: int = 1, service: float = 60):
    scenario = build(
        {
            **ONE_PROCEDURE,
            "procedures.visit.service": {"dist": "fixed", "value": service},
            "demand": {"fixed_times": times},
            "staffing.counters": counters,
        }
    )
    return multiple_replications(scenario, RunSettings.of(scenario, replications=1))


def test_waiting_through_lunch_is_named_as_the_closure() -> None:
    results = lunch_case(["11:00", "11:10"])
    cause = hour_causes(results)[11]
    assert cause.closed_share == pytest.approx(120 / 140)
    assert cause.cause == "closed"
    assert worst_hours(results) == (11, cause, None)  # no other hour has waits: nothing else to name


def test_a_crowded_hour_is_named_as_arrivals_beyond_capacity() -> None:
    results = lunch_case(["08:00", "08:05", "08:10"])  # 3 hours of work in one hour at one counter
    cause = hour_causes(results)[8]
    assert cause.closed_share == 0.0
    assert cause.load == pytest.approx(3.0)
    assert cause.cause == "arrivals"


def test_a_queue_left_from_earlier_is_named_as_such() -> None:
    """Two counters; four citizens at 08:00–08:01 keep both busy until 10:00, so 09:05 waits 55 minutes
    although the hour brings only half of what two counters can serve."""
    results = lunch_case(["08:00", "08:00", "08:01", "08:01", "09:05"], counters=2)
    causes = hour_causes(results)
    assert causes[9].closed_share == 0.0 and causes[9].load == pytest.approx(0.5)
    assert causes[9].cause == "earlier"
    assert causes[8].load == pytest.approx(2.0) and causes[8].cause == "arrivals"


def test_a_burst_at_the_door_is_named_as_the_opening() -> None:
    """Four citizens at 07:30–07:31, 5 minutes each, one counter: 20 of the 30 counter-minutes of the
    07:00 hour, yet they wait 0, 5, 10 and 14 minutes because they all came at once."""
    results = lunch_case(["07:30", "07:30", "07:30", "07:31"], service=5)
    cause = hour_causes(results)[7]
    assert cause.load == pytest.approx(20 / 30) and cause.opening
    assert cause.cause == "opening"


@pytest.fixture(scope="module")
def crowded():
    """The commune centre at ten times its demand: walk-ins turn away, the back office drowns."""
    scenario = load_scenario("commune_pasc", {"demand.citizens": 700})
    return multiple_replications(scenario, RunSettings.of(scenario, replications=4))


def test_ten_times_the_demand_shows_losses_backlog_and_the_lunch_carry_over(crowded) -> None:
    summary = crowded.summary().set_index("key")["mean"]
    losses = Losses.of(lambda k: float(summary[k]))
    assert losses.baulked > 200 and losses.total > 300
    office = BackOffice.of(lambda k: float(summary[k]))
    assert office.falling_behind and office.busy
    worst, cause, other = worst_hours(crowded)
    assert worst == 11 and cause.cause == "closed" and other is not None and other != 11
    for lang in ("vi", "en"):
        labels = load_labels(lang)
        lines = findings_lines(crowded, labels)
        assert lines[0] == labels.figure("finding_lost").format(
            total=number(losses.total, lang, 1),
            baulked=number(losses.baulked, lang, 1),
            reneged=number(losses.reneged, lang, 1),
            sent_home=number(losses.sent_home, lang, 1),
        )
        assert lines[1].startswith(labels.figure("finding_backlog").split("{")[0])
        assert lines[2].startswith(
            labels.figure("finding_worst_closed").format(
                hour="11:00–12:00", share=f"{cause.closed_share:.0%}", load=""
            )
        )


def test_a_quiet_run_says_nobody_was_lost() -> None:
    results = lunch_case(["08:00"])
    labels = load_labels("en")
    assert findings_lines(results, labels)[0] == labels.figure("finding_no_loss")


def test_no_worst_hour_is_named_when_nobody_waits() -> None:
    """Unlimited counters: every wait is 0, so no hour is blamed (its 'load' would be meaningless)."""
    scenario = load_scenario("commune_pasc", {"staffing.unlimited_counters": True})
    results = multiple_replications(scenario, RunSettings.of(scenario, replications=2))
    assert worst_hours(results) is None
    assert findings_lines(results, load_labels("en")) == [load_labels("en").figure("finding_no_loss")]
