"""What the planner apps' own page says around the notebook: its loading words, language and hidden cells.

Why: ``make dashboard`` (and ``make replay``) serve a planner notebook as a Voilà app. Left alone, Voilà's
page says "Running scenario_dashboard..." and "Executing 2 of 3" in English while the notebook runs, and it
shows the notebook's introduction, which tells a JupyterLab user to "Run All Cells". A planner opening the
app should read the app's words instead, Vietnamese first: the loading words come from
``content/ui/plan.yaml`` (``common.loading``, ``common.loading_step``), the page is marked Vietnamese,
and cells tagged ``LAB_ONLY`` (instructions for JupyterLab) are left out of the app.

Voilà reads these settings from ``simkit/plan/offline/config/voila.py`` (the recipe points
``JUPYTER_CONFIG_PATH`` there); simkit's offline template shows the words.
"""

from __future__ import annotations

from typing import Any

from simkit.plan.strings import load_plan_strings

LAB_ONLY = "simkit-lab-only"
"""Cell tag: the cell is for JupyterLab (how to run the notebook) and is left out of the Voilà app."""

APP_LANGUAGE = "vi"
"""The page's ``lang``: the app opens in Vietnamese (the notebooks' ``LANG`` default)."""


def loading_words() -> dict[str, str]:
    """The loading page's words, Vietnamese then English on one line.

    ``step`` keeps ``{index}`` and ``{count}`` for the page to fill in as Voilà runs each cell.
    """
    strings = load_plan_strings()
    return {
        "loading": strings.one_line("common.loading"),
        "step": strings.one_line("common.loading_step", index="{index}", count="{count}"),
    }


def configure_voila(c: Any) -> None:
    """Set a Voilà (traitlets) config object ``c`` for the app: words, page language, cells left out."""
    c.VoilaConfiguration.resources = {"simkit": loading_words()}
    c.HTMLExporter.language_code = APP_LANGUAGE
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {LAB_ONLY}
