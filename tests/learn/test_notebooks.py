"""Lesson notebooks: one per lesson file, thin (load content, show the lesson), committed without outputs.
(That they run top to bottom is checked by nbval: ``pytest --nbval-lax notebooks/learn``.)"""

from __future__ import annotations

import json
from pathlib import Path

from simkit.learn.content import lesson_files

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks" / "learn"


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_every_lesson_has_a_notebook_that_shows_it() -> None:
    for number, path in lesson_files().items():
        notebook = NOTEBOOKS / f"{path.stem}.ipynb"
        assert notebook.exists(), f"no notebook for {path.name}"
        code = ["".join(c["source"]) for c in cells(notebook) if c["cell_type"] == "code"]
        assert code == [f'from simkit.learn.views import show_lesson\n\nshow_lesson({number}, lang="vi")']


def test_notebooks_are_thin_and_committed_without_outputs() -> None:
    found = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert NOTEBOOKS / "my_progress.ipynb" in found
    for notebook in found:
        content = cells(notebook)
        assert len(content) <= 4, notebook.name
        for cell in content:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, notebook.name
        text = "".join("".join(c["source"]) for c in content if c["cell_type"] == "markdown")
        assert "Tiếng Việt" in text and "English" in text, notebook.name
