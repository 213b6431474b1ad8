"""The scenario: a plain, validated description of one service centre (describe → validate → run).

A scenario is like the brief a planner hands to a consultant: opening hours, how many citizens come and
when, which procedures they bring, how many go online, who staffs which desk. It holds no SimPy objects
and is never changed by a run, so two runs of the same scenario are comparable and a scenario can be
written back to YAML exactly as it was read.

Every model forbids unknown keys (a misspelt ``conters:`` is an error, not silently ignored) and checks
its values; ``simkit.sim.loading`` turns pydantic's errors into one line naming the file and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from simkit.bilingual import Strict, Text
from simkit.sim.distributions import Distribution, Lognormal

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday keys in calendar order; Monday is 0, as in Python's ``datetime.weekday()``."""

WORKING_DAYS_PER_PERIOD = {"day": 1.0, "month": 22.0, "quarter": 65.0, "six_months": 130.0, "year": 260.0}
"""Default working days used to turn a monthly, quarterly or half-year volume into a daily one
(Monday–Friday, about 8–12 public holidays a year); override with ``demand.working_days_per_period``."""

_CLOCK = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")


def _whole_number(value: Any) -> Any:
    """Refuse ``true``/``false`` where a count is wanted: YAML and pydantic would read them as 1 and 0."""
    if isinstance(value, bool):
        raise ValueError(f"must be a whole number, not {str(value).lower()}")
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
"""A count (counters, staff, days, replications): a whole number, never a yes/no value."""


class Source(Strict):
    """Where a number in the scenario comes from, so a planner can check it."""

    title: str = Field(min_length=1)
    url: str = Field(min_length=1)
    checked: str | None = None
    note: str | None = None


def clock_to_minutes(text: str) -> int:
    """``"07:30"`` → 450. Accepts ``"24:00"`` for an end of day; anything else is a ValueError."""
    match = _CLOCK.match(str(text).strip())
    if not match:
        raise ValueError(f"'{text}' is not a clock time HH:MM between 00:00 and 24:00")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours == 24 and minutes:
        raise ValueError(f"'{text}' is after 24:00")
    return hours * 60 + minutes


def _as_clock(value: Any) -> str:
    """A clock time as text ``HH:MM``, checked; a number is refused with what to write instead.

    simkit's own YAML reader keeps unquoted ``11:00`` as text; other YAML 1.1 readers (``yaml.safe_load``)
    turn it into the base-60 integer 660, which is named here rather than silently reinterpreted.
    """
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError(
            f"{value!r} is not a clock time; write HH:MM such as 07:30 or 11:00 (if another YAML reader "
            "made it a number, read the file with simkit.sim.loading.read_yaml or quote the time)"
        )
    clock_to_minutes(value)
    return value.strip()


Clock = Annotated[str, BeforeValidator(_as_clock)]
"""A clock time of day, ``HH:MM`` from 00:00 to 24:00: every time field of a scenario has this type."""


class Session(Strict):
    """One opening period of a day, e.g. the morning 07:30–11:30.

    ``counters`` overrides ``staffing.counters`` for this session only (fewer counters in the
    afternoon, say).
    """

    start: Clock
    end: Clock
    counters: WholeNumber | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _order(self) -> Session:
        if clock_to_minutes(self.end) <= clock_to_minutes(self.start):
            raise ValueError(f"closes ({self.end}) at or before it opens ({self.start})")
        return self

    @property
    def start_minute(self) -> int:
        return clock_to_minutes(self.start)

    @property
    def end_minute(self) -> int:
        return clock_to_minutes(self.end)


def _check_sessions(sessions: tuple[Session, ...], label: str) -> None:
    for earlier, later in zip(sessions, sessions[1:], strict=False):
        if later.start_minute < earlier.end_minute:
            raise ValueError(
                f"{label}: session {later.start}–{later.end} starts before the previous one ends"
            )


