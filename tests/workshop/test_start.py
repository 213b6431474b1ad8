"""The phone's app, kernel side: names kept per phone, the lesson list and statuses, opening a lesson bound
to the learner's name, and the trainer's class results seeing what was saved."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

import ipywidgets as widgets
import pytest

from simkit.learn.content import load_lessons
from simkit.learn.progress import LessonRecord, ProgressStore
from simkit.teach.cohort import read_cohort
from simkit.workshop.claims import NameTaken, PhoneClaims, PhoneProgressStore, name_key, state_folder
from simkit.workshop.memory import PhoneMemory
from simkit.workshop.overview import lesson_lines, suggested_next
from simkit.workshop.start import WorkshopApp, lesson_view
from simkit.workshop.strings import load_workshop_strings

PHONE_A, PHONE_B = "a" * 32, "b" * 32


def phone(folder: Path, key: str, name: str = "", **kw: object) -> WorkshopApp:
    """An app as a phone opens it: the phone's memory then reports what it remembers."""
    app = WorkshopApp(progress_folder=folder, memory=PhoneMemory(), **kw)  # type: ignore[arg-type]
    app.memory.phone_key, app.memory.name = key, name
    app.memory.ready = True
    return app


def texts(widget: widgets.Widget) -> str:
    found = []
    for child in getattr(widget, "children", ()):
        found.append(texts(child))
    value = getattr(widget, "value", None)
    if isinstance(value, str):
        found.append(value)
    description = getattr(widget, "description", None)
    if isinstance(description, str):
        found.append(description)
    return " ".join(found)


def test_claims_keep_a_name_to_its_first_phone(tmp_path: Path) -> None:
    claims = PhoneClaims(tmp_path)
    assert claims.owner_matches("Chú Bảy", PHONE_A)
    assert claims.owner_matches("Chú Bảy", PHONE_A)
    assert not claims.owner_matches("Chú Bảy", PHONE_B)
    assert not claims.owner_matches("Cô Lan", "")
    saved = json.loads((state_folder(tmp_path) / "phones.json").read_text())
    assert PHONE_A not in json.dumps(saved)  # only a digest of the phone's key is kept
    assert claims.release("Chú Bảy") and not claims.release("Chú Bảy")
    assert claims.owner_matches("Chú Bảy", PHONE_B)


def test_names_are_compared_exactly_after_nfc(tmp_path: Path) -> None:
    claims = PhoneClaims(tmp_path)
    decomposed = unicodedata.normalize("NFD", "Bà Từ")
    assert decomposed != "Bà Từ" and name_key(decomposed) == "Bà Từ"
    assert claims.owner_matches("Bà Tư", PHONE_A)
    assert claims.owner_matches("Bà Từ", PHONE_B)  # another learner, not "Bà Tư" without a tone mark
    assert not claims.owner_matches(decomposed, PHONE_A)  # the same name as "Bà Từ", typed another way
    assert claims.owner_matches(f" {decomposed}  ", PHONE_B)
    assert claims.owner_matches("chú bảy", PHONE_A) and claims.owner_matches("Chú Bảy", PHONE_B)


def test_two_names_that_open_one_file_cannot_share_it(tmp_path: Path) -> None:
    """Whatever file name the progress store gives a name, a second phone never opens a claimed file."""
    claims = PhoneClaims(tmp_path)
    assert claims.owner_matches("Bà Tư", PHONE_A, "shared-file")
    assert not claims.owner_matches("Bà Từ", PHONE_B, "shared-file")
    assert not claims.release("Bà Từ", "shared-file")  # a name never claimed frees nothing
    assert not claims.owner_matches("Bà Từ", PHONE_B, "shared-file")
    assert claims.release("Bà Tư")  # its file goes with it
    assert claims.owner_matches("Bà Từ", PHONE_B, "shared-file")


def test_claims_of_version_1_still_hold_their_files(tmp_path: Path) -> None:
    path = state_folder(tmp_path) / "phones.json"
    path.parent.mkdir(parents=True)
    old = {"format": "simkit-workshop-phones", "version": 1, "names": {}}
    old["names"] = {"chu-bay": {"phone": hashlib.sha256(PHONE_A.encode()).hexdigest(), "since": "x"}}
    path.write_text(json.dumps(old))
    claims = PhoneClaims(tmp_path)
    assert not claims.owner_matches("Chú Bảy", PHONE_B, "chu-bay")
    assert claims.owner_matches("Chú Bảy", PHONE_A, "chu-bay")


