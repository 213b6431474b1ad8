"""Every planner screen refuses the same bad arguments, with one line, before anything is simulated."""

from __future__ import annotations

import pytest

from simkit.errors import ConfigError
from simkit.plan import campaign, compare, dashboard, experiments, quick_check
from simkit.plan.campaign import CampaignModel
from simkit.plan.compare import CompareModel
from simkit.plan.dashboard import DashboardModel
from simkit.plan.experiments import SweepModel
from simkit.plan.quick_check import QuickCheckModel

SCREENS = [CampaignModel, CompareModel, DashboardModel, SweepModel, QuickCheckModel]


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.__name__)
@pytest.mark.parametrize(("replications", "shown"), [(0, "0"), (-3, "-3"), (2.5, "2.5"), (True, "True")])
def test_replications_must_be_a_whole_number_of_at_least_one(
    screen, replications, shown, monkeypatch
) -> None:
    for module in (campaign, compare, experiments, quick_check):
        monkeypatch.setattr(module, "load_preset", _must_not_load)
    monkeypatch.setattr(dashboard, "preset", _must_not_load)
    with pytest.raises(ConfigError) as caught:
        screen(replications=replications)
    assert str(caught.value) == f"replications: must be a whole number ≥ 1 (got {shown})"


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.__name__)
def test_an_unknown_language_is_refused(screen) -> None:
    with pytest.raises(ConfigError, match="lang: must be 'vi' or 'en'"):
        screen(lang="fr")


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.__name__)
def test_good_arguments_are_kept(screen) -> None:
    model = screen(lang="en", replications=3)
    assert (model.lang, model.replications) == ("en", 3)


def _must_not_load(*_args, **_kwargs):
    raise AssertionError("a preset was loaded before the arguments were checked")
