"""What every planner screen model starts from: its words, its language and the replications per run.

Why one base class: the dashboard, quick check, adoption sweep, comparison and campaign screens take the
same arguments and must refuse the same bad ones — a language other than ``vi``/``en``, fewer than one
replication — with one clear line when the screen is created, before anything is simulated.
"""

from __future__ import annotations

from simkit.bilingual import check_lang
from simkit.plan.strings import PlanStrings, load_plan_strings
from simkit.sim.experiment import check_replications


class ScreenModel:
    """Strings, language and replications of one planner screen (the view model without widgets)."""

    def __init__(self, *, lang: str, replications: int, strings: PlanStrings | None) -> None:
        self.strings = strings or load_plan_strings()
        self.lang = check_lang(lang)
        self.replications = check_replications(replications)
