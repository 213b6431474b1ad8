"""The procedures of a ticket log: their names in both languages, shares, and service times.

The log names procedures as the centre does ("Hộ tịch", "Chứng thực"). simkit keeps that name as the
Vietnamese name, takes the English name and the online status (full, partial, in person) from the
glossary in ``content/ui/calibrate.yaml`` when a name matches one of its entries, and otherwise repeats
the Vietnamese name and assumes in person (listed among the assumptions). Procedures with fewer than 20
served tickets are pooled as "other procedures": a handful of times gives no shape to fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from simkit.calibrate.cleaning import DataReport
from simkit.calibrate.columns import normalise_header
from simkit.calibrate.intervals import Estimate
from simkit.calibrate.mix_fit import shares
from simkit.calibrate.service_fit import MIN_TICKETS, ServiceFit, fit_service
from simkit.calibrate.strings import load_calibrate_strings

OTHER = "other"


@dataclass(frozen=True)
class ProcedureEstimate:
    key: str
    name_vi: str
    name_en: str
    online: str
    glossary: bool
    share: Estimate
    tickets: int
    service: ServiceFit
    pooled: tuple[str, ...] = ()


def slug(name: str, empty: str = "procedure") -> str:
    """``"Hộ tịch – khai sinh"`` → ``"ho_tich_khai_sinh"`` (a scenario key); ``empty`` if nothing is left."""
    return re.sub(r"[^a-z0-9]+", "_", normalise_header(name)).strip("_") or empty


def estimate_procedures(tickets: pd.DataFrame, report: DataReport) -> dict[str, ProcedureEstimate]:
    """One estimate per procedure (small ones pooled), largest share first."""
    strings = load_calibrate_strings()
    unnamed = strings.get("name.unnamed_procedure", "vi")
    names = tickets["procedure"].where(tickets["procedure"] != "", unnamed)
    if (tickets["procedure"] == "").all():
        names = pd.Series(strings.get("name.all_procedures", "vi"), index=tickets.index)
    served = tickets["status"] == "served"
    served_counts = names[served].value_counts()
    small = [str(n) for n in names.unique() if served_counts.get(n, 0) < MIN_TICKETS]
    if small and len(small) < names.nunique():
        other_vi = strings.get("name.other_procedures", "vi")
        names = names.where(~names.isin(small), other_vi)
        report.notes.append(("note.pooled_procedures", {"names": ", ".join(sorted(small))}))
    else:
        small = []
    service_minutes = (tickets["ended"] - tickets["called"])[served]
    result: dict[str, ProcedureEstimate] = {}
    for name, share in shares(names).items():
        pooled = name == strings.get("name.other_procedures", "vi") and bool(small)
        match = None if pooled else strings.glossary_entry(name)
        key = OTHER if pooled else (match.key if match and match.key not in result else slug(name))
        while key in result:
            key += "_2"
        if pooled:
            name_en, online = strings.get("name.other_procedures", "en"), "in_person"
        elif name == strings.get("name.all_procedures", "vi"):
            name_en, online = strings.get("name.all_procedures", "en"), "in_person"
        elif name == unnamed:
            name_en, online = strings.get("name.unnamed_procedure", "en"), "in_person"
        else:
            name_en, online = (match.name.en, match.online) if match else (name, "in_person")
        times = service_minutes[names[served] == name].to_numpy()
        if len(times) < 2:
            times = service_minutes.to_numpy()  # too few of its own: the centre's overall times
        result[key] = ProcedureEstimate(
            key=key,
            name_vi=name,
            name_en=name_en,
            online=online,
            glossary=match is not None or pooled,
            share=share,
            tickets=int((names == name).sum()),
            service=fit_service(times),
            pooled=tuple(sorted(small)) if pooled else (),
        )
    return result
