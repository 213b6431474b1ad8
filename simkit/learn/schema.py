"""The lesson file format: what a lesson in ``content/lessons/NN_<id>.yaml`` may contain, field by field.

A lesson file is like a trainer's lesson plan with the practice sheets stapled to it: front matter (title,
audience, minutes, objectives), a fixed set of section kinds (``explain``, ``practice``, ``drill``), a quiz,
the summary blocks (key points, common mistakes), notes only the trainer sees, and the sources the facts
come from. Practice screens (``flows``), safe-or-scam drills (``drills``) and the fictional people who fill
in the practice forms (``personas``) are defined in the same file, so a lesson travels as one file.

Why a strict schema: the lessons are the product, and a misspelt key or a missing English translation
would otherwise show up as an empty box in front of a class of older learners. Every model refuses unknown
keys, every learner-visible string is a ``Text`` with non-blank ``vi`` and ``en``, and rules that span
several fields (a quiz question with no right answer, a wrong button without feedback) are checked here.
Checks that need the whole file (references between items, unique ids, practice data that must pass the
form checks) are in ``simkit.learn.content``. The full reference for content writers is
``content/README.md``, section "Lessons".
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from simkit import bilingual

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
"""Identifiers: lower-case letters, digits and ``_``, starting with a letter (``scan_card``)."""

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=40)]

FIELD_KINDS = ("personal_id", "phone", "password", "otp", "passcode", "date", "email", "health_insurance",
               "text", "choice", "checkbox")  # fmt: skip
"""Kinds of practice-form field; each has its own check (``simkit.learn.validators``)."""

SECRET_KINDS = ("password", "otp", "passcode")
"""Field kinds shown as dots, as on the phone."""

RESERVED_PAGES = ("overview", "quiz", "summary")
"""Page ids the lesson view adds around the sections; a section may not use them."""


class Strict(BaseModel):
    """Base for every part of a lesson: unknown keys are refused and instances are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Text = bilingual.Text
"""A learner-visible string (``simkit.bilingual.Text``): non-blank ``vi`` and ``en``."""


class Minutes(Strict):
    """How long the lesson takes: explanation and hands-on practice (Carpentries-style front matter)."""

    teaching: int = Field(ge=1, le=240)
    practice: int = Field(ge=0, le=240)


class Source(Strict):
    """Where the facts of the lesson come from.

    ``checked`` is the day someone last read the page and confirmed that it still says what the lesson
    takes from it; ``published`` is the date the page itself prints, when it prints one. The two answer
    different questions (is the lesson current? how old is the fact?), so a learner sees both.
    """

    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://\S+$")
    checked: str
    published: str | None = None
    third_party: bool = False
    note: Text | None = None

    @field_validator("checked", "published")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"must be a date YYYY-MM-DD (got {value!r})") from None
        return value

    @model_validator(mode="after")
    def _published_before_checked(self) -> Source:
        if self.published is not None and self.published > self.checked:
            raise ValueError(f"'published' ({self.published}) is after 'checked' ({self.checked})")
        return self


class Mistake(Strict):
    """A common mistake, what the learner then sees on the screen, and how to put it right."""

    mistake: Text
    you_see: Text
    fix: Text


class Callout(Strict):
    """A boxed remark beside an explanation: a tip, a warning (safety) or a note."""

    kind: Literal["tip", "warning", "note"]
    text: Text


class ExplainSection(Strict):
    """A page of explanation, optionally with the numbered steps as the real app names them."""

    kind: Literal["explain"]
    id: Id
    title: Text
    body: Text
    steps: list[Text] = []
    callout: Callout | None = None


class PracticeSection(Strict):
    """A page holding one practice flow (phone-frame screens), introduced by an optional ``body``."""

    kind: Literal["practice"]
    id: Id
    title: Text
    flow: Id
    body: Text | None = None


class DrillSection(Strict):
    """A page holding one safe-or-scam drill, introduced by an optional ``body``."""

    kind: Literal["drill"]
    id: Id
    title: Text
    drill: Id
    body: Text | None = None


Section = Annotated[ExplainSection | PracticeSection | DrillSection, Field(discriminator="kind")]


class Persona(Strict):
    """A fictional person whose data the learner types into practice forms, shown on a card."""

    id: Id
    name: str = Field(min_length=1, max_length=60)
    personal_id: str
    phone: str
    birth_date: str
    sex: Literal["female", "male"]
    notes: Text | None = None
    extra: list[PersonaFact] = []


class PersonaFact(Strict):
    """Another fictional detail on the persona card (a card number, a dossier code)."""

    label: Text
    value: str = Field(min_length=1, max_length=60)


class Sms(Strict):
    """A message that arrives on the practice phone while a screen is shown."""

    sender: str = Field(min_length=1, max_length=40)
    text: Text


class Button(Strict):
    """A button on a practice screen; a wrong one must say why it is wrong and what to do instead."""

    id: Id
    label: Text
    correct: bool = False
    feedback: Text | None = None

    @model_validator(mode="after")
    def _wrong_needs_feedback(self) -> Button:
        if not self.correct and self.feedback is None:
            raise ValueError("this button is not correct, so it needs 'feedback' saying why and what to do")
        return self


class Option(Strict):
    """One entry of a drop-down list in a practice form."""

    id: Id
    label: Text


