"""The practice-screen engine: every flow of every lesson driven from start to end, with right and wrong
actions; feedback, going back, mandatory fields and repeated fields."""

from __future__ import annotations

import pytest

from simkit.learn.flow import FlowRun, FlowState
from simkit.learn.schema import Flow, Lesson, Text
from simkit.learn.validators import Problem
from tests.learn.conftest import BAD_VALUES, do_right, right_values


def all_flows(lessons: dict[int, Lesson]) -> list[tuple[int, Flow]]:
    return [(number, flow) for number, lesson in lessons.items() for flow in lesson.flows]


def test_every_lesson_with_practice_has_a_flow_to_drive(lessons: dict[int, Lesson]) -> None:
    assert {n for n, _ in all_flows(lessons)} >= {1, 2, 3}


def test_every_flow_can_be_driven_to_the_end_doing_everything_right(lessons: dict[int, Lesson]) -> None:
    for number, flow in all_flows(lessons):
        run = FlowRun(flow)
        for expected_index in range(run.total):
            assert run.index == expected_index and not run.finished
            outcome = do_right(run)
            assert outcome.ok, f"lesson {number} {flow.id}.{flow.steps[expected_index].id}: {outcome}"
        assert run.finished and run.at_end and run.state.mistakes == 0, f"lesson {number} {flow.id}"
        assert outcome.say[-1] == flow.finish


def test_every_wrong_button_keeps_the_learner_on_the_step_with_its_feedback(
    lessons: dict[int, Lesson],
) -> None:
    for number, flow in all_flows(lessons):
        run = FlowRun(flow)
        slips = 0
        while not run.finished:
            step = run.step
            for button in (b for b in step.buttons if not b.correct):
                outcome = run.tap(button.id)
                slips += 1
                assert not outcome.ok and outcome.say == (button.feedback,), f"lesson {number} {step.id}"
                assert run.step is step and run.last is outcome
            do_right(run)
        assert run.state.mistakes == slips


def test_every_form_refuses_a_bad_value_in_each_checked_field(lessons: dict[int, Lesson]) -> None:
    for number, flow in all_flows(lessons):
        run = FlowRun(flow)
        while not run.finished:
            step = run.step
            for field in step.fields:
                if field.kind in BAD_VALUES and field.same_as is None:
                    bad = {f.id: BAD_VALUES[field.kind] for f in step.fields if field.id in (f.id, f.same_as)}
                    values = right_values(step) | bad
                    outcome = run.submit(values)
                    assert not outcome.ok and set(outcome.fields) == {field.id}, f"lesson {number} {step.id}"
                    assert outcome.say == (Problem("flow.form_has_problems", {"count": 1}),)
                    assert run.step is step
                if field.required:
                    outcome = run.submit(
                        right_values(step) | {field.id: "" if field.kind != "checkbox" else False}
                    )
                    expected = {"checkbox": "check.checkbox_required", "choice": "check.choose"}.get(
                        field.kind, "check.required"
                    )
                    assert [p.key for p in outcome.fields[field.id]] == [expected]  # type: ignore[union-attr]
            do_right(run)


def test_expected_values_are_compared_after_tidying(lessons: dict[int, Lesson]) -> None:
    flow = lessons[2].flow("activate_account")
    run = FlowRun(flow, FlowState(step=2, furthest=2))
    outcome = run.submit({"personal_id": "003 075 004 567", "phone": "+84 900 000 123"})
    assert outcome.ok and run.index == 3


def test_a_well_formed_but_wrong_value_gets_the_lessons_mismatch_message(lessons: dict[int, Lesson]) -> None:
    flow = lessons[2].flow("activate_account")
    run = FlowRun(flow, FlowState(step=3, furthest=3))
    outcome = run.submit({"otp": "111111"})
    assert outcome.fields == {"otp": (flow.steps[3].fields[0].mismatch,)}
    assert isinstance(outcome.fields["otp"][0], Text) and "482913" not in outcome.fields["otp"][0].en


def test_repeated_password_must_match_and_every_broken_rule_is_reported(lessons: dict[int, Lesson]) -> None:
    run = FlowRun(lessons[2].flow("activate_account"), FlowState(step=4, furthest=4))
    outcome = run.submit({"password": "Lan@2024vn", "password_again": "Lan@2024vN"})
    assert [p.key for p in outcome.fields["password_again"]] == ["check.same_as"]  # type: ignore[union-attr]
    outcome = run.submit({"password": "lan2024", "password_again": "lan2024"})
    assert [p.key for p in outcome.fields["password"]] == [  # type: ignore[union-attr]
        "check.password.length",
        "check.password.upper",
        "check.password.special",
    ]
    assert run.submit({"password": "Lan@2024vn", "password_again": "Lan@2024vn"}).ok


def test_optional_field_may_stay_empty_but_is_checked_when_filled(lessons: dict[int, Lesson]) -> None:
    flow = lessons[1].flow("register_level1")
    confirm = next(i for i, s in enumerate(flow.steps) if s.id == "confirm")
    run = FlowRun(flow, FlowState(step=confirm, furthest=confirm))
    assert [p.key for p in run.submit({"email": "mai@"}).fields["email"]] == ["check.email.format"]  # type: ignore[union-attr]
    assert run.submit({"email": ""}).ok


def test_choice_and_checkbox_fields(lessons: dict[int, Lesson]) -> None:
    flow = lessons[3].flow("integrate_health_insurance")
    form = next(i for i, s in enumerate(flow.steps) if s.id == "form")
    run = FlowRun(flow, FlowState(step=form, furthest=form))
    good = {
        "document_type": "health_insurance",
        "issuer": "vss",
        "card_number": "GD4250000012345",
        "confirm": True,
    }
    outcome = run.submit(good | {"document_type": "licence", "confirm": False, "issuer": "nope"})
    assert set(outcome.fields) == {"document_type", "confirm", "issuer"}
    assert [p.key for p in outcome.fields["issuer"]] == ["check.choose"]  # type: ignore[union-attr]
    assert run.submit(good).ok


def test_back_forward_and_restart(lessons: dict[int, Lesson]) -> None:
    run = FlowRun(lessons[1].flow("register_level1"))
    assert not run.back() and not run.forward()
    do_right(run)
    do_right(run)
    assert run.index == 2 and run.back() and run.index == 1 and run.last is None
    assert run.forward() and run.index == 2 and not run.forward()
    run.restart()
    assert run.index == 0 and run.state.furthest == 2


def test_finished_flows_stay_finished_when_revisited(lessons: dict[int, Lesson]) -> None:
    run = FlowRun(lessons[1].flow("install_from_store"))
    while not run.finished:
        do_right(run)
    run.back()
    assert run.finished and not run.at_end


def test_restore_brings_saved_numbers_back_into_range(lessons: dict[int, Lesson]) -> None:
    flow = lessons[1].flow("install_from_store")
    run = FlowRun(flow, FlowState(step=40, furthest=99, finished=False, mistakes=-3))
    assert (run.index, run.state.furthest, run.state.mistakes) == (
        len(flow.steps) - 1,
        len(flow.steps) - 1,
        0,
    )
    run.restore(FlowState(step=5, furthest=2))
    assert run.index == 2


def test_wrong_kind_of_action_is_a_programming_error(lessons: dict[int, Lesson]) -> None:
    run = FlowRun(lessons[1].flow("install_from_store"))
    with pytest.raises(ValueError, match="is a tap; use tap"):
        run.submit({})
    with pytest.raises(ValueError, match="has no button 'nope'"):
        run.tap("nope")
