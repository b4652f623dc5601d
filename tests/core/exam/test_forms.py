from collections import Counter
from dataclasses import replace

import pytest
from fixtures.exam_bank import make_bank
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.core.errors import UserError
from readiness.core.exam.forms import (
    Form,
    FormSpec,
    Mode,
    allocate,
    assemble_form,
    full_mock_spec,
)


def test_allocate_follows_weights_with_largest_remainder():
    weights = {"a": 0.48, "b": 0.20, "c": 0.12, "d": 0.14, "e": 0.06}
    counts = allocate(105, weights, dict.fromkeys(weights, 1000))
    assert counts == {"a": 50, "b": 21, "c": 13, "d": 15, "e": 6}
    assert sum(counts.values()) == 105


def test_allocate_fills_a_short_domain_from_the_others():
    weights = {"a": 0.5, "b": 0.5}
    assert allocate(10, weights, {"a": 2, "b": 100}) == {"a": 2, "b": 8}
    assert allocate(10, weights, {"a": 2, "b": 3}) == {"a": 2, "b": 3}


@settings(max_examples=60, deadline=None)
@given(
    total=st.integers(0, 200),
    caps=st.lists(st.integers(0, 60), min_size=1, max_size=5),
    raw=st.lists(st.floats(0.01, 1.0), min_size=5, max_size=5),
)
def test_allocate_properties(total, caps, raw):
    names = [f"d{i}" for i in range(len(caps))]
    weights = {n: raw[i] for i, n in enumerate(names)}
    capacity = dict(zip(names, caps, strict=True))
    counts = allocate(total, weights, capacity)
    assert sum(counts.values()) == min(total, sum(caps))
    assert all(0 <= counts[n] <= capacity[n] for n in names)


def test_full_mock_is_reproducible_and_never_repeats(blueprint):
    bank = make_bank(per_domain=30, scenarios=10)
    spec = full_mock_spec(blueprint, seed=42)
    one = assemble_form(bank, blueprint, spec)
    two = assemble_form(bank, blueprint, spec)
    assert one == two
    refs = [e.ref for e in one.entries]
    assert len(refs) == len(set(refs))
    assert len(one) == 105 + 8
    other = assemble_form(bank, blueprint, replace(spec, seed=43))
    assert [e.ref for e in other.entries] != refs
    mc = Counter(e.domain for e in one.entries if e.kind != "scenario")
    # 30 per domain: coding-knowledge (50 wanted) is capped and the rest fill in by weight.
    assert mc["coding-knowledge"] == 30
    assert sum(mc.values()) == 105
    assert any("Too few items" in n for n in one.notes)
    # Scenarios come after the multiple-choice section.
    kinds = [e.kind for e in one.entries]
    assert kinds[-8:] == ["scenario"] * 8
    assert "scenario" not in kinds[:-8]


def test_weights_are_honoured_when_the_bank_is_large(blueprint):
    bank = make_bank(per_domain=60, scenarios=8)
    form = assemble_form(bank, blueprint, full_mock_spec(blueprint, seed=1))
    mc = Counter(e.domain for e in form.entries if e.kind != "scenario")
    assert mc == {
        "coding-knowledge": 50,
        "coding-documentation": 21,
        "regulatory-compliance": 15,
        "provider-queries": 13,
        "information-technologies": 6,
    }
    assert form.notes == ()


def test_pretest_items_are_chosen_among_multiple_choice(published):
    bank = make_bank(per_domain=40, scenarios=8)
    form = assemble_form(bank, published, full_mock_spec(published, seed=7))
    assert len(form) == 107
    pretest = [e for e in form.entries if e.pretest]
    assert len(pretest) == 10
    assert all(e.kind != "scenario" for e in pretest)
    assert len(form.scored_entries) == 97


def test_small_bank_gives_a_smaller_form_with_a_note(blueprint):
    bank = make_bank(per_domain=2, scenarios=1)
    form = assemble_form(bank, blueprint, full_mock_spec(blueprint, seed=3))
    assert len(form) == 11
    assert len(form.notes) == 2


def test_custom_practice_filters_domains_and_kinds(blueprint):
    bank = make_bank(per_domain=9, scenarios=3)
    spec = FormSpec(
        mode=Mode.CUSTOM,
        blueprint_id=blueprint.id,
        seed=5,
        multiple_choice=5,
        scenarios=0,
        domains=("provider-queries",),
        kinds=("multiple",),
    )
    form = assemble_form(bank, blueprint, spec)
    assert len(form) == 3  # every third item is multiple response
    assert {e.domain for e in form.entries} == {"provider-queries"}
    assert {e.kind for e in form.entries} == {"multiple"}


def test_scenarios_only(blueprint):
    bank = make_bank(per_domain=9, scenarios=3)
    spec = FormSpec(mode=Mode.SCENARIOS, blueprint_id=blueprint.id, seed=5, scenarios=2)
    form = assemble_form(bank, blueprint, spec)
    assert [e.kind for e in form.entries] == ["scenario", "scenario"]


def test_retry_keeps_known_refs_once(blueprint):
    bank = make_bank(per_domain=3, scenarios=2)
    spec = FormSpec(
        mode=Mode.RETRY,
        blueprint_id=blueprint.id,
        seed=1,
        refs=("ck-0000", "sc-001", "ck-0000", "gone-0001"),
    )
    form = assemble_form(bank, blueprint, spec)
    assert sorted(e.ref for e in form.entries) == ["ck-0000", "sc-001"]
    assert form.notes and "1 item" in form.notes[0]


def test_nothing_to_assemble_is_a_user_error(blueprint):
    bank = make_bank(per_domain=0, scenarios=0)
    with pytest.raises(UserError):
        assemble_form(bank, blueprint, full_mock_spec(blueprint, seed=1))
    with pytest.raises(UserError):
        assemble_form(bank, blueprint, FormSpec(Mode.RETRY, blueprint.id, seed=1))


def test_unknown_domain_is_a_user_error(blueprint):
    spec = FormSpec(Mode.CUSTOM, blueprint.id, seed=1, multiple_choice=3, domains=("nope",))
    with pytest.raises(UserError):
        assemble_form(make_bank(), blueprint, spec)


def test_form_json_round_trip(blueprint):
    form = assemble_form(make_bank(), blueprint, full_mock_spec(blueprint, seed=9))
    assert Form.from_json(form.to_json()) == form
