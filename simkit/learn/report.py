"""The learner's "my progress" table and the printable certificate of completion, from a progress file.

Like a school report card: one row per lesson (not started, in progress or done; practices finished; quiz
score; minutes spent), and, when every lesson is done, a one-page certificate. The certificate is a
self-contained HTML file (no fonts or images fetched from anywhere) with print styles, so it prints from any
browser offline. It shows the display name, the lessons and quiz scores, the date, and says plainly that it
is not an official document.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from simkit import atomic
from simkit.learn.progress import LessonRecord, ProgressFile, slug
from simkit.learn.schema import Lesson
from simkit.learn.strings import UiStrings


@dataclass(frozen=True)
class LessonStatus:
    """One row of "my progress"."""

    number: int
    lesson: Lesson
    state: str
    practices_done: int
    practices_total: int
    quiz_score: int | None
    quiz_total: int
    minutes: int


def lesson_status(number: int, lesson: Lesson, record: LessonRecord | None) -> LessonStatus:
    """The row for one lesson; a record saved for an older version of the lesson is read leniently."""
    practices_total = len(lesson.flows) + len(lesson.drills)
    quiz_total = len(lesson.quiz.questions)
    if record is None:
        return LessonStatus(number, lesson, "not_started", 0, practices_total, None, quiz_total, 0)
    done = sum(1 for f in lesson.flows if record.flows.get(f.id) and record.flows[f.id].finished)
    done += sum(1 for d in lesson.drills if record.drills.get(d.id) and record.drills[d.id].finished)
    score = record.quiz.score if record.quiz.answers else None
    state = "done" if record.completed else "in_progress"
    return LessonStatus(
        number, lesson, state, done, practices_total, score, quiz_total, round(record.seconds / 60)
    )


def overview(progress: ProgressFile, lessons: dict[int, Lesson]) -> list[LessonStatus]:
    """A row for every lesson in the content, in lesson order."""
    return [
        lesson_status(n, lesson, progress.lessons.get(lesson.id)) for n, lesson in sorted(lessons.items())
    ]


def all_done(rows: list[LessonStatus]) -> bool:
    return bool(rows) and all(row.state == "done" for row in rows)


def overview_html(rows: list[LessonStatus], strings: UiStrings, lang: str) -> str:
    """The "my progress" table as HTML."""
    say = lambda key, **kw: html.escape(strings.get(key, lang, **kw))  # noqa: E731
    head = "".join(
        f"<th>{say(k)}</th>" for k in ("my.lesson", "my.status", "my.practice", "my.quiz", "my.time")
    )
    body = []
    for row in rows:
        quiz = say("my.none") if row.quiz_score is None else f"{row.quiz_score}/{row.quiz_total}"
        practice = f"{row.practices_done}/{row.practices_total}" if row.practices_total else say("my.none")
        body.append(
            f'<tr class="simkit-{row.state}"><td>{html.escape(row.lesson.title.text(lang))}</td>'
            f"<td>{say('my.' + row.state)}</td><td>{practice}</td><td>{quiz}</td>"
            f"<td>{say('my.minutes', minutes=row.minutes)}</td></tr>"
        )
    return (
        f'<table class="simkit-progress"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


CERT_FONTS = ("Noto Serif", "DejaVu Serif", "Times New Roman")
"""The certificate's serif fonts, in order; each has all Vietnamese letters (ả ự ề ị …), so the first one
a computer has draws every word whole: Noto Serif where it is installed (Debian's fonts-noto-core, many
Linux desktops); DejaVu Serif, which stock Debian and Ubuntu always have (fontconfig depends on it);
Times New Roman on Windows and macOS. Why DejaVu Serif before Times New Roman: on Linux, Chromium draws
"Times New Roman" with its metric twin Liberation Serif, which here lacks letters such as "ả" (they came
from DejaVu Sans inside a word: tests/browser/test_certificate.py measured "Liberation Serif" +
"DejaVu Sans" with the old stack "Noto Serif", "Times New Roman"). No font is fetched: the certificate
must print offline."""

_CERT_CSS = """
body { font-family: __CERT_FONTS__; color: #111; margin: 0; }
.sheet { max-width: 26cm; margin: 1.5cm auto; padding: 1.5cm 2cm; border: 6px double #1a4d8f; }
h1 { text-align: center; font-size: 2.1em; color: #1a4d8f; margin: 0 0 .2em; }
.kit { text-align: center; color: #444; margin-bottom: 1.5em; }
.name { display: block; text-align: center; font-size: 1.8em; font-weight: bold; margin: .6em 0; }
.body { text-align: center; font-size: 1.15em; }
table { border-collapse: collapse; margin: 1.2em auto; min-width: 70%; }
th, td { border: 1px solid #999; padding: .35em .8em; text-align: left; }
.date { text-align: right; margin-top: 1.5em; }
.disclaimer { font-size: .85em; color: #444; margin-top: 1.2em; text-align: center; }
.print { text-align: center; margin: 1em; }
.print button { font: inherit; font-size: 1.1em; padding: .3em 1em; }
@media print { .print { display: none; } .sheet { margin: 0 auto; }
  @page { size: A4 landscape; margin: 1cm; } }
""".replace("__CERT_FONTS__", ", ".join(f'"{font}"' for font in CERT_FONTS) + ", serif")


def certificate_html(
    progress: ProgressFile,
    lessons: dict[int, Lesson],
    strings: UiStrings,
    lang: str,
    issued: date | None = None,
    *,
    print_button: bool = True,
) -> str:
    """The certificate as a complete HTML page; every lesson must be done.

    ``print_button=False`` for the preview inside "my progress": the saved file has the one print button.
    """
    rows = overview(progress, lessons)
    if not all_done(rows):
        raise ValueError("the certificate needs every lesson done")
    say = lambda key, **kw: html.escape(strings.get(key, lang, **kw))  # noqa: E731
    issued = issued or date.today()
    name = html.escape(progress.display_name)
    token = "\x00name\x00"
    body = html.escape(strings.get("cert.body", lang, name=token, total=len(rows)))
    body = body.replace(token, f'<span class="name">{name}</span>')
    table = "".join(
        f"<tr><td>{html.escape(row.lesson.title.text(lang))}</td>"  # the title says "Bài 1." itself
        f"<td>{row.quiz_score if row.quiz_score is not None else 0}/{row.quiz_total}</td></tr>"
        for row in rows
    )
    printing = (
        f'<div class="print"><button onclick="window.print()">{say("cert.print")}</button></div>'
        if print_button
        else ""
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{say('cert.title')} · {name}</title><style>{_CERT_CSS}</style></head><body>"
        f"{printing}"
        f'<div class="sheet"><h1>{say("cert.title")}</h1><div class="kit">{say("app.kit_name")}</div>'
        f'<p class="body">{body}</p>'
        f"<table><thead><tr><th>{say('cert.lesson')}</th><th>{say('cert.score')}</th></tr></thead>"
        f"<tbody>{table}</tbody></table>"
        f'<div class="date">{say("cert.date", date=issued.strftime("%d/%m/%Y"))}</div>'
        f'<div class="disclaimer">{say("cert.disclaimer")}</div></div></body></html>\n'
    )


def save_certificate(
    progress: ProgressFile,
    lessons: dict[int, Lesson],
    strings: UiStrings,
    lang: str,
    folder: Path,
    issued: date | None = None,
) -> Path:
    """Write the certificate to ``folder/certificate-<name>.html`` (atomically) and return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / certificate_file_name(progress)
    atomic.write_text(path, certificate_html(progress, lessons, strings, lang, issued))
    return path


def certificate_file_name(progress: ProgressFile) -> str:
    """``certificate-<display name as a slug>.html``: the saved file's and the download's name."""
    return f"certificate-{slug(progress.display_name)}.html"
