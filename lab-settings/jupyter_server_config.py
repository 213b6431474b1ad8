"""JupyterLab as `make lab` starts it for learners: the lesson fills the screen and opens clean.

Read by Jupyter because `make lab` puts this folder first on JUPYTER_CONFIG_PATH (a Jupyter config file,
executed with its own ``c``; not a simkit module). Three things, each undone by the learner's own choices:

1. Default settings (``labconfig/default_setting_overrides.json``): simple mode (one document at a time, no
   tab bar), no padding around it, no status bar, no news or update pop-up (nothing fetched).
   A person's own settings (Settings → Settings Editor) still win: these only change the defaults.
2. The layout (``workspaces/default.jupyterlab-workspace``): the side panel collapsed (the file browser is one
   click on the folder icon away). JupyterLab keeps no setting for that, only a workspace; the kit's is copied
   into Jupyter's data folder (``jupyter --data-dir``/simkit-lab-workspaces) at every start, so each
   `make lab` opens the same way whatever the last session left open; nothing is written into the repository.
3. Clean on open: without this, every notebook showed the "● unsaved" dot as soon as its kernel connected,
   because JupyterLab writes the kernel's ``language_info`` (Python version, lexer…) into the notebook's
   metadata, and the committed notebooks keep only ``{"name": "python"}`` (a version there would be wrong on
   the next machine). The contents manager below fills in, when a notebook is read, the ``language_info`` the
   kit's own kernel (ipykernel, this Python) reports, so the kernel's answer changes nothing. The file on disk
   is not touched.
"""

import shutil
import sys
from pathlib import Path

from jupyter_core.paths import jupyter_data_dir
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

HERE = Path(__file__).resolve().parent

LANGUAGE_INFO = {
    "name": "python",
    "version": sys.version.split()[0],
    "mimetype": "text/x-python",
    "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
    "pygments_lexer": "ipython3",
    "nbconvert_exporter": "python",
    "file_extension": ".py",
}
"""What ipykernel's ``IPythonKernel.language_info`` reports for this Python (the kernel runs the same one)."""


class KitContentsManager(AsyncLargeFileManager):
    """Jupyter's usual file manager; a Python notebook it reads gets the kernel's ``language_info``."""

    async def get(self, path, content=True, type=None, format=None, **kwargs):  # noqa: A002 - Jupyter's names
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        notebook = model.get("content") if model.get("type") == "notebook" else None
        if notebook is not None:
            metadata = notebook.setdefault("metadata", {})
            kernel = metadata.get("kernelspec", {}).get("name", "python3")
            language = metadata.get("language_info", {}).get("name", "python")
            if kernel == "python3" and language == "python":
                metadata["language_info"] = dict(LANGUAGE_INFO)
        return model


WORKSPACES = Path(jupyter_data_dir()) / "simkit-lab-workspaces"
WORKSPACES.mkdir(parents=True, exist_ok=True)
# "default-37a8": the file name JupyterLab gives the workspace "default" (its name and a short hash of it).
shutil.copyfile(
    HERE / "workspaces" / "default.jupyterlab-workspace", WORKSPACES / "default-37a8.jupyterlab-workspace"
)

c = get_config()  # noqa: F821 - provided by Jupyter when it executes this file
c.ServerApp.contents_manager_class = KitContentsManager
c.LabApp.workspaces_dir = str(WORKSPACES)