class FormField(Strict):
    """One field of a practice form, checked by its ``kind`` like the real form."""

    id: Id
    kind: Literal[FIELD_KINDS]  # type: ignore[valid-type]
    label: Text
    hint: Text | None = None
    required: bool = True
    options: list[Option] = []
    expect: str | None = None
    mismatch: Text | None = None
    same_as: Id | None = None
    allow_future: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> FormField:
        if self.allow_future and self.kind != "date":
            raise ValueError("only a 'date' field has 'allow_future'")
        if self.kind == "choice" and len(self.options) < 2:
            raise ValueError("a choice field needs at least 2 'options'")
        if self.kind != "choice" and self.options:
            raise ValueError("only a 'choice' field has 'options'")
        if self.kind == "checkbox" and (self.expect is not None or self.same_as is not None):
            raise ValueError("a checkbox cannot have 'expect' or 'same_as'")
        if (self.expect is None) != (self.mismatch is None):
            raise ValueError("'expect' and 'mismatch' go together (give both or neither)")
        if self.expect is not None and self.same_as is not None:
            raise ValueError("use 'expect' or 'same_as', not both")
        return self

    @property
    def secret(self) -> bool:
        return self.kind in SECRET_KINDS


class Step(Strict):
    """One practice screen: what it shows, what the learner must do, and the action that does it."""

    id: Id
    screen: Text
    task: Text
    show: Text | None = None
    sms: Sms | None = None
    action: Literal["tap", "form"]
    buttons: list[Button] = []
    fields: list[FormField] = []
    submit: Text | None = None
    done: Text | None = None
    tip: Text | None = None

    @model_validator(mode="after")
    def _action_parts(self) -> Step:
        if self.action == "tap":
            if not self.buttons:
                raise ValueError("a tap step needs 'buttons'")
            if not any(b.correct for b in self.buttons):
                raise ValueError("no button has 'correct: true'")
            if self.fields or self.submit:
                raise ValueError("this is a tap step; 'fields' and 'submit' belong to a form step")
        else:
            if not self.fields or self.submit is None:
                raise ValueError("a form step needs 'fields' and 'submit'")
            if self.buttons:
                raise ValueError("this is a form step; 'buttons' belong to a tap step")
        return self


class Flow(Strict):
    """A practice run through an app, one screen at a time, as a fictional persona."""

    id: Id
    title: Text
    app: Text
    intro: Text
    persona: Id
    steps: list[Step] = Field(min_length=2)
    finish: Text


class DrillItem(Strict):
    """A message or call the learner judges: is it safe, or a scam? ``reason`` explains the answer."""

    id: Id
    channel: Literal["call", "sms", "chat", "web", "app", "email"]
    sender: Text
    message: Text
    answer: Literal["safe", "scam"]
    reason: Text


class Drill(Strict):
    """A safe-or-scam drill: realistic messages and calls, each answered then explained."""

    id: Id
    title: Text
    intro: Text
    items: list[DrillItem] = Field(min_length=3)

    @model_validator(mode="after")
    def _both_answers(self) -> Drill:
        answers = {item.answer for item in self.items}
        if answers != {"safe", "scam"}:
            raise ValueError("a drill needs at least one 'safe' and one 'scam' item")
        return self


class QuizOption(Strict):
    """An answer option; ``feedback`` explains why it is right or wrong, and is shown for every option."""

    id: Id
    text: Text
    correct: bool = False
    feedback: Text


class Question(Strict):
    """A quiz question: ``single`` has exactly one right option, ``multiple`` one or more."""

    id: Id
    kind: Literal["single", "multiple"]
    prompt: Text
    options: list[QuizOption] = Field(min_length=2)

    @model_validator(mode="after")
    def _valid_answer(self) -> Question:
        right = sum(option.correct for option in self.options)
        if self.kind == "single" and right != 1:
            raise ValueError(f"a single-choice question has exactly one correct option (got {right})")
        if self.kind == "multiple" and right < 1:
            raise ValueError("no option has 'correct: true'")
        return self


class Quiz(Strict):
    """The short quiz at the end of a lesson; a score of at least ``pass_mark`` completes it."""

    pass_mark: float = Field(default=0.6, gt=0, le=1)
    questions: list[Question] = Field(min_length=3)


class Lesson(Strict):
    """One lesson file. ``number`` is not written in the file: it comes from the ``NN_`` file-name prefix."""

    id: Id
    title: Text
    audience: Text
    minutes: Minutes
    objectives: list[Text] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    key_points: list[Text] = Field(min_length=1)
    common_mistakes: list[Mistake] = Field(min_length=1)
    quiz: Quiz
    instructor_notes: list[Text] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    assumptions: list[Text] = []
    personas: list[Persona] = []
    flows: list[Flow] = []
    drills: list[Drill] = []

    @model_validator(mode="after")
    def _hands_on(self) -> Lesson:
        if not any(section.kind in ("practice", "drill") for section in self.sections):
            raise ValueError("a lesson needs at least one 'practice' or 'drill' section")
        return self

    def flow(self, flow_id: str) -> Flow:
        return next(f for f in self.flows if f.id == flow_id)

    def drill(self, drill_id: str) -> Drill:
        return next(d for d in self.drills if d.id == drill_id)

    def persona(self, persona_id: str) -> Persona:
        return next(p for p in self.personas if p.id == persona_id)


Persona.model_rebuild()

LESSON_FILE = re.compile(r"^(\d{2})_([a-z][a-z0-9_]*)\.yaml$")
"""Lesson file names: two-digit number, ``_``, the lesson id, ``.yaml`` (``01_getting_vneid.yaml``)."""
