"""The on-screen calculator's arithmetic: + - * / %, parentheses, decimals.

Parsed with :mod:`ast` and evaluated node by node; nothing else is allowed,
so typing a name or a call is an error, never code execution.  Decimal
arithmetic keeps 0.1 + 0.2 at 0.3, as a desk calculator shows it.
"""

from __future__ import annotations

import ast
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext

from readiness.core.errors import InvalidInput


def _eval(node: ast.AST) -> Decimal:
    if isinstance(node, ast.Expression):
        return _eval(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) \
            and not isinstance(node.value, bool):
        return Decimal(str(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _eval(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left), _eval(node.right)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Div):
            return left / right
        if isinstance(node.op, ast.Mod):
            return left % right
    raise InvalidInput("only numbers, + - * / % and parentheses", where="calculator")


def evaluate(expression: str) -> str:
    """The result as a calculator displays it (at most 12 significant digits)."""
    text = expression.replace("×", "*").replace("÷", "/").replace(",", "").strip()
    if not text:
        return "0"
    if len(text) > 200:
        raise InvalidInput("expression too long", where="calculator")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise InvalidInput("incomplete expression", where="calculator") from None
    with localcontext() as ctx:
        ctx.prec = 28
        try:
            value = _eval(tree)
        except (DivisionByZero, InvalidOperation, ZeroDivisionError):
            raise InvalidInput("cannot divide by zero", where="calculator") from None
        if abs(value) >= Decimal(10) ** 15:
            raise InvalidInput("number too large", where="calculator")
        ctx.prec = 12
        shown = +value
    out = format(shown.normalize(), "f")
    return "0" if out in ("-0", "") else out
