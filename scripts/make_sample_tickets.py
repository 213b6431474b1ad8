"""Write the synthetic sample ticket log shipped in content/samples/tickets/ (run from the repository root).

    .venv/bin/python scripts/make_sample_tickets.py            # or give another output path

The log is SYNTHETIC: simkit simulates its own commune preset (``simkit.calibrate.synthetic.sample_scenario``:
about 70 citizens a day, 3 counters in the morning and 2 in the afternoon, 60 minutes' patience) over eight
weeks from Monday 17 August 2026, with 1–2 September closed, and writes each counter visit as a queue kiosk
exports it (Vietnamese headers, dates DD/MM/YYYY). Tickets carry no names and no ID numbers. Then it adds
the flaws a real export has, each listed in content/samples/tickets/README.md, so the data report has
something to show. Same code, same file: the seed is fixed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from simkit import atomic
from simkit.calibrate.synthetic import (
    SAMPLE_FIELDS,
    SAMPLE_HOLIDAYS,
    SAMPLE_PERIOD,
    export_frame,
    sample_scenario,
    simulate_tickets,
)

OUT = Path("content/samples/tickets/phieu_mau_tong_hop.csv")
SEED = 2026

LABEL = (
    "# DỮ LIỆU TỔNG HỢP (không phải dữ liệu thật): do simkit mô phỏng bằng scripts/make_sample_tickets.py; "
    "không có tên hay số định danh của ai.\n"
    "# SYNTHETIC DATA (not real records): simulated by simkit with scripts/make_sample_tickets.py; "
    "no names or ID numbers of anyone.\n"
)


def with_flaws(log: pd.DataFrame) -> pd.DataFrame:
    """The flaws of a real export, at fixed rows (the README lists them with their effect)."""
    log = log.copy()
    served = log.index[log["Giờ gọi"] != ""]
    log.loc[served[100], "Giờ gọi"] = "07:05:00"  # called before issued (a clock typed by hand)
    row = served[400]
    log.loc[row, "Giờ kết thúc"] = log.loc[row, "Giờ gọi"]
    log.loc[row, "Giờ gọi"] = _later(log.loc[row, "Giờ gọi"])  # ended before called (columns swapped)
    log.loc[served[700], "Giờ lấy số"] = "08:6O"  # unreadable issue time (letter O for zero)
    morning = [i for i in served[1000:] if log.loc[i, "Giờ gọi"] < "09"]
    log.loc[morning[0], "Giờ kết thúc"] = "16:59:00"  # left open until the end of the day
    on_day = log["Ngày"] == "15/09/2026"
    log.loc[on_day, "Ngày"] = "2026-09-15"  # one day exported with ISO dates (mixed formats)
    duplicates = log.loc[[served[1500], served[1501]]]
    return pd.concat([log.loc[: served[1501]], duplicates, log.loc[served[1501] + 1 :]], ignore_index=True)


def _later(clock: str) -> str:
    hours, minutes, seconds = (int(x) for x in clock.split(":"))
    total = hours * 3600 + minutes * 60 + seconds + 15 * 60
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else OUT
    tickets = simulate_tickets(
        sample_scenario(), *SAMPLE_PERIOD, seed=SEED, holidays=SAMPLE_HOLIDAYS, field_names=SAMPLE_FIELDS
    )
    log = with_flaws(export_frame(tickets))
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(out, LABEL + log.to_csv(index=False))
    sys.stdout.write(f"{len(log)} rows written to {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
