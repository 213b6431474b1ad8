"""Every trainer-screen string key the code uses, with the ``{placeholders}`` it fills in.

Why a fixed list: ``content/ui/teach.yaml`` is edited by trainers and translators, not programmers. With the
keys declared here the file is checked when first read (``simkit.teach.strings``): a missing or misspelt
key, a blank translation or a placeholder the code never supplies is one clear line naming the file and the
key, before any screen is shown, instead of an empty label in front of a class.
"""

from __future__ import annotations

_COMMON: dict[str, tuple[str, ...]] = {
    "common.language": (), "common.language_help": (), "common.large": (), "common.large_help": (),
    "common.unexpected": ("message",), "common.content_error": ("message",),
    "common.minutes": ("minutes",), "common.saved": ("count", "folder"), "common.save_failed": ("reason",),
    "common.folder": (), "common.folder_help": (), "common.folder_blank": (),
    "common.folder_missing": ("folder",), "common.not_a_folder": ("folder",),
    "common.sample_note": (), "common.download": ("file",), "common.none": (),
}  # fmt: skip

_PLANNER: dict[str, tuple[str, ...]] = {
    "planner.title": (), "planner.intro": (), "planner.lessons": (),
    "planner.lesson_choice": ("title", "teaching", "practice"),
    "planner.audience": (), "planner.audience_help": (),
    "planner.attendees": (), "planner.attendees_help": (),
    "planner.start": (), "planner.start_help": (), "planner.lunch": (), "planner.lunch_help": (),
    "planner.no_lessons": (), "planner.bad_start": ("value",), "planner.bad_attendees": ("min", "max"),
    "planner.warn_late": ("end",), "planner.handout_lesson": (), "planner.handout_lang": (),
    "planner.handout_lang_help": (), "planner.handout_large": (), "planner.handout_large_help": (),
    "planner.handout_trainer": (), "planner.handout_trainer_help": (), "planner.preview": (),
    "planner.save_handouts": (), "planner.save_handouts_help": (), "planner.save_plan": (),
    "planner.save_plan_help": (),
}  # fmt: skip

_AGENDA: dict[str, tuple[str, ...]] = {
    "agenda.heading": (), "agenda.time": (), "agenda.activity": (), "agenda.minutes": (),
    "agenda.total": ("minutes", "start", "end"), "agenda.welcome": (), "agenda.welcome_detail": (),
    "agenda.teaching": ("title",), "agenda.practice": ("title",), "agenda.quiz": (), "agenda.break": (),
    "agenda.break_detail": (), "agenda.lunch": (), "agenda.wrap_up": (), "agenda.wrap_up_detail": (),
}  # fmt: skip

_PLAN: dict[str, tuple[str, ...]] = {
    "plan.title": (), "plan.audience": (), "plan.attendees": ("count",),
    "plan.helpers": ("count", "per"), "plan.notes": (), "plan.audience_note": (), "plan.materials": (),
    "plan.item": (), "plan.quantity": (), "plan.done": (), "plan.handout_item": ("title",),
    "plan.print": (),
}  # fmt: skip

_HANDOUT: dict[str, tuple[str, ...]] = {
    "handout.kit": (), "handout.audience": (), "handout.minutes": ("teaching", "practice"),
    "handout.objectives": (), "handout.steps": (), "handout.key_points": (), "handout.mistakes": (),
    "handout.you_see": (), "handout.fix": (), "handout.sources": (), "handout.checked": ("date",),
    "handout.practice_note": (), "handout.your_notes": (), "handout.print": (),
    "handout.practice": ("title",), "handout.key_screen": (), "handout.published": ("date",),
    "handout.sources_line": ("hosts", "date"), "handout.sources_many": ("count", "official", "date"),
    "handout.trainer_copy": (),
    "callout.tip": (), "callout.warning": (), "callout.note": (),
}  # fmt: skip

_PRESENTER: dict[str, tuple[str, ...]] = {
    "presenter.title": (), "presenter.intro": (), "presenter.lesson": (), "presenter.back": (),
    "presenter.next": (), "presenter.first": (), "presenter.position": ("current", "total"),
    "presenter.jump": (), "presenter.show_notes": (), "presenter.show_notes_help": (),
    "presenter.notes": (), "presenter.minutes": ("teaching", "practice"), "presenter.objectives": (),
    "presenter.step": ("current", "total"), "presenter.practice": (),
    "presenter.screen": ("current", "total"),
    "presenter.practice_banner": (), "presenter.task": (), "presenter.tap": ("label",),
    "presenter.fill": ("fields", "submit"), "presenter.sms_from": ("sender",),
    "presenter.drill_question": (), "presenter.drill_item": ("current", "total"),
    "presenter.from": ("sender",),
    "presenter.answer_safe": (), "presenter.answer_scam": (), "presenter.question": ("current", "total"),
    "presenter.answer": (), "presenter.key_points": (), "presenter.mistake": ("current", "total"),
    "presenter.you_see": (), "presenter.fix": (), "presenter.end": (), "presenter.end_detail": (),
    "presenter.part": ("current", "total"), "presenter.keys_help": (),
    "presenter.more": (), "presenter.more_help": (),
}  # fmt: skip

