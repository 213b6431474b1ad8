"""The standard figures: labelled in the chosen language, with every Vietnamese glyph, drawn with Agg."""

from __future__ import annotations

import warnings
from io import BytesIO

import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

from simkit.sim.experiment import Results
from simkit.sim.figures import standard_figures
from simkit.sim.labels import Labels, load_labels
from tests.sim.conftest import build, run_many

STEMS = ["wait_by_hour", "wait_distribution", "utilisation"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def results() -> Results:
    """The test centre: counters and back office staffed, no assisted desk."""
    return run_many(build({"channel.adoption": 0.3}), replications=3, days=1, seed=5)


@pytest.fixture(scope="module")
def figures_by_lang(results: Results) -> dict[str, dict[str, Figure]]:
    return {lang: standard_figures(results, load_labels(lang)) for lang in ("vi", "en")}


def _texts(figure: Figure) -> list[Text]:
    """Every visible text object of a figure that holds characters: titles, axis and tick labels, legends."""
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text()]


def test_standard_figures_returns_the_three_figures(figures_by_lang: dict[str, dict[str, Figure]]) -> None:
    for figures in figures_by_lang.values():
        assert list(figures) == STEMS
        for figure in figures.values():
            assert isinstance(figure, Figure)
            assert len(figure.axes) == 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_titles_and_axis_labels_come_from_the_labels(
    figures_by_lang: dict[str, dict[str, Figure]], lang: str
) -> None:
    labels = load_labels(lang)
    figures = figures_by_lang[lang]
    hour = figures["wait_by_hour"].axes[0]
    assert hour.get_title() == labels.figure("wait_by_hour_title")
    assert hour.get_xlabel() == labels.figure("wait_by_hour_x")
    assert hour.get_ylabel() == labels.figure("wait_by_hour_y")
    assert hour.get_legend().get_title().get_text() == labels.figure("ci_label")
    distribution = figures["wait_distribution"].axes[0]
    assert distribution.get_title() == labels.figure("wait_distribution_title")
    assert distribution.get_xlabel() == labels.figure("wait_distribution_x")
    assert distribution.get_ylabel() == labels.figure("wait_distribution_y")
    use = figures["utilisation"].axes[0]
    assert use.get_title() == labels.figure("utilisation_title")
    assert use.get_ylabel() == labels.figure("utilisation_y")


def test_the_languages_differ(figures_by_lang: dict[str, dict[str, Figure]]) -> None:
    for stem in STEMS:
        vi = figures_by_lang["vi"][stem].axes[0].get_title()
        en = figures_by_lang["en"][stem].axes[0].get_title()
        assert vi != en, stem


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_wait_by_hour_has_one_line_per_statistic_over_the_hours(
    results: Results, figures_by_lang: dict[str, dict[str, Figure]], lang: str
) -> None:
    labels = load_labels(lang)
    axes = figures_by_lang[lang]["wait_by_hour"].axes[0]
    lines = {line.get_label(): line for line in axes.get_lines()}
    target = f"{labels.figure('target_label')} ({results.settings.target_wait:g} {labels.unit('minutes')})"
    assert set(lines) == {labels.figure("mean_label"), labels.figure("p90_label"), target}

    hourly = results.hourly()
    hours = sorted(hourly["hour"].unique())
    for key, name in (("walkin_wait_mean", "mean_label"), ("walkin_wait_p90", "p90_label")):
        line = lines[labels.figure(name)]
        rows = hourly[hourly["key"] == key]
        np.testing.assert_array_equal(np.asarray(line.get_xdata()), hours)
        np.testing.assert_allclose(np.asarray(line.get_ydata(), dtype=float), rows["mean"].to_numpy())
    assert set(np.asarray(lines[target].get_ydata(), dtype=float)) == {results.settings.target_wait}
    assert [t.get_text() for t in axes.get_xticklabels()] == [f"{h:02d}h" for h in hours]
    assert axes.get_ylim()[0] == 0


def test_wait_distribution_marks_the_target(
    results: Results, figures_by_lang: dict[str, dict[str, Figure]]
) -> None:
    axes = figures_by_lang["vi"]["wait_distribution"].axes[0]
    assert len(axes.patches) == 40  # the histogram's bins
    heights = sum(p.get_height() for p in axes.patches)
    assert heights == pytest.approx(100.0)  # bar heights are percentages of served walk-ins
    (target,) = axes.get_lines()
    assert set(np.asarray(target.get_xdata(), dtype=float)) == {results.settings.target_wait}


def _bar_names(figure: Figure) -> list[str]:
    # Long resource names are wrapped onto two lines so they never overlap; compare them as one line.
    return [t.get_text().replace("\n", " ") for t in figure.axes[0].get_xticklabels()]


def test_utilisation_omits_the_unstaffed_assisted_desk(figures_by_lang: dict[str, dict[str, Figure]]) -> None:
    for lang, figures in figures_by_lang.items():
        labels = load_labels(lang)
        figure = figures["utilisation"]
        assert _bar_names(figure) == [
            labels.figure("resource_counters"),
            labels.figure("resource_backoffice"),
        ]
        assert len(figure.axes[0].patches) == 2
        assert labels.figure("resource_assisted") not in _bar_names(figure)


def test_utilisation_without_back_office_has_one_bar() -> None:
    labels = load_labels("en")
    scenario = build({"staffing.backoffice": 0})
    figure = standard_figures(run_many(scenario, replications=2, days=1), labels)["utilisation"]
    assert _bar_names(figure) == [labels.figure("resource_counters")]
    assert len(figure.axes[0].patches) == 1


