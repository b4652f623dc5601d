"""The question bank: items, scenarios, their file format and loading."""

from readiness.core.bank.models import (
    Bank,
    CodeRef,
    Document,
    MultipleChoiceItem,
    Option,
    Scenario,
    ScenarioAnswer,
    ScenarioQuestion,
)

__all__ = [
    "Bank",
    "CodeRef",
    "Document",
    "MultipleChoiceItem",
    "Option",
    "Scenario",
    "ScenarioAnswer",
    "ScenarioQuestion",
]
