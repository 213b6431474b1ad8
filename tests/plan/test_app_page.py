"""The dashboard app's page settings (simkit.plan.app_page): content words, a Vietnamese page, lab-only cells.

The served page itself is checked by tests/plan/test_notebooks_and_app.py and tests/browser/test_voila.py.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from traitlets.config import Config

from simkit.plan.app_page import LAB_ONLY, loading_words
from simkit.plan.strings import load_plan_strings

CONFIG_FILE = Path(__file__).resolve().parents[2] / "simkit" / "plan" / "offline" / "config" / "voila.py"


def test_loading_words_are_the_content_strings_vietnamese_first() -> None:
    strings = load_plan_strings()
    words = loading_words()
    assert words["loading"] == strings.one_line("common.loading")
    assert words["loading"].startswith(strings.get("common.loading", "vi"))
    step = words["step"].replace("{index}", "2").replace("{count}", "3")
    assert step == strings.one_line("common.loading_step", index=2, count=3)


def test_voila_config_file_sets_words_language_and_hidden_cells() -> None:
    # Run the file as Voilà (traitlets) runs a Python config file: with `c` in its namespace.
    config = Config()
    runpy.run_path(str(CONFIG_FILE), init_globals={"c": config})
    assert config.VoilaConfiguration.resources == {"simkit": loading_words()}
    assert config.HTMLExporter.language_code == "vi"
    assert config.TagRemovePreprocessor.enabled is True
    assert config.TagRemovePreprocessor.remove_cell_tags == {LAB_ONLY}
