import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fixtures"))

from readiness.core.blueprint import load_blueprint
from readiness.resources import resource_path


@pytest.fixture
def blueprint():
    return load_blueprint(resource_path("blueprints", "ccs-candidate-guide.json"))


@pytest.fixture
def published():
    return load_blueprint(resource_path("blueprints", "ccs-2025-published.json"))
