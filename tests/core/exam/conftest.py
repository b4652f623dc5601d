import pytest

from readiness.core.blueprint import load_blueprint
from readiness.resources import resource_path


@pytest.fixture
def blueprint():
    return load_blueprint(resource_path("blueprints", "ccs-candidate-guide.json"))


@pytest.fixture
def published():
    return load_blueprint(resource_path("blueprints", "ccs-2025-published.json"))
