"""Group one set of codes with the drgpy MS-DRG engine (loaded once, thread-safe)."""

from __future__ import annotations

import re
import threading
from typing import Any

from readiness.core.bank.models import Sex
from readiness.core.exam.drg_model import (
    DEFAULT_SEX,
    DISCHARGE_STATUS,
    GROUPER_VERSION,
    UNGROUPABLE,
    CodeSet,
    Grouping,
    Partition,
    Procedure,
    SecondaryDiagnosis,
)

_engine: Any = None
_lock = threading.Lock()


def grouper() -> Any:
    """The drgpy ``DRGEngine`` for :data:`GROUPER_VERSION`, loaded once (thread-safe)."""
    global _engine
    with _lock:
        if _engine is None:
            from drgpy.msdrg import DRGEngine

            _engine = DRGEngine(GROUPER_VERSION)
        return _engine


def grouper_loaded() -> bool:
    return _engine is not None


def _bare(code: str) -> str:
    return code.replace(".", "").strip().upper()


def _pdx_mdc(engine: Any, pdx: str) -> str | None:
    for label in engine.dxmap.get(pdx, ()):
        m = re.fullmatch(r"_MDC(\d\d)", label)
        if m:
            return m.group(1)
    return None


def group(codes: CodeSet, sex: Sex | None = None) -> Grouping:
    """Group one set of codes; ``codes.diagnoses`` must not be empty."""
    if not codes.diagnoses:
        raise ValueError("a principal diagnosis is needed to group")
    engine = grouper()
    bare_dx = [_bare(c) for c in codes.diagnoses]
    bare_pcs = [_bare(c) for c in codes.procedures]
    poa = {_bare(c): v for c, v in codes.poa.items()}
    with _lock:  # the engine's maps are defaultdicts: reads can insert
        drg = engine.get_drg(bare_dx, bare_pcs, gender=sex or DEFAULT_SEX, is_alive=True,
                             poa=poa, discharge_status=DISCHARGE_STATUS)
        pdx = bare_dx[0] if engine.dxmap.get(bare_dx[0]) else bare_dx[0][:-1]
        info = engine.drgmap.get(drg, {"desc": UNGROUPABLE, "mdc": "", "is_surgical": False,
                                       "is_medical": False})
        pdx_mdc = _pdx_mdc(engine, pdx)
        drg_excluded = engine.drg_exclusions.get(drg, set())
        secondary = []
        for shown, bare in zip(codes.diagnoses[1:], bare_dx[1:], strict=True):
            cc = engine.ccmap.get(bare)
            if cc is None:
                secondary.append(SecondaryDiagnosis(shown, None))
                continue
            secondary.append(SecondaryDiagnosis(
                shown, cc["level"],
                excluded_by_principal=pdx in engine.exmap.get(cc["pdx"], set()),
                excluded_for_drg=bare in drg_excluded,
                excluded_not_poa=cc.get("hac") is not None and poa.get(bare, "Y") in ("N", "U"),
            ))
        procedures = tuple(
            Procedure(shown, bare in engine.orpcsmap, bool(engine.prmap.get(bare)))
            for shown, bare in zip(codes.procedures, bare_pcs, strict=True)
        )
    mdc: str | None = info["mdc"] or None
    if mdc is None and "981" <= drg <= "989":  # unrelated O.R. procedure: the principal's MDC
        mdc = pdx_mdc
    partition: Partition = ("surgical" if info["is_surgical"]
                            else "medical" if info["is_medical"] else "other")
    return Grouping(drg=drg, title=info["desc"], mdc=mdc, partition=partition,
                    principal=codes.diagnoses[0], principal_mdc=pdx_mdc,
                    secondary=tuple(secondary), procedures=procedures, codes=codes, sex=sex)
