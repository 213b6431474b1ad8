"""Calibrate a service-centre scenario from the centre's own queue-ticket records, and back-test it.

    from simkit.calibrate import calibrate, backtest
    c = calibrate("content/samples/tickets/phieu_mau_tong_hop.csv")   # read, clean, estimate, build
    c.save("my_centre.yaml")                                           # a scenario like any preset
    result = backtest(c)                                               # the recorded days run again

Modules, one job each: ``columns`` (reading the file, finding its columns), ``timeparse`` and
``cleaning`` (dates, times, and the report of unusable rows), ``calendar_fit``, ``arrivals_fit``,
``service_fit``, ``mix_fit`` and ``procedures`` (the estimators), ``writer`` (the scenario YAML with its
provenance), ``backtest`` and ``backtest_report`` (the comparison with the records), ``report`` (the
planner's tables), ``synthetic`` (ticket logs simulated by simkit itself) and ``strings`` (the words,
from ``content/ui/calibrate.yaml``). No widgets here: the notebook view lives in ``simkit.plan``.
"""

from __future__ import annotations

from simkit.calibrate.backtest import BackTest, backtest
from simkit.calibrate.backtest_report import backtest_csv, backtest_figure, backtest_table, verdict
from simkit.calibrate.calibration import Calibration, calibrate
from simkit.calibrate.report import data_report_text, estimates_table

SAMPLE = "samples/tickets/phieu_mau_tong_hop.csv"
"""The synthetic sample ticket log, relative to the content folder."""


def sample_path():
    """Path of the synthetic sample ticket log shipped in ``content/samples/tickets/``."""
    from simkit.sim.loading import content_dir

    return content_dir() / SAMPLE


__all__ = [
    "BackTest",
    "Calibration",
    "backtest",
    "backtest_csv",
    "backtest_figure",
    "backtest_table",
    "calibrate",
    "data_report_text",
    "estimates_table",
    "sample_path",
    "verdict",
]
