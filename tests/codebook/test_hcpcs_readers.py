"""The HCPCS workbook reads the same through python-calamine and the openpyxl fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.codebook import bundled, hcpcs_xlsx
from readiness.codebook.model import Kind


def _shipped_hcpcs() -> Path:
    [book] = [b for b in bundled.SHIPPED_ALL if b.kind is Kind.HCPCS]
    return bundled.shipped_path(book)


def test_calamine_and_openpyxl_read_the_shipped_workbook_alike(monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    path = _shipped_hcpcs()
    if not path.is_file():
        pytest.skip("this build ships no HCPCS workbook")
    fast = hcpcs_xlsx.rows(path, path.name)
    monkeypatch.setattr(hcpcs_xlsx, "_sheet_rows",
                        lambda p, n: iter(hcpcs_xlsx._openpyxl_rows(p, n)))
    spare = hcpcs_xlsx.rows(path, path.name)
    assert fast == spare
    assert len(fast) > 7000
    assert dict(fast)["J0131"].startswith("Injection, acetaminophen")


@pytest.mark.parametrize("value, text", [(3, "3"), (3.0, "3"), (None, ""), ("  A1 ", "A1"),
                                         (2.5, "2.5")])
def test_cells_read_as_text(value: object, text: str) -> None:
    assert hcpcs_xlsx._text(value) == text


def test_a_damaged_workbook_is_named(tmp_path: Path) -> None:
    from readiness.core.errors import ImportFailed

    bad = tmp_path / "HCPC2025_OCT_ANWEB.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportFailed, match="cannot be read") as err:
        hcpcs_xlsx.rows(bad, bad.name)
    assert err.value.where == bad.name
