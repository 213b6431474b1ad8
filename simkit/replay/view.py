"""The replay screen for a notebook or the Voilà app: choose a centre and two plans, watch, save the file.

A thin view: the replay is built by ``simkit.replay.build`` and drawn by the same standalone page that
``simkit replay`` writes, shown here in a frame — so the notebook, the Voilà app and the file on a USB
stick are one and the same animation, offline in all three.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

import ipywidgets as widgets

from simkit.bilingual import check_lang
from simkit.errors import ConfigError
from simkit.replay.build import Replay, replay_adoptions
from simkit.replay.page import replay_html
from simkit.replay.strings import ReplayStrings, load_replay_strings
from simkit.sim.loading import load_scenario, preset_names

log = logging.getLogger(__name__)

SAVE_DIR_ENV = "SIMKIT_REPLAY_DIR"
"""Where saved pages go (default ``~/simkit-replay``)."""
CSS = """<style>
.simkit-replay { max-width: 100%; font-size: 16px; --jp-widgets-font-size: 16px;
  --jp-widgets-inline-height: 36px; --jp-widgets-inline-label-width: auto; }
.simkit-replay .widget-html-content, .simkit-replay .widget-label, .simkit-replay button,
.simkit-replay select, .simkit-replay input { font-size: 16px; }
.simkit-replay h2 { color: #1a4d8f; margin: .2em 0; font-size: 1.35em; }
.simkit-replay .widget-html-content { white-space: normal; line-height: 1.4; }
.simkit-replay .widget-hbox { flex-wrap: wrap; }
.simkit-replay .widget-inline-hbox { height: auto; }
.simkit-replay .widget-inline-hbox > .widget-label { white-space: normal; overflow-wrap: anywhere;
  height: auto; line-height: 1.3; }
.simkit-replay-bad { color: #8a1c14; background: #fdf0e6; border-left: 5px solid #b3261e; padding: 6px 10px; }
.simkit-replay-ok { color: #1e6b24; background: #eaf6ea; padding: 4px 10px; }
.simkit-replay .widget-dropdown { flex-wrap: wrap; }
.simkit-replay .widget-dropdown > select { flex: 1 1 auto; height: var(--jp-widgets-inline-height); }
.simkit-replay iframe { width: 100%; border: 0; display: block; }
</style>"""


def replay_presets() -> list[str]:
    """Presets a trainer would show: every centre except the validation test benches."""
    return [name for name in preset_names() if load_scenario(name).level != "validation"]


def iframe(page: str, title: str, height: int = 1100) -> str:
    """The standalone page inside a frame (its own document, so its scripts and styles stay its own)."""
    return (
        f'<iframe title="{html.escape(title)}" style="height:{height}px" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe>'
    )


class ReplayView(widgets.VBox):
    """Scenario, plan A and plan B adoption (%), a button to make the animation, one to save it."""

    def __init__(
        self,
        scenario: str = "commune_pasc",
        adoption: int = 40,
        compare_adoption: int | None = 70,
        *,
        lang: str = "vi",
        seed: int | None = None,
        save_dir: Path | None = None,
        strings: ReplayStrings | None = None,
    ) -> None:
        super().__init__()
        self.strings = strings or load_replay_strings()
        self.lang = check_lang(lang)
        self.seed = seed
        self.save_dir = Path(save_dir or os.environ.get(SAVE_DIR_ENV) or Path.home() / "simkit-replay")
        self.replay: Replay | None = None
        self.add_class("simkit-replay")
        self.title = widgets.HTML()
        self.intro = widgets.HTML()
        languages = [("Tiếng Việt", "vi"), ("English", "en")]
        self.lang_toggle = widgets.ToggleButtons(options=languages, value=self.lang)
        self.lang_toggle.style.button_width = "auto"
        self.scenario = widgets.Dropdown(
            options=self._preset_options(),
            value=scenario,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="95%"),
        )
        wide = {"description_width": "initial"}
        self.adoption_a = widgets.BoundedIntText(value=adoption, min=0, max=100, style=wide)
        self.adoption_b = widgets.BoundedIntText(
            value=70 if compare_adoption is None else compare_adoption, min=0, max=100, style=wide
        )
        self.compare = compare_adoption is not None
        self.build_button = widgets.Button(button_style="primary", layout=widgets.Layout(width="auto"))
        self.save_button = widgets.Button(layout=widgets.Layout(width="auto"))
        self.message = widgets.HTML()
        self.frame = widgets.HTML()
        self.build_button.on_click(lambda _b: self.build())
        self.save_button.on_click(lambda _b: self.save())
        self.lang_toggle.observe(lambda change: self.set_lang(change["new"]), names="value")
        top = widgets.HBox([self.title, self.lang_toggle])
        top.layout.justify_content = "space-between"
        inputs = [self.adoption_a] + ([self.adoption_b] if self.compare else [])
        self.children = [
            widgets.HTML(CSS),
            top,
            self.intro,
            self.scenario,
            widgets.HBox(inputs),
            widgets.HBox([self.build_button, self.save_button]),
            self.message,
            self.frame,
        ]
        self.relabel()
        self.build()

    def t(self, key: str, **params: object) -> str:
        return self.strings.get(key, self.lang, **params)

    def _preset_options(self) -> list[tuple[str, str]]:
        return [(getattr(load_scenario(name).name, self.lang), name) for name in replay_presets()]

    def relabel(self) -> None:
        self.title.value = f"<h2>{html.escape(self.t('view.title'))}</h2>"
        self.intro.value = html.escape(self.t("view.intro"))
        self.lang_toggle.description = self.t("page.language")
        value = self.scenario.value
        self.scenario.options = self._preset_options()
        self.scenario.value = value
        self.scenario.description = self.t("view.scenario")
        self.adoption_a.description = self.t("view.adoption_a")
        self.adoption_b.description = self.t("view.adoption_b")
        self.build_button.description = self.t("view.build")
        self.save_button.description = self.t("view.save")

    def set_lang(self, lang: str) -> None:
        self.lang = check_lang(lang)
        self.relabel()
        self.message.value = ""
        self.show()

    def build(self) -> None:
        """Simulate the plans (same citizens) and show the animation; a mistake is one friendly line."""
        self.message.value = f"<div>{html.escape(self.t('view.building'))}</div>"
        rates = [self.adoption_a.value / 100] + ([self.adoption_b.value / 100] if self.compare else [])
        try:
            self.replay = replay_adoptions(self.scenario.value, rates, seed=self.seed)
        except ConfigError as exc:
            self._problem(exc)
            return
        self.message.value = ""
        self.show()

    def show(self) -> None:
        if self.replay is not None:
            title = self.t("page.title", centre=self.replay.centre.text(self.lang))
            self.frame.value = iframe(replay_html(self.replay, self.lang, self.strings), title)

    def save(self) -> Path | None:
        """Write the standalone page into the save folder; says where, and how big it is."""
        from simkit.replay.page import write_replay_html

        if self.replay is None:
            return None
        rates = "-".join(f"{round(p.scenario.channel.adoption * 100)}" for p in self.replay.plans)
        path = self.save_dir / f"replay-{self.replay.plans[0].scenario.id}-{rates}.html"
        try:
            self.save_dir.mkdir(parents=True, exist_ok=True)
            size = write_replay_html(self.replay, path, self.lang)
        except OSError as exc:
            self._problem(exc)
            return None
        saved = self.t("view.saved", path=str(path), size=f"{size / 1e6:.1f} MB")
        self.message.value = f"<div class='simkit-replay-ok'>{html.escape(saved)}</div>"
        return path

    def _problem(self, exc: Exception) -> None:
        log.info("replay view: %s", exc)
        text = self.t("view.problem", message=str(exc))
        self.message.value = f"<div class='simkit-replay-bad' role='alert'>{html.escape(text)}</div>"
