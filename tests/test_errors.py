"""A user's mistake shows as one line in a notebook, not as a traceback through simkit's code."""

from __future__ import annotations

from IPython.core.interactiveshell import InteractiveShell

from simkit.errors import ConfigError


def test_config_error_reads_where_field_message() -> None:
    error = ConfigError("must be ≥ 1 (got 0)", where="content/scenarios/x.yaml", field="staffing.counters")
    assert str(error) == "content/scenarios/x.yaml: staffing.counters: must be ≥ 1 (got 0)"
    assert error._render_traceback_() == [f"ConfigError: {error}"]


def test_a_notebook_cell_shows_one_line_for_a_bad_argument(capsys) -> None:
    shell = InteractiveShell.instance()
    result = shell.run_cell(
        "from simkit.plan.views import CampaignView\nCampaignView('commune_pasc', replications=0)"
    )
    assert isinstance(result.error_in_exec, ConfigError)
    shown = capsys.readouterr().out.strip().splitlines()
    assert shown == ["ConfigError: replications: must be a whole number ≥ 1 (got 0)"]
