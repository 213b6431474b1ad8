"""What a workshop server will be before it starts: address, port, code, folders, and the Voilà command.

Why a plan object: every choice that matters for safety (which address is bound, whether a code is needed,
what Voilà is allowed to expose) is made here, in one place, and unit-tested without starting anything.

What Voilà serves, and nothing else: the one start notebook (``notebooks/workshop/start.ipynb``) with its
code hidden, run in a fresh kernel per phone; the widget and page files it needs (from this laptop, with
simkit's offline page template, so nothing comes from the internet). Voilà's single-notebook mode has no
file browser, no notebook list, no terminal and no JupyterLab, and its kernels accept only widget messages
from the browser (never code to run). Images beside the notebook are the only files served (Voilà's
default allow-list); progress files live outside it.
"""

from __future__ import annotations

import ipaddress
import sys
from dataclasses import dataclass
from pathlib import Path

from simkit.errors import ConfigError
from simkit.learn.progress import PROGRESS_ENV, default_folder
from simkit.workshop.access import bind_address, check_code_option, check_port, needs_code, new_code
from simkit.workshop.claims import state_folder
from simkit.workshop.gate import CODE_ENV

PACKAGE = Path(__file__).resolve().parents[1]
REPO = PACKAGE.parent
START_NOTEBOOK = REPO / "notebooks" / "workshop" / "start.ipynb"
OFFLINE_TEMPLATES = PACKAGE / "plan" / "offline"
DEFAULT_PORT = 8868
DEFAULT_POOL = 2
"""Kernels kept started and rendered ahead of the next phone (each ~70 MB before a lesson is opened)."""
CULL_IDLE_SECONDS = 20 * 60
"""A kernel whose phone has disconnected (page closed, phone gone home) and idle this long is stopped."""
CULL_INTERVAL_SECONDS = 60
MAX_POOL = 10
NO_PYDANTIC_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"
"""Set to ``__all__`` for the kernels: pydantic otherwise looks through every installed package's entry points
for plugins when the lesson models are first built, in each of thirty kernels; simkit uses none."""


@dataclass(frozen=True)
class WorkshopPlan:
    host: str
    port: int
    code: str | None
    progress: Path
    notebook: Path = START_NOTEBOOK
    pool: int = DEFAULT_POOL

    @property
    def state(self) -> Path:
        """``<progress>/.workshop``: the server log, its PID file, the poster and the phone claims."""
        return state_folder(self.progress)

    @property
    def on_lan(self) -> bool:
        """Whether phones (anything but this laptop) can connect."""
        return not ipaddress.ip_address(self.host).is_loopback

    def voila_command(self) -> list[str]:
        """The Voilà command line (the code travels in the environment, never on the command line)."""
        command = [
            sys.executable,
            "-m",
            "voila",
            str(self.notebook),
            "--template=simkit_offline",
            "--strip_sources=True",
            "--theme=light",
            "--VoilaExporter.language_code=vi",  # <html lang="vi"> until the phone says its language
            "--no-browser",
            f"--Voila.ip={self.host}",
            f"--port={self.port}",
            "--Voila.port_retries=0",
            "--VoilaConfiguration.show_tracebacks=False",
            f"--preheat_kernel={self.pool > 0}",
            f"--pool_size={self.pool}",
            f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
            f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
            "--MappingKernelManager.cull_connected=False",
        ]
        if self.code is not None:
            command.append("--Voila.identity_provider_class=simkit.workshop.gate.WorkshopIdentityProvider")
        return command

    def environment(self, base: dict[str, str]) -> dict[str, str]:
        env = {k: v for k, v in base.items() if k != CODE_ENV}
        env.update(JUPYTER_PATH=str(OFFLINE_TEMPLATES), PYTHONUNBUFFERED="1")
        env[NO_PYDANTIC_PLUGINS] = "__all__"
        env[PROGRESS_ENV] = str(self.progress)
        env.pop("MPLBACKEND", None)
        if self.code is not None:
            env[CODE_ENV] = self.code
        return env


def make_plan(
    *,
    lan: bool | str = False,
    port: int = DEFAULT_PORT,
    code: str | None = None,
    progress: Path | None = None,
    pool: int = DEFAULT_POOL,
    notebook: Path = START_NOTEBOOK,
) -> WorkshopPlan:
    """Check the trainer's options (one line naming the option on a mistake) and decide everything."""
    host = bind_address(lan)
    check_port(port)
    if not 0 <= pool <= MAX_POOL:
        raise ConfigError(f"must be a whole number from 0 to {MAX_POOL} (got {pool})", field="--pool")
    checked = check_code_option(code) if code is not None else None
    if needs_code(host, checked is not None) and checked is None:
        checked = new_code()
    folder = Path(progress).expanduser() if progress is not None else default_folder()
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"'{folder}' is a file, not a folder", field="--progress-dir")
    if not notebook.is_file():
        raise ConfigError(
            f"'{notebook}' not found (is simkit installed from its repository?)", field="notebook"
        )
    return WorkshopPlan(host=host, port=port, code=checked, progress=folder, notebook=notebook, pool=pool)
