"""simkit's offline Voilà template repeats one block of the installed Voilà's lab template, less CDN links.

Why a test: the copy is only right for the Voilà version pinned in pyproject.toml; if Voilà is upgraded and
its block changes, this fails and says so, instead of the dashboard quietly losing styles.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

from jupyter_core.paths import jupyter_path

import simkit.plan

OURS = Path(simkit.plan.__file__).parent / "offline/voila/templates/simkit_offline/index.html.j2"
BLOCK = re.compile(r"\{%- block notebook_css -%\}(.*?)\{%- endblock notebook_css -%\}", re.S)


def lab_template() -> Path:
    for folder in jupyter_path("voila", "templates", "lab"):
        candidate = Path(folder) / "index.html.j2"
        if candidate.exists():
            return candidate
    raise AssertionError("Voilà's lab template is not installed")


def pinned_voila() -> str:
    text = (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'"voila==([0-9.]+)"', text).group(1)


def test_the_pinned_voila_is_installed() -> None:
    assert version("voila") == pinned_voila()


def test_offline_block_is_voilas_without_the_cdn_links() -> None:
    theirs = BLOCK.search(lab_template().read_text(encoding="utf-8")).group(1)
    ours = BLOCK.search(OURS.read_text(encoding="utf-8")).group(1)
    expected = re.sub(r'\s*<link rel="stylesheet" href="https://cdn[^>]*>', "", theirs)
    expected = expected.replace("{{ super() }}", "{{ super.super() }}")
    assert " ".join(ours.split()) == " ".join(expected.split())
    assert "https://" not in ours