class Calendar(Strict):
    """When the centre is open, and what happens to citizens still queued at closing time."""

    sessions: tuple[Session, ...] = (Session(start="07:30", end="11:30"), Session(start="13:30", end="17:00"))
    weekdays: tuple[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], ...] = (
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
    )
    saturday_sessions: tuple[Session, ...] = ()
    start_weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    closing_policy: Literal["go_home", "overtime"] = "go_home"
    return_next_day: bool = False

    @model_validator(mode="after")
    def _valid(self) -> Calendar:
        if not self.sessions:
            raise ValueError("sessions: at least one opening session is needed")
        _check_sessions(self.sessions, "sessions")
        _check_sessions(self.saturday_sessions, "saturday_sessions")
        if len(set(self.weekdays)) != len(self.weekdays):
            raise ValueError("weekdays: a day is listed twice")
        if self.saturday_sessions and "sat" in self.weekdays:
            raise ValueError("saturday_sessions: Saturday is already a full working day in weekdays")
        if not self.weekdays and not self.saturday_sessions:
            raise ValueError("weekdays: the centre is never open")
        return self

    def sessions_on(self, weekday: int) -> tuple[Session, ...]:
        """Opening sessions on a weekday (0 = Monday); empty when closed."""
        name = WEEKDAYS[weekday]
        if name in self.weekdays:
            return self.sessions
        if name == "sat":
            return self.saturday_sessions
        return ()


class Demand(Strict):
    """How many citizens come, and when.

    ``citizens`` per ``per`` period is converted to a daily mean with ``working_days_per_period``.
    ``arrival_profile`` gives relative weights per clock hour (``7`` means 07:00–08:00); arrivals
    follow a non-homogeneous Poisson process with that shape, only while the centre is open.
    ``fixed_times`` replaces the random arrivals with booked appointments at exact clock times.
    ``door_queue_share`` of a day's citizens are already waiting at the door when the centre opens in
    the morning: they arrive at the opening minute (their wait is counted from then, a lower bound).
    """

    citizens: float | None = Field(default=None, gt=0)
    per: Literal["day", "month", "quarter", "six_months", "year"] = "day"
    working_days_per_period: float | None = Field(default=None, gt=0)
    arrival_profile: dict[int, float] = Field(default_factory=dict)
    weekday_factors: dict[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], float] = Field(
        default_factory=dict
    )
    fixed_times: tuple[Clock, ...] = ()
    door_queue_share: float = Field(default=0.0, ge=0, lt=1)

    @field_validator("arrival_profile")
    @classmethod
    def _profile(cls, profile: dict[int, float]) -> dict[int, float]:
        for hour, weight in profile.items():
            if not 0 <= hour <= 23:
                raise ValueError(f"hour {hour} is not a clock hour 0–23")
            if weight < 0:
                raise ValueError(f"hour {hour}: weight must be ≥ 0 (got {weight})")
        if profile and not any(weight > 0 for weight in profile.values()):
            raise ValueError("every hour has weight 0: nobody would ever arrive")
        return profile

    @field_validator("weekday_factors")
    @classmethod
    def _factors(cls, factors: dict[str, float]) -> dict[str, float]:
        for day, factor in factors.items():
            if factor < 0:
                raise ValueError(f"{day}: factor must be ≥ 0 (got {factor})")
        return factors

    @field_validator("fixed_times")
    @classmethod
    def _times(cls, times: tuple[str, ...]) -> tuple[str, ...]:
        minutes = [clock_to_minutes(t) for t in times]
        if minutes != sorted(minutes):
            raise ValueError("fixed_times must be in clock order")
        return times

    @model_validator(mode="after")
    def _volume(self) -> Demand:
        if self.citizens is None and not self.fixed_times:
            raise ValueError(
                "citizens: give a number of citizens per period (or fixed_times for appointments)"
            )
        if self.citizens is not None and self.fixed_times:
            raise ValueError("give either citizens (random arrivals) or fixed_times (appointments), not both")
        return self

    @property
    def citizens_per_working_day(self) -> float:
        """Mean citizens per working day (before weekday factors); for appointments, the slots."""
        if self.citizens is None:
            return float(len(self.fixed_times))
        days = self.working_days_per_period or WORKING_DAYS_PER_PERIOD[self.per]
        return self.citizens / days

    def weight_of_hour(self, hour: int) -> float:
        """Relative arrival weight of a clock hour; a flat profile when none is given."""
        if not self.arrival_profile:
            return 1.0
        return self.arrival_profile.get(hour, 0.0)


class Procedure(Strict):
    """One kind of administrative procedure citizens bring.

    ``online`` says what the National Public Service Portal offers for it: ``full`` (submitted and
    returned online), ``partial`` (submitted online, result collected in person, a short counter visit
    with ``collect_service`` time) or ``in_person`` (counter only).

    ``collect_after_days`` is the appointment date on the receipt of a partly-online dossier, in working
    days after the day it was submitted (0: the same day). The citizen comes to collect on that day at
    their own hour, drawn from the day's arrival profile, or on the first working day after the dossier
    is done if the back office is late; a collection due after the last day of a run is not simulated.
    """

    name: Text
    share: float = Field(ge=0, le=1)
    service: Distribution
    online: Literal["full", "partial", "in_person"]
    adoption: float | None = Field(default=None, ge=0, le=1)
    backoffice: Distribution = Lognormal(dist="lognormal", mean=20.0, sd=10.0)
    collect_service: Distribution = Lognormal(dist="lognormal", mean=5.0, sd=2.0)
    collect_after_days: int = Field(default=1, ge=0, le=60)
    online_minutes: float = Field(default=20.0, ge=0)


