"""The one widget layer: the guard every screen's callbacks go through, and the screen base."""

from __future__ import annotations

import logging

import pytest

from simkit.errors import ConfigError
from simkit.plan.inputs import PlanInputError, Problem
from simkit.plan.views import DashboardView
from simkit.teach.views import show_presenter
from simkit.widgets.guard import guarded, one_line


def failing(error: Exception):
    def callback() -> None:
        raise error

    return callback


def test_a_persons_mistake_is_shown_as_its_line_and_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    shown: list[Exception] = []
    mistakes = (ConfigError("must be ≥ 1", field="counters"), PlanInputError([Problem("problem.not_number")]))
    for error in mistakes:
        with caplog.at_level(logging.DEBUG, logger="simkit.widgets"):
            assert guarded(failing(error), shown.append)() is None
        assert shown[-1] is error and not caplog.records
    assert one_line(ConfigError("must be ≥ 1", field="counters")) == "counters: must be ≥ 1"


def test_an_unexpected_error_is_logged_with_its_traceback_and_shown_in_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    shown: list[Exception] = []
    with caplog.at_level(logging.ERROR, logger="simkit.widgets"):
        guarded(failing(RuntimeError("disk on fire")), shown.append)()
    (record,) = caplog.records
    assert record.exc_info and record.exc_info[0] is RuntimeError
    assert one_line(shown[0]) == "RuntimeError: disk on fire"


def test_trainer_and_planner_screens_switch_language_and_large_text_the_same_way() -> None:
    for view in (show_presenter(1), DashboardView(replications=2)):
        view.large.value = True
        assert "simkit-large" in view._dom_classes
        view.large.value = False
        assert "simkit-large" not in view._dom_classes
        before = view.title.value
        view.lang_toggle.value = "en"
        assert view.lang == "en" and view.title.value != before
        assert view.lang_toggle.description and view.large.description and view.large.tooltip
