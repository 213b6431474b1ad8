"""The estimators on small logs whose answers are known by construction."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from simkit.calibrate import calibrate
from simkit.calibrate.calendar_fit import find_sessions, open_days, parse_sessions
from simkit.calibrate.intervals import share_interval
from simkit.calibrate.service_fit import fit_service
from simkit.errors import ConfigError
from tests.calibrate.conftest import HEADER, _hms, write_log


def day_rows(date: str, sessions, every: float, counters: int, service: float = 6.0, number: int = 0):
    """A ticket every ``every`` minutes through each session; ``counters`` counters take turns."""
    rows = []
    for start, end in sessions:
        minute = start + 1
        while minute < end:
            number += 1
            rows.append(
                f"{date},{number},Hộ tịch,Quầy {1 + number % counters},{_hms(minute)},"
                f"{_hms(minute + 0.5)},{_hms(minute + 0.5 + service)}"
            )
            minute += every
    return rows


def weeks_of_logs(first_monday: int, weeks: int, make) -> list[str]:
    rows = []
    for day in range(first_monday, first_monday + weeks * 7):
        date = np.datetime64(day, "D").astype(object)
        rows += make(date.strftime("%d/%m/%Y"), (day + 3) % 7)
    return rows


MONDAY = 20682  # 2026-08-17


def test_sessions_and_saturday_mornings_are_found(tmp_path: Path) -> None:
    weekday_sessions = [(450, 690), (810, 1020)]

    def make(date, weekday):
        if weekday < 5:
            return day_rows(date, weekday_sessions, 5, 3)
        if weekday == 5:
            return day_rows(date, [(450, 690)], 10, 1)
        return []

    c = calibrate(write_log(tmp_path, weeks_of_logs(MONDAY, 3, make)))
    assert c.sessions == weekday_sessions and c.saturday_sessions == [(450, 690)]
    assert [n.counters for n in c.counters] == [3, 3] and [n.counters for n in c.saturday_counters] == [1]
    assert c.scenario.calendar.weekdays == ("mon", "tue", "wed", "thu", "fri")
    assert [(s.start, s.end, s.counters) for s in c.scenario.calendar.saturday_sessions] == [
        ("07:30", "11:30", 1)
    ]
    # Saturday: 24 tickets (240 minutes, one every 10) against 48 + 42 on an ordinary day.
    assert c.arrivals.weekday_factors[5].value == pytest.approx(24 / 90)


def test_sessions_given_by_the_planner_replace_those_found(tmp_path: Path) -> None:
    rows = weeks_of_logs(MONDAY, 1, lambda d, w: day_rows(d, [(450, 690)], 5, 2) if w < 5 else [])
    c = calibrate(write_log(tmp_path, rows), sessions="07:00-11:30")
    assert c.sessions == [(420, 690)] and c.sessions_given
    assert "note.sessions_given" in dict(c.report.notes)
    with pytest.raises(ConfigError, match="sessions"):
        parse_sessions("07:30-11:30,11:00-17:00")
    with pytest.raises(ConfigError, match="'7h30 to 11h' is not a session"):
        parse_sessions("7h30 to 11h")


def test_a_quiet_quarter_hour_does_not_split_a_session() -> None:
    day = np.repeat(np.arange(10), 40)
    minute = np.tile(np.r_[np.linspace(480, 585, 20), np.linspace(615, 719, 20)], 10)  # nobody 09:45–10:15
    assert find_sessions(day, minute) == [(480, 720)]


def test_days_without_tickets_and_tickets_on_closed_days_are_reported(tmp_path: Path) -> None:
    def make(date, weekday):
        if date == "19/08/2026":  # a Wednesday holiday
            return []
        if date == "23/08/2026":  # one Sunday event with three tickets
            return day_rows(date, [(480, 540)], 20, 1)
        return day_rows(date, [(450, 690)], 5, 2) if weekday < 5 else []

    c = calibrate(write_log(tmp_path, weeks_of_logs(MONDAY, 2, make)))
    notes = dict(c.report.notes)
    assert notes["note.no_ticket_days"] == {"count": 1, "days": "2026-08-19"}
    assert notes["note.off_calendar"] == {"count": 1, "days": "2026-08-23"}
    assert c.days.weekdays == (0, 1, 2, 3, 4) and len(c.days.recorded) == 9
    assert any("1 working days without tickets" in a or "1 working day" in a for a in c.assumptions)


def test_counters_without_a_counter_column_come_from_services_at_once(tmp_path: Path) -> None:
    rows = weeks_of_logs(
        MONDAY, 1, lambda d, w: day_rows(d, [(450, 690)], 2, 4, service=5.0) if w < 5 else []
    )
    trimmed = [",".join(r.split(",")[:3] + r.split(",")[4:]) for r in rows]
    header = "Ngày,Số phiếu,Lĩnh vực,Giờ lấy số,Giờ gọi,Giờ kết thúc"
    c = calibrate(write_log(tmp_path, trimmed, header=header))
    # A ticket every 2 minutes served in 5: three services overlap at once.
    assert [n.counters for n in c.counters] == [3] and c.counters[0].measured_by == "overlap"
    assert "note.no_counter" in dict(c.report.notes)
    assert any("most services at once" in a for a in c.assumptions)


def test_shares_pool_rare_procedures_and_name_them_in_english(tmp_path: Path) -> None:
    def make(date, weekday):
        if weekday >= 5:
            return []
        rows = day_rows(date, [(450, 690)], 4, 3)  # Hộ tịch
        rows += [r.replace("Hộ tịch", "Chứng thực") for r in day_rows(date, [(810, 1020)], 6, 2, number=500)]
        if weekday == 0:
            rows.append(f"{date},999,Người có công,Quầy 1,09:00:00,09:00:30,09:20:00")
        return rows

    c = calibrate(write_log(tmp_path, weeks_of_logs(MONDAY, 2, make)))
    keys = list(c.procedures)
    assert keys[:2] == ["civil_status", "certification"] and keys[2] == "other"
    assert c.procedures["other"].pooled == ("Người có công",)
    assert c.procedures["civil_status"].name_en == "Civil status (birth, marriage, death)"
    assert c.procedures["certification"].online == "in_person"
    assert sum(p.share for p in c.scenario.procedures.values()) == pytest.approx(1.0, abs=1e-9)


def test_leavers_and_tickets_left_at_closing_are_told_apart(tmp_path: Path) -> None:
    def make(date, weekday):
        if weekday >= 5:
            return []
        rows = day_rows(date, [(450, 690)], 5, 2)
        rows.insert(3, f"{date},900,Hộ tịch,,07:40:30,,")  # later tickets were called: left
        rows.append(f"{date},901,Hộ tịch,,11:29:00,,")  # nobody called after: still waiting at closing
        return rows

    c = calibrate(write_log(tmp_path, weeks_of_logs(MONDAY, 2, make)))
    a = c.abandonment
    served = len(c.tickets) - 20
    assert a.left_while_waiting.value == pytest.approx(10 / (served + 20))
    assert a.not_called_by_closing.value == pytest.approx(10 / (served + 20))
    assert a.patience_mean is not None and a.patience_mean.low < a.patience_mean.value < a.patience_mean.high
    assert c.scenario.impatience.patience.dist == "exponential"


@pytest.mark.parametrize(
    ("draw", "family"),
    [
        (lambda rng: rng.lognormal(2.3, 0.5, 800), "lognormal"),
        (lambda rng: rng.exponential(9.0, 800), "exponential"),
        (lambda rng: np.r_[rng.normal(4, 0.5, 2000), rng.normal(25, 2, 2000)].clip(0.6), "empirical"),
    ],
)
def test_service_fit_chooses_a_family_only_when_it_fits(draw, family) -> None:
    minutes = draw(np.random.default_rng(11))
    fit = fit_service(minutes)
    assert fit.family == family
    assert fit.mean.low < minutes.mean() < fit.mean.high
    assert fit.distribution.mean_minutes == pytest.approx(minutes.mean(), rel=0.01)


def test_wilson_intervals_stay_inside_zero_and_one() -> None:
    none, every = share_interval(0, 40), share_interval(40, 40)
    assert none.low == 0 and 0 < none.high < 0.1 and every.high == 1 and 0.9 < every.low < 1


def test_too_few_served_tickets_is_a_clear_error(tmp_path: Path) -> None:
    rows = day_rows("17/08/2026", [(450, 500)], 5, 1)
    with pytest.raises(ConfigError, match="only 10 served tickets"):
        calibrate(write_log(tmp_path, rows))
    unusable = [r.replace(r.split(",")[4], "??") for r in rows]
    with pytest.raises(ConfigError, match="no usable ticket among 10 rows"):
        calibrate(write_log(tmp_path, unusable))


def test_open_days_needs_half_of_a_weekdays_dates() -> None:
    # Mondays and Tuesdays for three weeks, and one of the three Saturdays in between.
    days = np.array([MONDAY + 7 * w + d for w in range(4) for d in (0, 1)] + [MONDAY + 12])
    found = open_days(days)
    assert found.weekdays == (0, 1) and found.off_calendar == (MONDAY + 12,)
    assert found.without_tickets == () and len(found.recorded) == 8
    assert HEADER.startswith("Ngày")