class Channel(Strict):
    """Who goes online, and what happens when it does not work for them.

    ``adoption`` is the share of citizens (of procedures offered online) who try online; a procedure
    can override it. ``online_failure_rate`` of attempts fail (digital-literacy friction); of those,
    ``failed_to_assisted_share`` go to the assisted-digital desk when it is staffed, the rest (and all
    when it is not) queue at the counters.
    """

    adoption: float = Field(default=0.0, ge=0, le=1)
    online_failure_rate: float = Field(default=0.0, ge=0, le=1)
    failed_to_assisted_share: float = Field(default=1.0, ge=0, le=1)


class AssistedDesk(Strict):
    """The assisted-digital desk, where staff help a citizen submit online (online public services week)."""

    staff: WholeNumber = Field(default=0, ge=0)
    service: Distribution = Lognormal(dist="lognormal", mean=30.0, sd=10.0)


class Staffing(Strict):
    """Who works where. Counters serve walk-ins; back-office staff process online dossiers.

    With ``backoffice_shared_with_counters`` counter staff also process online dossiers whenever nobody
    waits at the counters (they finish the dossier in hand before calling the next citizen).
    """

    counters: WholeNumber = Field(default=1, ge=1)
    unlimited_counters: bool = False
    backoffice: WholeNumber = Field(default=0, ge=0)
    backoffice_shared_with_counters: bool = False
    assisted_desk: AssistedDesk = AssistedDesk()


class Impatience(Strict):
    """Citizens who will not wait: baulk at a long queue, or renege after their patience runs out."""

    baulk_queue_length: WholeNumber | None = Field(default=None, ge=0)
    patience: Distribution | None = None


class Travel(Strict):
    """One-way travel time to the centre; a round trip is counted for every in-person visit."""

    one_way: Distribution = Lognormal(dist="lognormal", mean=30.0, sd=20.0)


class Run(Strict):
    """Default run settings a scenario suggests; the CLI and notebooks can override them."""

    days: WholeNumber = Field(default=1, ge=1)
    warmup_days: WholeNumber = Field(default=0, ge=0)
    replications: WholeNumber = Field(default=30, ge=1)
    seed: WholeNumber = Field(default=1, ge=0)
    target_wait_minutes: float = Field(default=15.0, gt=0)


@dataclass(frozen=True)
class ChannelSplit:
    """Where the citizens of one procedure go, as shares (fractions) of everyone who comes with it.

    The channel rule, stated once: a share ``adoption`` try online; ``failure`` of those attempts fail;
    of the failures, ``to_desk`` are helped at the assisted-digital desk (0 when nobody staffs it) and the
    rest queue at the counters with everyone who came in person. The model draws each citizen by these
    shares (``simkit.sim.population``); the planner's quick check adds them up.
    """

    adoption: float
    failure: float
    to_desk: float

    @property
    def in_person(self) -> float:
        """Came to the counters without trying online."""
        return 1 - self.adoption

    @property
    def failed_to_counter(self) -> float:
        """Tried online, failed, and queue at the counters."""
        return self.adoption * self.failure * (1 - self.to_desk)

    @property
    def at_counters(self) -> float:
        """Everyone served at the counters for the procedure itself (not a later collection)."""
        return self.in_person + self.failed_to_counter

    @property
    def submitted(self) -> float:
        """Dossiers submitted online: by the citizen, or with help at the assisted desk."""
        return self.adoption * (1 - self.failure + self.failure * self.to_desk)


