"""The words of the lesson screens (buttons, headings, form-check messages), from ``content/ui/learn.yaml``.

Like the labels on a machine's control panel, these are fixed keys with wording a trainer or translator can
change without touching code. Every key the code uses is declared here with the placeholders it fills in
(``check.phone.length`` gets ``{count}``), and the file is checked when first read: a missing key, a blank
or missing translation, an unknown key, or a placeholder the code does not supply is a ``ConfigError``
naming the file and the key, raised before any lesson is shown.
"""

from __future__ import annotations

from pathlib import Path

from simkit.bilingual import Text
from simkit.ui_strings import StringTable, UiFile, load_ui_file, ui_file_path

UI_NAME = "learn"

_CHECK_KEYS: dict[str, tuple[str, ...]] = {
    "check.required": (), "check.checkbox_required": (), "check.choose": (), "check.same_as": (),
    "check.personal_id.digits": (), "check.personal_id.old_nine_digits": (),
    "check.personal_id.length": ("count",), "check.personal_id.real_code": ("code", "practice"),
    "check.personal_id.unknown_code": ("code", "practice"), "check.personal_id.century": ("digit",),
    "check.personal_id.future_year": ("year",),
    "check.phone.characters": (), "check.phone.old_prefix": ("new",), "check.phone.invalid": (),
    "check.phone.landline": (), "check.phone.length": ("count",),
    "check.password.length": ("min", "max", "count"), "check.password.space": (),
    "check.password.accents": (),
    "check.password.upper": (), "check.password.lower": (), "check.password.digit": (),
    "check.password.special": ("allowed",), "check.password.other_special": ("chars", "allowed"),
    "check.otp.digits": (), "check.otp.length": ("count", "expected"),
    "check.passcode.digits": (), "check.passcode.length": ("count", "expected"),
    "check.date.format": (), "check.date.invalid": (), "check.date.future": (),
    "check.email.format": (), "check.health_insurance.format": (), "check.text.too_long": ("max",),
}  # fmt: skip

_SCREEN_KEYS: dict[str, tuple[str, ...]] = {
    "app.kit_name": (), "app.error": ("message",),
    "nav.next": (), "nav.back": (), "nav.page": ("current", "total"), "nav.pages": (),
    "page.overview": (), "page.quiz": (), "page.summary": (),
    "overview.audience": (), "overview.minutes": ("teaching", "practice"), "overview.objectives": (),
    "lang.label": (), "lang.vietnamese": (), "lang.english": (),
    "display.large": (), "display.large_help": (),
    "learner.name_label": (), "learner.name_placeholder": (), "learner.name_help": (), "learner.save": (),
    "learner.saved_as": ("name",), "learner.resumed": ("name",), "learner.not_saved": (),
    "learner.name_empty": (), "learner.name_too_long": ("max",), "learner.name_characters": (),
    "progress.set_aside": ("file", "aside"), "progress.save_failed": ("reason",),
    "explain.steps": (), "callout.tip": (), "callout.warning": (), "callout.note": (),
    "phone.banner": (), "phone.step": ("current", "total"), "phone.task": (), "phone.back": (),
    "phone.forward": (), "phone.restart": (), "phone.tip": (), "phone.sms_from": ("sender",),
    "phone.right": (), "phone.wrong": (), "phone.finished": (), "phone.required": (), "phone.optional": (),
    "phone.choose": (), "phone.tick": (), "phone.field_ok": (),
    "persona.title": (), "persona.personal_id": (), "persona.id_note": ("code",), "persona.phone": (),
    "persona.phone_note": (), "persona.birth_date": (), "persona.sex": (), "persona.female": (),
    "persona.male": (),
    "flow.form_has_problems": ("count",),
    "quiz.intro": ("total", "needed"), "quiz.question": ("current", "total"), "quiz.single_hint": (),
    "quiz.multiple_hint": (), "quiz.check": (), "quiz.choose_first": (), "quiz.right": (), "quiz.wrong": (),
    "quiz.correct_option": (), "quiz.wrong_option": (), "quiz.you_chose": (),
    "quiz.score": ("score", "total"),
    "quiz.passed": (), "quiz.not_passed": ("needed", "total"), "quiz.retry": (),
    "quiz.try_again": (), "quiz.same_choice": (), "quiz.next_step": ("next", "summary"),
    "drill.item": ("current", "total"), "drill.from": ("sender",), "drill.safe": (), "drill.scam": (),
    "drill.right": (), "drill.wrong": (), "drill.answer_was": ("answer",), "drill.next": (),
    "drill.score": ("score", "total"), "drill.retry": (), "drill.question": (),
    "drill.you_chose": ("choice",), "drill.back": (), "drill.verdict_all": (),
    "drill.verdict_most": ("missed", "back"), "drill.verdict_few": ("retry",), "drill.in_doubt": (),
    "drill.channel.call": (), "drill.channel.sms": (), "drill.channel.chat": (), "drill.channel.web": (),
    "drill.channel.app": (), "drill.channel.email": (),
    "summary.key_points": (), "summary.mistakes": (), "summary.you_see": (), "summary.fix": (),
    "summary.sources": (), "summary.checked": ("date",), "summary.published": ("date",),
    "summary.third_party": (), "summary.assumptions": (),
    "summary.done": (), "summary.todo": (), "summary.todo_flow": ("title",), "summary.todo_drill": ("title",),
    "summary.todo_quiz": (),
    "trainer.notes": (),
    "my.title": (), "my.lesson": (), "my.status": (), "my.not_started": (), "my.in_progress": (),
    "my.done": (), "my.practice": (), "my.quiz": (), "my.time": (), "my.minutes": ("minutes",), "my.none": (),
    "my.refresh": (), "my.enter_name": (), "my.certificate_ready": (),
    "my.certificate_todo": ("done", "total"),
    "my.save_certificate": (), "my.certificate_saved": ("file",),
    "my.certificate_saved_here": ("file", "folder"), "my.certificate_download": (),
    "my.certificate_download_help": (),
    "cert.title": (), "cert.body": ("name", "total"), "cert.date": ("date",), "cert.lesson": (),
    "cert.score": (), "cert.disclaimer": (), "cert.print": (),
    "assist.read_aloud": (), "assist.read_aloud_help": (), "assist.change_name": (),
    "assist.next_lesson": ("number", "title"), "assist.last_lesson": (),
}  # fmt: skip

KEYS: dict[str, tuple[str, ...]] = {**_CHECK_KEYS, **_SCREEN_KEYS}
"""Every UI string key the code uses, with the placeholders it supplies."""


class UiStrings(StringTable):
    """All lesson-screen strings, both languages (``get`` fills placeholders, ``say`` renders feedback)."""


def ui_path() -> Path:
    return ui_file_path(UI_NAME)


def load_ui_strings() -> UiStrings:
    """The UI strings of the content folder, read and checked once per file version."""
    return load_ui_file(UI_NAME, KEYS, UiFile, _make)


def _make(entries: dict[str, Text], data: UiFile, path: Path) -> UiStrings:
    return UiStrings(entries, path)
