"""What a phone's kernel loads: the start page and every page of every lesson, without numpy, scipy, pandas
or matplotlib.

Why it matters: thirty phones mean thirty kernels on one laptop, and each of those libraries costs every
kernel memory and start-up time (numpy alone adds about 15 MB and 0.1 s a kernel); the lessons need none
of them. Checked in a fresh interpreter (as tests/test_layering.py does), since this test process has them
loaded already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("numpy", "scipy", "pandas", "matplotlib")

WALK = """
import json, sys
from pathlib import Path
from simkit.learn.content import load_lessons
from simkit.learn.views import show_lesson
from simkit.workshop.memory import PhoneMemory
from simkit.workshop.start import WorkshopApp

folder = Path(sys.argv[1])
seen = {}
def heavy():
    return sorted(m for m in sys.modules if m.split(".")[0] in HEAVY_NAMES)

app = WorkshopApp(progress_folder=folder, memory=PhoneMemory())
app.memory.phone_key, app.memory.ready = "a" * 32, True
app.name.value = "Bà Tư"
seen["start page"] = heavy()
for number in sorted(load_lessons()):
    app.start_lesson(number)
    view = app.children[-1]
    for _ in view.session.pages:
        view.next()
    seen[f"lesson {number}, every page"] = heavy()
    app.back_button.click()
    jupyter = show_lesson(number, progress_folder=folder)
    jupyter.name.value = "Cô Lan"
    jupyter.save_name()
    for _ in jupyter.session.pages:
        jupyter.next()
    seen[f"lesson {number} in JupyterLab"] = heavy()
seen["pages"] = [app.lesson_number is None, view.session.page.kind, jupyter.session.page.kind]
print(json.dumps(seen))
""".replace("HEAVY_NAMES", repr(HEAVY))


def test_the_start_page_and_every_lesson_page_load_no_numpy_scipy_pandas_or_matplotlib(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", WALK, str(tmp_path)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen.pop("pages") == [True, "summary", "summary"]  # the walk reached the end of the lessons
    assert len(seen) > 2
    assert seen == {where: [] for where in seen}