def test_utilisation_with_every_resource_staffed_has_three_bars() -> None:
    labels = load_labels("vi")
    scenario = build(
        {"staffing.assisted_desk.staff": 1, "channel.adoption": 0.5, "channel.online_failure_rate": 0.3}
    )
    results = run_many(scenario, replications=2, days=1)
    figure = standard_figures(results, labels)["utilisation"]
    assert _bar_names(figure) == [
        labels.figure("resource_counters"),
        labels.figure("resource_backoffice"),
        labels.figure("resource_assisted"),
    ]
    summary = results.summary().set_index("key")
    heights = [p.get_height() for p in figure.axes[0].patches]
    expected = [
        summary.loc[k, "mean"] * 100
        for k in ("counter_utilisation", "backoffice_utilisation", "assisted_utilisation")
    ]
    np.testing.assert_allclose(heights, expected)
    assert figure.axes[0].get_ylim() == (0, 100)


def test_dejavu_sans_has_every_vietnamese_glyph_of_the_title() -> None:
    labels = load_labels("vi")
    path = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"), fallback_to_default=False)
    charmap = FT2Font(path).get_charmap()
    title = labels.figure("wait_by_hour_title")
    assert any(ord(c) > 127 for c in title)
    missing = [c for c in title if ord(c) not in charmap]
    assert missing == []


def test_every_text_in_the_vietnamese_figures_is_renderable(
    figures_by_lang: dict[str, dict[str, Figure]],
) -> None:
    charmaps: dict[str, dict[int, int]] = {}
    for stem, figure in figures_by_lang["vi"].items():
        for text in _texts(figure):
            assert text.get_fontfamily() == ["DejaVu Sans"], (stem, text.get_text())
            path = font_manager.findfont(text.get_fontproperties())
            charmap = charmaps.setdefault(path, FT2Font(path).get_charmap())
            missing = sorted({c for c in text.get_text() if not c.isspace() and ord(c) not in charmap})
            assert missing == [], (stem, text.get_text(), path)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_figures_render_to_png_with_agg(figures_by_lang: dict[str, dict[str, Figure]], lang: str) -> None:
    for stem, figure in figures_by_lang[lang].items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a missing glyph warns "Glyph ... missing from font(s)"
            buffer = BytesIO()
            figure.savefig(buffer, format="png")
        data = buffer.getvalue()
        assert data[:8] == PNG_MAGIC, stem
        assert data[16:24] == (750).to_bytes(4, "big") + (420).to_bytes(4, "big"), stem  # IHDR width, height


def test_the_agg_canvas_draws_a_figure(figures_by_lang: dict[str, dict[str, Figure]]) -> None:
    canvas = FigureCanvasAgg(figures_by_lang["vi"]["wait_by_hour"])
    canvas.draw()
    assert canvas.get_width_height() == (750, 420)
    pixels = np.asarray(canvas.buffer_rgba())
    assert pixels.shape == (420, 750, 4)
    drawn = (pixels != pixels[0, 0]).any(axis=-1).mean()  # share of pixels unlike the background corner
    assert drawn > 0.02  # lines, text and bands were drawn, not a blank canvas


def test_figures_of_a_run_without_walk_ins_still_render() -> None:
    """Everyone goes online: no walk-in waits at all, so the histogram is empty and hourly waits are NaN."""
    scenario = build(
        {"procedures.copies.online": "full", "channel.adoption": 1.0, "channel.online_failure_rate": 0.0}
    )
    empty = run_many(scenario, replications=2, days=1)
    labels: Labels = load_labels("vi")
    figures = standard_figures(empty, labels)
    assert len(figures["wait_distribution"].axes[0].patches) == 0
    for stem in ("wait_by_hour", "wait_distribution"):
        buffer = BytesIO()
        figures[stem].savefig(buffer, format="png")
        assert buffer.getvalue()[:8] == PNG_MAGIC, stem


def test_figures_name_the_plan_so_two_plans_differ(results: Results) -> None:
    """Issue 13: two plans' PNGs had identical titles; each figure now names scenario, counters, adoption."""
    from simkit.formats import percent
    from simkit.sim.figures import plan_line

    labels = load_labels("vi")
    other = run_many(build({"channel.adoption": 0.6}), replications=2, days=1, seed=5)
    for stem, figure in standard_figures(results, labels).items():
        plan = figure.get_suptitle().replace("\n", " ")
        assert plan == plan_line(results.scenario, labels), stem
        assert results.scenario.name.vi in plan and percent(0.3, "vi") in plan
        assert str(results.scenario.staffing.counters) in plan
        assert standard_figures(other, labels)[stem].get_suptitle() != figure.get_suptitle(), stem


def test_sweep_legends_and_axes_are_words_in_the_chosen_language() -> None:
    """Issue 13: legends read "(staffing.counters=2)"; now "2 quầy" / "2 counters"."""
    from simkit.sim.experiment import RunSettings
    from simkit.sim.figures import sweep_figure
    from simkit.sim.sweep import sweep

    base = build()
    result = sweep(
        base,
        {"staffing.counters": [2, 3], "channel.adoption": [0.2]},
        RunSettings.of(base, days=1, replications=2, seed=1),
        progress=False,
    )
    for lang in ("vi", "en"):
        labels = load_labels(lang)
        figure = sweep_figure(result, labels)
        wait_axes = figure.axes[0]
        legend = [t.get_text() for t in wait_axes.get_legend().get_texts()]
        assert not any("channel.adoption" in t or "staffing." in t for t in legend), legend
        assert (
            f"{labels.figure('mean_label')} ({labels.figure('vary_adoption').format(value='20%')})" in legend
        )
        assert wait_axes.get_xlabel() == labels.figure("axis_counters")
        assert "2–3" in figure.get_suptitle()
