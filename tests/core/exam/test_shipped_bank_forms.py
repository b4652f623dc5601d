"""Forms from the bank the app ships (skips while the bank is too small)."""

from collections import Counter

import pytest

from readiness.core.bank.loader import load_bank_dir, shipped_bank_dir
from readiness.core.exam.forms import assemble_form, full_mock_spec


@pytest.fixture(scope="module")
def shipped():
    bank = load_bank_dir(shipped_bank_dir())
    if len(bank.items) < 105 or len(bank.scenarios) < 8:
        pytest.skip("the shipped bank is smaller than one full mock")
    return bank


def test_full_mock_from_the_shipped_bank(shipped, blueprint):
    form = assemble_form(shipped, blueprint, full_mock_spec(blueprint, seed=2026))
    assert len(form) == 113
    assert len({e.ref for e in form.entries}) == 113
    mc = Counter(e.domain for e in form.entries if e.kind != "scenario")
    for domain in blueprint.domains:  # within one item of the weight, unless the bank ran out
        wanted = 105 * domain.weight
        available = sum(1 for i in shipped.items if i.domain == domain.id)
        assert abs(mc[domain.id] - wanted) <= 1 or mc[domain.id] == available


def test_published_format_from_the_shipped_bank(shipped, published):
    form = assemble_form(shipped, published, full_mock_spec(published, seed=1))
    assert len(form) == 107
    assert sum(e.pretest for e in form.entries) == 10
    assert len({s.setting for s in shipped.scenarios
                if s.id in {e.ref for e in form.entries}}) >= 2
