"""Reading lessons from ``content/lessons/``: parse, validate, cross-check, and report one clear line.

Why a second pass after the schema: some mistakes only show when the whole file is seen, like a
``practice`` section naming a flow that does not exist, two steps with the same id, or a persona whose ID
number would be refused by the very form the learner must fill in. Each is a ``ConfigError`` naming the
file, the item (by its id, not a list position a trainer would have to count) and the field, e.g.
``content/lessons/01_getting_vneid.yaml: flows[register].steps[scan].buttons: no button has 'correct: true'``.

Practice data are checked with the form checks themselves: persona ID numbers must use the never-issued
practice province code and agree with the persona's sex and birth year, persona phone numbers must lie in
the kit's simulated range, and every ``expect`` value must be accepted by its field's check, so the content
can neither hold a real person's number nor ask the learner for an answer the form would refuse.

Dates in practice flows are written relative to the day the lesson is shown (``{today}``, ``{today+3}``,
``{today-1}``) wherever the real rule depends on today, as with residence notification, which must be
made before 23:00 on the day the stay starts. A fixed date would soon make the learner practise a late
notification. The marks are replaced by ``DD/MM/YYYY`` dates before the file is checked, so every check
sees real dates; the cache is keyed by the day, so a lesson left open past midnight is read again.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simkit.bilingual import one_line_error, read_when_changed
from simkit.content import content_dir, read_yaml
from simkit.errors import ConfigError
from simkit.learn import validators
from simkit.learn.schema import LESSON_FILE, RESERVED_PAGES, Lesson, Step

RELATIVE_DATE = re.compile(r"\{today(?:([+-])(\d{1,3}))?\}")
"""A date relative to the day the lesson is shown: ``{today}``, ``{today+3}``, ``{today-1}`` (at most 999
days either way)."""

_ANY_TODAY_MARK = re.compile(r"\{today[^}]*\}")


def relative_date(mark: str, today: date) -> date:
    """The date a ``{today…}`` mark stands for on ``today``."""
    match = RELATIVE_DATE.fullmatch(mark)
    if match is None:
        raise ValueError(f"not a relative date: {mark!r}")
    sign, days = match.groups()
    offset = int(days or 0) * (-1 if sign == "-" else 1)
    return today + timedelta(days=offset)


def resolve_dates(node: Any, today: date, where: str, path: str = "") -> Any:
    """A copy of raw lesson data with every ``{today…}`` mark replaced by its ``DD/MM/YYYY`` date."""
    if isinstance(node, str):
        for mark in _ANY_TODAY_MARK.findall(node):
            if RELATIVE_DATE.fullmatch(mark) is None:
                raise ConfigError(
                    f"{mark} is not a relative date; write {{today}}, {{today+N}} or {{today-N}}",
                    where=where,
                    field=path or None,
                )
        return RELATIVE_DATE.sub(lambda m: relative_date(m.group(0), today).strftime("%d/%m/%Y"), node)
    if isinstance(node, list):
        return [resolve_dates(item, today, where, f"{path}[{i}]") for i, item in enumerate(node)]
    if isinstance(node, dict):
        return {key: resolve_dates(value, today, where, f"{path}.{key}" if path else str(key))
                for key, value in node.items()}  # fmt: skip
    return node


def lessons_dir() -> Path:
    """``content/lessons`` inside the content folder (honours ``$SIMKIT_CONTENT``)."""
    return content_dir() / "lessons"


def lesson_files(folder: Path | None = None) -> dict[int, Path]:
    """Lesson files by number; a ``.yaml`` file whose name is not ``NN_<id>.yaml`` is an error."""
    folder = folder or lessons_dir()
    found: dict[int, Path] = {}
    for path in sorted(folder.glob("*.y*ml")):
        match = LESSON_FILE.match(path.name)
        if not match:
            raise ConfigError(
                "lesson files are named NN_<id>.yaml, e.g. 01_getting_vneid.yaml", where=str(path)
            )
        number = int(match.group(1))
        if number in found:
            raise ConfigError(
                f"lesson number {number:02d} is also used by {found[number].name}", where=str(path)
            )
        found[number] = path
    return found


@functools.lru_cache(maxsize=32)
def _load_cached(path: Path, mtime: float, today: date) -> Lesson:
    match = LESSON_FILE.match(path.name)
    expected = match.group(2) if match else None  # lesson_files() only passes names that match
    return parse_lesson(read_yaml(path), where=str(path), expected_id=expected, today=today)


def load_lesson_file(path: Path) -> Lesson:
    """Read and check one lesson file; re-read automatically after the file changes or the day changes."""
    if not LESSON_FILE.match(path.name):
        raise ConfigError("lesson files are named NN_<id>.yaml, e.g. 01_getting_vneid.yaml", where=str(path))
    today = date.today()
    return read_when_changed(path, lambda p, mtime: _load_cached(p, mtime, today))


def load_lessons(folder: Path | None = None) -> dict[int, Lesson]:
    """Every lesson, by number, in order; lesson ids must be unique."""
    lessons = {number: load_lesson_file(path) for number, path in lesson_files(folder).items()}
    ids = Counter(lesson.id for lesson in lessons.values())
    for lesson_id, count in ids.items():
        if count > 1:
            raise ConfigError(
                f"lesson id '{lesson_id}' is used by {count} files", where=str(folder or lessons_dir())
            )
    return dict(sorted(lessons.items()))


def find_lesson(key: int | str, folder: Path | None = None) -> tuple[int, Lesson]:
    """A lesson by number (``1``) or id (``"getting_vneid"``), with its number."""
    lessons = load_lessons(folder)
    for number, lesson in lessons.items():
        if (
            key == number
            or key == lesson.id
            or (isinstance(key, str) and key.isdigit() and int(key) == number)
        ):
            return number, lesson
    known = ", ".join(f"{n} ({lesson.id})" for n, lesson in lessons.items()) or "none"
    raise ConfigError(f"no lesson {key!r}; lessons are: {known}", where=str(folder or lessons_dir()))


def parse_lesson(
    raw: Any, *, where: str = "lesson", expected_id: str | None = None, today: date | None = None
) -> Lesson:
    """Validate raw YAML data into a ``Lesson`` and cross-check it, or raise one ``ConfigError``.

    ``{today…}`` marks are resolved against ``today`` (default: the current day) first."""
    if not isinstance(raw, dict):
        raise ConfigError("must be a mapping of fields (id, title, audience, minutes, …)", where=where)
    raw = resolve_dates(raw, today or date.today(), where)
    try:
        lesson = Lesson.model_validate(raw)
    except ValidationError as exc:
        raise one_line_error(exc, raw, where, model=Lesson) from None
    if expected_id is not None and lesson.id != expected_id:
        raise ConfigError(
            f"must equal the file name's id '{expected_id}' (got '{lesson.id}')", where=where, field="id"
        )
    _cross_check(lesson, where)
    return lesson


def _unique(items: Iterable[Any], field: str, where: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ConfigError(f"id '{item.id}' is used twice", where=where, field=field)
        seen.add(item.id)


def _cross_check(lesson: Lesson, where: str) -> None:
    _unique(lesson.sections, "sections", where)
    _unique(lesson.flows, "flows", where)
    _unique(lesson.drills, "drills", where)
    _unique(lesson.personas, "personas", where)
    _unique(lesson.quiz.questions, "quiz.questions", where)
    for section in lesson.sections:
        if section.id in RESERVED_PAGES:
            raise ConfigError(
                f"'{section.id}' is reserved for the lesson's own pages",
                where=where,
                field=f"sections[{section.id}].id",
            )
    _check_references(lesson, where)
    for question in lesson.quiz.questions:
        _unique(question.options, f"quiz.questions[{question.id}].options", where)
    for drill in lesson.drills:
        _unique(drill.items, f"drills[{drill.id}].items", where)
    for persona in lesson.personas:
        _check_persona(persona, f"personas[{persona.id}]", where)
    for flow in lesson.flows:
        _unique(flow.steps, f"flows[{flow.id}].steps", where)
        for step in flow.steps:
            _check_step(step, f"flows[{flow.id}].steps[{step.id}]", where)


def _check_references(lesson: Lesson, where: str) -> None:
    flows = {f.id for f in lesson.flows}
    drills = {d.id for d in lesson.drills}
    personas = {p.id for p in lesson.personas}
    used_flows = [s.flow for s in lesson.sections if s.kind == "practice"]
    used_drills = [s.drill for s in lesson.sections if s.kind == "drill"]
    for section in lesson.sections:
        if section.kind == "practice" and section.flow not in flows:
            raise ConfigError(
                f"no flow '{section.flow}' in 'flows' (flows: {', '.join(sorted(flows)) or 'none'})",
                where=where,
                field=f"sections[{section.id}].flow",
            )
        if section.kind == "drill" and section.drill not in drills:
            raise ConfigError(
                f"no drill '{section.drill}' in 'drills' (drills: {', '.join(sorted(drills)) or 'none'})",
                where=where,
                field=f"sections[{section.id}].drill",
            )
    for kind, defined, used in (("flow", flows, used_flows), ("drill", drills, used_drills)):
        for item_id, count in Counter(used).items():
            if count > 1:
                raise ConfigError(
                    f"{kind} '{item_id}' is shown by {count} sections; give each its own",
                    where=where,
                    field="sections",
                )
        for item_id in sorted(defined - set(used)):
            raise ConfigError(
                f"{kind} '{item_id}' is not shown by any section", where=where, field=f"{kind}s[{item_id}]"
            )
    for flow in lesson.flows:
        if flow.persona not in personas:
            raise ConfigError(
                f"no persona '{flow.persona}' in 'personas'", where=where, field=f"flows[{flow.id}].persona"
            )
    for persona_id in sorted(personas - {f.persona for f in lesson.flows}):
        raise ConfigError(
            f"persona '{persona_id}' is not used by any flow", where=where, field=f"personas[{persona_id}]"
        )


def _problem_text(check: validators.Check) -> str:
    problem = check.problems[0]
    params = ", ".join(f"{k}={v}" for k, v in problem.params.items())
    return f"is refused by the practice form ({problem.key}{': ' + params if params else ''})"


def _check_persona(persona: Any, field: str, where: str) -> None:
    number = validators.check_personal_id(persona.personal_id)
    if not number.ok:
        raise ConfigError(
            _problem_text(number) + f"; practice numbers start with {validators.PRACTICE_PROVINCE_CODE}",
            where=where,
            field=f"{field}.personal_id",
        )
    if number.value != persona.personal_id:
        raise ConfigError(
            f"write it as 12 digits without spaces ({number.value})",
            where=where,
            field=f"{field}.personal_id",
        )
    born = validators.check_date(persona.birth_date)
    if not born.ok or born.value != persona.birth_date:
        raise ConfigError("must be a past date written DD/MM/YYYY", where=where, field=f"{field}.birth_date")
    decoded = validators.decode_personal_id(number.value)
    year = validators.parse_date(born.value).year
    if decoded.birth_year != year or decoded.sex != persona.sex:
        raise ConfigError(
            f"digits 4–6 say {decoded.sex}, born {decoded.birth_year}, but the persona is "
            f"{persona.sex}, born {year}",
            where=where,
            field=f"{field}.personal_id",
        )
    phone = validators.check_phone(persona.phone)
    if not phone.ok or phone.value != persona.phone:
        raise ConfigError(
            "must be a Vietnamese mobile number written 0xxxxxxxxx (10 digits)",
            where=where,
            field=f"{field}.phone",
        )
    if not validators.is_practice_phone(persona.phone):
        raise ConfigError(
            f"practice phone numbers are simulated: {validators.PRACTICE_PHONE_PREFIX} and 3 digits "
            f"(got {persona.phone})",
            where=where,
            field=f"{field}.phone",
        )


def _check_step(step: Step, field: str, where: str) -> None:
    _unique(step.buttons, f"{field}.buttons", where)
    _unique(step.fields, f"{field}.fields", where)
    earlier: dict[str, str] = {}
    for form_field in step.fields:
        here = f"{field}.fields[{form_field.id}]"
        _unique(form_field.options, f"{here}.options", where)
        if form_field.same_as is not None:
            if form_field.same_as not in earlier:
                raise ConfigError(
                    f"'{form_field.same_as}' is not an earlier field of this step",
                    where=where,
                    field=f"{here}.same_as",
                )
            if earlier[form_field.same_as] != form_field.kind:
                raise ConfigError(
                    f"must name a field of the same kind ({form_field.kind})",
                    where=where,
                    field=f"{here}.same_as",
                )
        if form_field.expect is not None:
            _check_expect(form_field, here, where)
        earlier[form_field.id] = form_field.kind


def _check_expect(form_field: Any, field: str, where: str) -> None:
    if form_field.kind == "choice":
        ids = [option.id for option in form_field.options]
        if form_field.expect not in ids:
            raise ConfigError(
                f"'{form_field.expect}' is not one of the options ({', '.join(ids)})",
                where=where,
                field=f"{field}.expect",
            )
        return
    if form_field.kind == "date":
        check = validators.check_date(form_field.expect, allow_future=form_field.allow_future)
    else:
        check = validators.CHECKS[form_field.kind](form_field.expect)
    if not check.ok:
        raise ConfigError(_problem_text(check), where=where, field=f"{field}.expect")