_COHORT: dict[str, tuple[str, ...]] = {
    "cohort.title": (), "cohort.intro": (), "cohort.read": (), "cohort.read_help": (),
    "cohort.summary": ("learners", "files", "skipped"), "cohort.no_learners": ("folder",),
    "cohort.by_lesson": (), "cohort.by_question": (), "cohort.most_missed": (),
    "cohort.most_missed_none": (), "cohort.learners": (), "cohort.skipped": (), "cohort.skipped_none": (),
    "cohort.merged": ("name", "count"), "cohort.export": (), "cohort.export_help": (),
    "cohort.export_folder": (), "cohort.status.done": (), "cohort.status.in_progress": (),
    "cohort.status.not_started": (),
    "cohort.show_ids": (), "cohort.show_ids_help": (), "cohort.all_questions": ("count",),
    "cohort.skipped_fold": ("count",), "cohort.unit_minutes": (), "cohort.live": (), "cohort.live_help": (),
    "cohort.live_on": ("time", "seconds"), "cohort.live_off": ("time",), "cohort.print": (),
    "cohort.print_read": ("folder", "time"), "cohort.print_sample": (),
    "cohort.duration.minutes": ("minutes",), "cohort.duration.hours": ("hours",),
    "cohort.duration.hours_minutes": ("hours", "minutes"), "cohort.duration.under_minute": (),
    "cohort.chart.title": (), "cohort.chart.axis": (), "cohort.chart.completion": (), "cohort.chart.quiz": (),
    "cohort.chart.nobody": (), "cohort.chart.no_quiz": (),
    "cohort.chart.alt_lesson": ("lesson", "completion", "completed", "started", "quiz", "quizzed"),
    "col.lesson": (), "col.lesson_id": (), "col.learners": (), "col.started": (), "col.completed": (),
    "col.completion": (), "col.quiz_taken": (), "col.quiz_mean": (), "col.passed": (), "col.minutes_mean": (),
    "col.question_id": (), "col.question": (), "col.answered": (), "col.right": (), "col.missed": (),
    "col.miss_rate": (), "col.common_wrong": (), "col.learner": (), "col.lessons_done": (),
    "col.minutes_total": (), "col.file": (), "col.reason": (),
    "skip.not_json": (), "skip.foreign": (), "skip.unknown_version": ("version",),
    "skip.invalid": ("field",), "skip.set_aside": (), "skip.too_large": ("max",), "skip.empty": (),
    "skip.not_progress": (), "skip.unreadable": ("reason",), "skip.too_many": ("max",),
}  # fmt: skip

_REPORT: dict[str, tuple[str, ...]] = {
    "report.title": (), "report.intro": (), "report.commune": (), "report.commune_help": (),
    "report.commune_placeholder": (), "report.period": (), "report.period_help": (),
    "report.period_placeholder": (), "report.workshops": (), "report.workshops_help": (),
    "report.attendance": (), "report.attendance_help": (), "report.make": (), "report.make_help": (),
    "report.copy_label": (), "report.copy_help": (), "report.heading": ("commune", "period"),
    "report.heading_plain": (), "report.workshops_line": ("workshops", "attendance"),
    "report.workshops_unknown": (), "report.learners_line": ("learners",),
    "report.completed_line": ("completed_any", "share_any", "completed_all", "lessons"),
    "report.lessons_done_line": ("done", "started", "share"), "report.activity_line": ("first", "last"),
    "report.hours_line": ("hours",), "report.quiz_line": ("mean",), "report.review_line": ("questions",),
    "report.table_intro": (), "report.attendance_low": ("attendance", "learners"),
    "report.no_learners": (), "report.source_note": (), "report.sample_warning": (), "report.bad_number": (),
}  # fmt: skip

KEYS: dict[str, tuple[str, ...]] = {
    **_COMMON, **_PLANNER, **_AGENDA, **_PLAN, **_HANDOUT, **_PRESENTER, **_COHORT, **_REPORT,
}  # fmt: skip
"""Every key of ``content/ui/teach.yaml`` (group names and entry name joined by dots) and its placeholders."""