class Scenario(Strict):
    """A whole service centre. See ``content/README.md`` for every field with an example."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: Text
    description: Text
    level: Literal["commune", "provincial", "other", "validation"] = "commune"
    sources: tuple[Source, ...] = ()
    assumptions: tuple[Text, ...] = ()
    calendar: Calendar = Calendar()
    demand: Demand
    procedures: dict[str, Procedure]
    channel: Channel = Channel()
    staffing: Staffing = Staffing()
    impatience: Impatience = Impatience()
    travel: Travel = Travel()
    run: Run = Run()

    @field_validator("procedures")
    @classmethod
    def _mix(cls, procedures: dict[str, Procedure]) -> dict[str, Procedure]:
        if not procedures:
            raise ValueError("at least one procedure is needed")
        for key in procedures:
            if not re.match(r"^[a-z0-9_]+$", key):
                raise ValueError(f"'{key}' is not an identifier (lower-case letters, digits, _)")
        total = sum(p.share for p in procedures.values())
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"shares must sum to 1 (they sum to {total:.4g})")
        return procedures

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        if self.run.warmup_days >= self.run.days:
            raise ValueError(
                f"run.warmup_days ({self.run.warmup_days}) must be less than run.days ({self.run.days})"
            )
        opened_hours: set[int] = set()
        for sessions in (self.calendar.sessions, self.calendar.saturday_sessions):
            for s in sessions:
                opened_hours.update(range(s.start_minute // 60, (s.end_minute - 1) // 60 + 1))
        if self.demand.arrival_profile and not any(self.demand.weight_of_hour(h) > 0 for h in opened_hours):
            raise ValueError("demand.arrival_profile: no weight falls in an opening hour")
        if self.online_work_unstaffed():
            raise ValueError(
                "staffing.backoffice: online dossiers would never be processed; give back-office staff "
                "or set backoffice_shared_with_counters: true"
            )
        for t in self.demand.fixed_times:
            minute = clock_to_minutes(t)
            if not any(s.start_minute <= minute < s.end_minute for s in self.calendar.sessions):
                raise ValueError(f"demand.fixed_times: {t} is outside the opening sessions")
        return self

    def online_work_unstaffed(self, adoption: float | None = None, backoffice: int | None = None) -> bool:
        """The back-office rule, stated once: online dossiers would arrive but nobody would process them.

        True when some procedure offered online has an adoption above 0 while there is no back-office staff
        and counters do not share the work. ``adoption`` and ``backoffice`` ask the same question for other
        values of ``channel.adoption`` and ``staffing.backoffice`` (a planner's form, a sweep's top level)
        before a scenario with them is built.
        """
        staff = self.staffing.backoffice if backoffice is None else backoffice
        if staff > 0 or self.staffing.backoffice_shared_with_counters:
            return False
        overall = self.channel.adoption if adoption is None else adoption
        return any(
            (p.adoption if p.adoption is not None else overall) > 0
            for p in self.procedures.values()
            if p.online != "in_person"
        )

    def adoption_of(self, procedure_id: str) -> float:
        """Online adoption for a procedure: its own if set, else the global one; 0 if not offered online."""
        procedure = self.procedures[procedure_id]
        if procedure.online == "in_person":
            return 0.0
        return procedure.adoption if procedure.adoption is not None else self.channel.adoption

    def failed_to_desk_share(self) -> float:
        """Of the failed online attempts, the share helped at the assisted desk (0 when nobody staffs it)."""
        if self.staffing.assisted_desk.staff > 0:
            return self.channel.failed_to_assisted_share
        return 0.0

    def channel_split(self, procedure_id: str) -> ChannelSplit:
        """How the citizens of a procedure split between counters, online and the assisted desk."""
        return ChannelSplit(
            self.adoption_of(procedure_id), self.channel.online_failure_rate, self.failed_to_desk_share()
        )

    def counters_in(self, session: Session) -> int:
        """The per-session counter rule, stated once: a session's own ``counters`` if it gives them, else
        ``staffing.counters``."""
        return session.counters or self.staffing.counters

    def sessions_with_own_counters(self) -> list[str]:
        """Sessions that set their own ``counters`` (``"07:30–11:30"``; Saturday's ``"sat 07:30–11:30"``)."""
        calendar = self.calendar
        named = [("", s) for s in calendar.sessions] + [("sat ", s) for s in calendar.saturday_sessions]
        return [f"{day}{s.start}–{s.end}" for day, s in named if s.counters is not None]

    def counters_everywhere(self, counters: int) -> dict[str, Any]:
        """Overrides that give the centre ``counters`` in every session, weekdays and Saturday alike.

        By the per-session rule a session's own number would hide ``staffing.counters``, so it is set aside:
        what a planner types in "counters", or a staffing search tries, is the number in every session.
        """
        return {
            "staffing.counters": counters,
            "calendar.sessions": [{"start": s.start, "end": s.end} for s in self.calendar.sessions],
            "calendar.saturday_sessions": [
                {"start": s.start, "end": s.end} for s in self.calendar.saturday_sessions
            ],
        }
