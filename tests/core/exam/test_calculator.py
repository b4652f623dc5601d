import pytest

from readiness.core.errors import InvalidInput
from readiness.core.exam.calculator import evaluate


@pytest.mark.parametrize(
    ("expr", "shown"),
    [
        ("1+2*3", "7"),
        ("(1+2)*3", "9"),
        ("0.1+0.2", "0.3"),
        ("10/4", "2.5"),
        ("1/3", "0.333333333333"),
        ("-5+2", "-3"),
        ("1,250 × 0.8", "1000"),
        ("7 ÷ 2", "3.5"),
        ("17 % 5", "2"),
        ("", "0"),
        ("2.50*2", "5"),
    ],
)
def test_arithmetic(expr, shown):
    assert evaluate(expr) == shown


@pytest.mark.parametrize("expr", ["1/0", "__import__('os')", "2**8", "1+", "abs(1)", "1e400*1e400"])
def test_rejects(expr):
    with pytest.raises(InvalidInput):
        evaluate(expr)
