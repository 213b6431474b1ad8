"""Trainer notebooks: the four of issue 5, thin (one screen each), bilingual instructions, committed without
outputs. (That they run top to bottom is checked by nbval: ``pytest --nbval-lax notebooks/teach``.)"""

from __future__ import annotations

import json
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks" / "teach"
EXPECTED = {
    "workshop_planner.ipynb": "show_workshop_planner",
    "presenter.ipynb": "show_presenter",
    "cohort_results.ipynb": "show_cohort_results",
    "campaign_report.ipynb": "show_campaign_report",
}


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_each_notebook_is_thin_bilingual_and_without_outputs() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(EXPECTED)
    for name, function in EXPECTED.items():
        content = cells(NOTEBOOKS / name)
        assert len(content) <= 4, name
        code = ["".join(c["source"]) for c in content if c["cell_type"] == "code"]
        assert len(code) == 1 and code[0].startswith(f"from simkit.teach.views import {function}\n"), name
        for cell in content:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, name
        text = "".join("".join(c["source"]) for c in content if c["cell_type"] == "markdown")
        assert "**Tiếng Việt.**" in text and "**English.**" in text, name
