"""Fixed times: deterministic arrivals and service give exact, hand-checked timelines.

Opening hours are the default 07:30–11:30 and 13:30–17:00; clock minute 450 is 07:30.
"""

from __future__ import annotations

from tests.sim.conftest import build, run_one

ONE_PROCEDURE = {
    "procedures": {
        "visit": {
            "name": {"vi": "Thủ tục", "en": "Procedure"},
            "share": 1.0,
            "service": {"dist": "fixed", "value": 5},
            "online": "in_person",
        }
    },
    "staffing.counters": 1,
    "staffing.backoffice": 0,
}


def clock(text: str) -> float:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def timeline(overrides: dict, **settings) -> list[tuple]:
    scenario = build({**ONE_PROCEDURE, **overrides})
    rec = run_one(scenario, **settings).records
    return [
        (int(c), int(n), float(a), None if s != s else float(s), None if e != e else float(e), o)
        for c, n, a, s, e, o in zip(
            rec.visit_citizen,
            rec.visit_number,
            rec.visit_arrival,
            rec.visit_start,
            rec.visit_end,
            [
                ("served", "reneged", "baulked", "not_served_today", "in_system", "online")[o]
                for o in rec.visit_outcome
            ],
            strict=True,
        )
    ]


def test_citizen_arriving_at_1129_with_5_minute_service_finishes_at_1134():
    got = timeline({"demand": {"fixed_times": ["11:29"]}})
    assert got == [(0, 1, clock("11:29"), clock("11:29"), clock("11:34"), "served")]


def test_queue_waits_through_lunch_and_is_called_at_1330():
    got = timeline({"demand": {"fixed_times": ["11:27", "11:28", "11:29"]}})
    assert got == [
        (0, 1, clock("11:27"), clock("11:27"), clock("11:32"), "served"),
        # 11:32 is lunch: the clerk finishes the citizen in hand but calls nobody new until 13:30.
        (1, 1, clock("11:28"), clock("13:30"), clock("13:35"), "served"),
        (2, 1, clock("11:29"), clock("13:35"), clock("13:40"), "served"),
    ]


def test_first_citizen_at_opening_is_served_at_once_and_the_next_waits_for_the_counter():
    got = timeline({"demand": {"fixed_times": ["07:30", "07:31", "07:40"]}})
    assert got == [
        (0, 1, clock("07:30"), clock("07:30"), clock("07:35"), "served"),
        (1, 1, clock("07:31"), clock("07:35"), clock("07:40"), "served"),
        (2, 1, clock("07:40"), clock("07:40"), clock("07:45"), "served"),
    ]


def test_at_closing_the_queue_goes_home():
    got = timeline({"demand": {"fixed_times": ["16:54", "16:56", "16:58"]}})
    assert got == [
        (0, 1, clock("16:54"), clock("16:54"), clock("16:59"), "served"),
        (1, 1, clock("16:56"), clock("16:59"), clock("17:04"), "served"),  # called before 17:00
        (2, 1, clock("16:58"), None, clock("17:00"), "not_served_today"),
    ]


def test_overtime_serves_everyone_queued_at_closing_and_records_the_minutes():
    scenario = build(
        {
            **ONE_PROCEDURE,
            "demand": {"fixed_times": ["16:54", "16:56", "16:58"]},
            "calendar.closing_policy": "overtime",
        }
    )
    rep = run_one(scenario)
    ends = rep.records.visit_end.tolist()
    assert ends == [clock("16:59"), clock("17:04"), clock("17:09")]
    assert rep.kpis["overtime_staff_minutes_per_day"] == 9.0
    assert rep.kpis["walkin_not_served_per_day"] == 0.0


def test_sent_home_citizens_return_first_thing_next_working_day():
    got = timeline(
        {
            "demand": {"fixed_times": ["16:56", "16:58"]},
            "calendar.return_next_day": True,
            "calendar.start_weekday": "fri",
        },
        days=2,
    )
    monday = 3 * 1440  # Friday is day 0; Saturday and Sunday are closed
    assert (1, 1, clock("16:58"), None, clock("17:00"), "not_served_today") in got
    assert (1, 2, monday + clock("07:30"), monday + clock("07:30"), monday + clock("07:35"), "served") in got
    # Monday's own appointments come after the returning citizen.
    assert (2, 1, monday + clock("16:56"), monday + clock("16:56"), monday + clock("17:01"), "served") in got


def test_fewer_counters_in_the_afternoon_session():
    got = timeline(
        {
            "demand": {"fixed_times": ["13:30", "13:30", "13:30"]},
            "staffing.counters": 2,
            "calendar.sessions": [
                {"start": "07:30", "end": "11:30"},
                {"start": "13:30", "end": "17:00", "counters": 1},
            ],
        }
    )
    assert [g[3] for g in got] == [clock("13:30"), clock("13:35"), clock("13:40")]


def test_patience_runs_out_and_the_citizen_reneges():
    got = timeline(
        {
            "demand": {"fixed_times": ["08:00", "08:01"]},
            "procedures.visit.service.value": 30,
            "impatience.patience": {"dist": "fixed", "value": 10},
        }
    )
    assert got[1] == (1, 1, clock("08:01"), None, clock("08:11"), "reneged")


def test_baulking_at_a_visible_queue_of_two():
    got = timeline(
        {
            "demand": {"fixed_times": ["08:00", "08:01", "08:02", "08:03"]},
            "procedures.visit.service.value": 30,
            "impatience.baulk_queue_length": 2,
        }
    )
    assert [g[5] for g in got] == ["served", "served", "served", "baulked"]
    assert got[3][4] == clock("08:03")


def test_a_clerk_serving_across_touching_sessions_is_on_duty_once():
    """Sessions 08:00–09:00 (1 counter) and 09:00–10:00 (2 counters) touch. The 08:30 citizen is served
    for 60 minutes, 08:30–09:30, across the boundary. On duty: counter 1 from 08:00 to 10:00 (120
    minutes), counter 2 from 09:00 to 10:00 (60): utilisation 60 / 180 = 1/3 exactly. Counting 09:00–09:30
    in both of counter 1's sessions would give 60 / 210."""
    scenario = build(
        {
            **ONE_PROCEDURE,
            "procedures.visit.service": {"dist": "fixed", "value": 60},
            "calendar.sessions": [
                {"start": "08:00", "end": "09:00", "counters": 1},
                {"start": "09:00", "end": "10:00", "counters": 2},
            ],
            "demand": {"fixed_times": ["08:30"]},
        }
    )
    rep = run_one(scenario)
    assert rep.records.visit_start.tolist() == [clock("08:30")]
    assert rep.records.visit_end.tolist() == [clock("09:30")]
    assert rep.kpis["counter_utilisation"] == 60 / 180
    assert rep.kpis["overtime_staff_minutes_per_day"] == 0.0