def test_a_name_held_by_another_phone_opens_nothing(tmp_path: Path) -> None:
    ProgressStore(tmp_path).save_lesson("Chú Bảy", "getting_vneid", LessonRecord(page="quiz"))
    mine = PhoneProgressStore(tmp_path, PHONE_A, "taken: {name}")
    assert mine.load("Chú Bảy").progress.lessons["getting_vneid"].page == "quiz"
    theirs = PhoneProgressStore(tmp_path, PHONE_B, "taken: {name}")
    with pytest.raises(NameTaken, match="taken: Chú Bảy"):
        theirs.load("Chú Bảy")
    with pytest.raises(NameTaken):
        theirs.save_lesson("Chú Bảy", "getting_vneid", LessonRecord())
    assert mine.load("Chú Bảy").progress.lessons["getting_vneid"].page == "quiz"
    # names are exact after NFC: "chú bảy" is another learner, with a file of its own
    theirs.save_lesson("chú bảy", "getting_vneid", LessonRecord())
    assert theirs.path_for("chú bảy") != mine.path_for("Chú Bảy")
    assert mine.load("Chú Bảy").progress.lessons["getting_vneid"].page == "quiz"


def test_phone_remembers_name_and_the_list_shows_where_the_learner_stands(tmp_path: Path) -> None:
    strings = load_workshop_strings()
    numbers = sorted(load_lessons())
    first = load_lessons()[numbers[0]]
    ProgressStore(tmp_path).save_lesson("Cô Lan", first.id, LessonRecord(page="quiz"))
    PhoneProgressStore(tmp_path, PHONE_A, "taken: {name}").check("Cô Lan")
    app = phone(tmp_path, PHONE_A, name="Cô Lan")
    assert app.display_name == "Cô Lan"
    shown = texts(app)
    assert strings.get("start.hello", "vi", name="Cô Lan") in shown
    assert strings.get("start.continue", "vi", number=numbers[0]) in shown
    assert strings.get("start.open", "vi", number=numbers[1]) in shown
    assert strings.get("start.next_up", "vi", number=numbers[0]) in shown
    for lesson in load_lessons().values():  # every lesson, in both languages
        assert lesson.title.vi in shown and lesson.title.en in shown
    app.lang_toggle.value = "en"
    assert app.memory.lang == "en"
    assert strings.get("start.continue", "en", number=numbers[0]) in texts(app)


def test_typing_a_name_saves_it_on_the_phone_and_another_phone_cannot_take_it(tmp_path: Path) -> None:
    strings = load_workshop_strings()
    first = phone(tmp_path, PHONE_A)
    assert first.display_name is None
    first.name.value = "  Bà   Tư "  # what Enter (or leaving the box) sends
    assert first.display_name == "Bà Tư" and first.memory.name == "Bà Tư"
    second = phone(tmp_path, PHONE_B)
    second.name.value = "Bà Tư"
    assert second.display_name is None
    assert strings.get("start.name_taken", "vi", name="Bà Tư") in second.message.value
    second.name.value = ""
    assert strings.get("start.need_name", "vi") in second.message.value


def test_a_lesson_opens_in_place_bound_to_the_name_and_back_refreshes_the_list(tmp_path: Path) -> None:
    opened: list[tuple[int, str, str]] = []

    def fake_lesson(number: int, name: str, store: PhoneProgressStore, lang: str) -> widgets.Widget:
        opened.append((number, name, lang))
        store.save_lesson(name, load_lessons()[number].id, LessonRecord(completed=True))
        return widgets.HTML("lesson")

    app = phone(tmp_path, PHONE_A, name="Út", open_lesson=fake_lesson)
    number = sorted(load_lessons())[0]
    app.start_lesson(number)
    assert opened == [(number, "Út", "vi")] and app.lesson_number == number
    assert app.children[1] is app.back_button
    app.back_button.click()
    assert app.lesson_number is None
    assert load_workshop_strings().get("start.review", "vi", number=number) in texts(app)


def test_the_real_lesson_view_resumes_and_saves_into_the_cohort_folder(tmp_path: Path) -> None:
    number = sorted(load_lessons())[0]
    lesson = load_lessons()[number]
    store = PhoneProgressStore(tmp_path, PHONE_A, "taken: {name}")
    view = lesson_view(number, "Chú Bảy", store, "vi")
    assert view.session.display_name == "Chú Bảy"
    view.next()
    cohort = read_cohort(tmp_path)
    assert [learner.display_name for learner in cohort.learners] == ["Chú Bảy"]
    assert cohort.learners[0].lessons[lesson.id].page == view.session.page.id != "overview"
    assert not cohort.skipped  # the .workshop folder is not taken for a learner's file
    # another phone typing the same name into the lesson's own name box is refused, and nothing changes
    other = lesson_view(number, "Bà Sáu", PhoneProgressStore(tmp_path, PHONE_B, "taken: {name}"), "vi")
    other.name.value = "Chú Bảy"
    other.save_name()
    assert other.session.display_name == "Bà Sáu"
    assert "taken: Chú Bảy" in other.message.value


def test_lesson_lines_suggest_the_unfinished_lesson_first() -> None:
    lines = lesson_lines(None)
    assert [line.status for line in lines] == ["not_started"] * len(lines)
    assert suggested_next(lines) == lines[0]
