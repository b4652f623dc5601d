"""The bundled Tabular is the verified file; any other is refused, the installed set kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.codebook import importer
from readiness.core.errors import UserError


def test_the_pinned_package_ships_the_verified_file() -> None:
    source = importer.bundled_tabular()
    assert source is not None, "simple-icd-10-cm is a dependency"
    assert importer.sha256_file(source) == importer.BUNDLED_TABULAR_SHA256


def test_a_different_bundled_file_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    swapped = tmp_path / "icd10cm-tabular-2027.xml"
    swapped.write_text("<ICD10CM.tabular><version>2027</version></ICD10CM.tabular>", "utf-8")
    codesets = tmp_path / "codesets"
    with pytest.raises(UserError, match="not the file this version"):
        importer.prepare_default(codesets, swapped)
    assert not any(codesets.iterdir())
