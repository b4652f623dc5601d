"""Drill prompts, judging and timing, on hand-made book lines (no code-set files)."""

from __future__ import annotations

import random

import pytest

from readiness.codebook.model import IndexTerm, Kind, PcsAxis, PcsRow, PcsTable
from readiness.core.clock import FakeClock
from readiness.core.drills.generate import draw, pcs_code_count, pcs_statement, term_choices
from readiness.core.drills.models import DrillBook, DrillPrompt, Verdict
from readiness.core.drills.session import DrillRun, feedback, judge
from readiness.core.drills.stats import AnswerRow, book_stats, speed_verdict


def term(tid: int, kind: Kind, path: str, code: str = "", cells: tuple[str, ...] = (),
         **extra: str) -> IndexTerm:
    fields = {"manif": "", "see": "", "use": ""} | extra
    return IndexTerm(tid, kind, None, tid, 0, path[0], path, "", "", code, fields["manif"],
                     fields["see"], "", "", "", fields["use"], "", cells, path)


def axis(pos: int, title: str, *labels: tuple[str, str]) -> PcsAxis:
    return PcsAxis(pos, title, tuple(labels))


APPENDECTOMY = PcsTable(
    "0DT",
    (axis(1, "Section", ("0", "Medical and Surgical")),
     axis(2, "Body System", ("D", "Gastrointestinal System")),
     axis(3, "Operation", ("T", "Resection"))),
    (PcsRow((axis(4, "Body Part", ("J", "Appendix")),
             axis(5, "Approach", ("0", "Open"), ("4", "Percutaneous Endoscopic")),
             axis(6, "Device", ("Z", "No Device")),
             axis(7, "Qualifier", ("Z", "No Qualifier")))),),
)


class FakeSource:
    """Lines of a tiny book; ``complete`` knows which codes are reportable."""

    def __init__(self, terms: list[IndexTerm], reportable: dict[str, tuple[str, bool]],
                 tables: tuple[PcsTable, ...] = ()) -> None:
        self.terms = sorted(terms, key=lambda t: t.id)
        self.reportable = reportable
        self.tables = {t.prefix: t for t in tables}

    def term_span(self, kind: Kind) -> tuple[int, int] | None:
        ids = [t.id for t in self.terms if t.kind is kind]
        return (min(ids), max(ids)) if ids else None

    def coded_term_from(self, kind: Kind, term_id: int) -> IndexTerm | None:
        mine = [t for t in self.terms if t.kind is kind and (t.code or t.cells)]
        return next((t for t in mine if t.id >= term_id), mine[0] if mine else None)

    def same_path(self, kind: Kind, term: IndexTerm) -> list[IndexTerm]:
        return [t for t in self.terms if t.kind is kind and t.path == term.path]

    def complete(self, code: str) -> tuple[str, bool] | None:
        return self.reportable.get(code)

    def pcs_prefixes(self) -> list[str]:
        return list(self.tables)

    def pcs_table(self, prefix: str) -> PcsTable | None:
        return self.tables.get(prefix)


def test_index_lines_with_cross_references_dual_or_incomplete_codes_give_no_prompt() -> None:
    book = DrillBook.CM_INDEX
    assert term_choices(book, term(1, Kind.CM_INDEX, "Cholera", "A00.9"))
    assert not term_choices(book, term(2, Kind.CM_INDEX, "Fracture, femur", "S72.9-"))
    assert not term_choices(book, term(3, Kind.CM_INDEX, "Gestational", see="Diabetes"))
    assert not term_choices(book, term(4, Kind.CM_INDEX, "Arthritis, gout", "M10.9",
                                       manif="M14.6"))


def test_connector_subterms_read_as_a_phrase() -> None:
    t = term(1, Kind.CM_INDEX, "Diabetes, type 2, with, hyperglycemia", "E11.65")
    assert term_choices(DrillBook.CM_INDEX, t)[0].statement == (
        "Diabetes, type 2, with hyperglycemia")


def test_neoplasm_cells_become_statements_and_incomplete_cells_are_left_out() -> None:
    t = term(1, Kind.CM_NEOPLASM, "Neoplasm, neoplastic, bone, jaw",
             cells=("C41.1", "C79.51", "-", "D16.5-", "D48.0", "D49.2"))
    choices = {c.statement: c.code for c in term_choices(DrillBook.NEOPLASM, t)}
    assert choices == {
        "Malignant neoplasm (primary) of bone, jaw": "C41.1",
        "Secondary malignant neoplasm of bone, jaw": "C79.51",
        "Neoplasm of uncertain behavior of bone, jaw": "D48.0",
        "Neoplasm of unspecified behavior of bone, jaw": "D49.2",
    }


def test_drug_prompt_asks_for_the_initial_encounter_seventh_character() -> None:
    t = term(1, Kind.CM_DRUG, "Acetaminophen",
             cells=("T39.1X1", "--", "--", "--", "--", "--"))
    source = FakeSource([t], {"T39.1X1": ("T39.1X1A", True)})
    [prompt] = draw(DrillBook.DRUG, source, 5, random.Random(1))
    assert prompt.statement == ("Poisoning by Acetaminophen, accidental (unintentional), "
                                "initial encounter")
    assert (prompt.answer, prompt.hint) == ("T39.1X1A", "T39.1X1")


def test_a_statement_two_lines_of_the_book_answer_differently_is_never_asked() -> None:
    cells = ("T60.1X1", "--", "--", "--", "--", "--")
    twice = [term(1, Kind.CM_DRUG, "2,4,5-T", cells=cells),
             term(2, Kind.CM_DRUG, "2,4,5-T", cells=("T60.3X1", *cells[1:])),
             term(3, Kind.CM_DRUG, "Acetone", cells=("T52.4X1", *cells[1:]))]
    source = FakeSource(twice, {c: (c + "A", True) for c in ("T60.1X1", "T60.3X1", "T52.4X1")})
    prompts = draw(DrillBook.DRUG, source, 5, random.Random(4))
    assert [p.answer for p in prompts] == ["T52.4X1A"]


def test_codes_the_tabular_does_not_report_are_never_asked() -> None:
    good = term(1, Kind.CM_INDEX, "Cholera", "A00.9")
    header = term(2, Kind.CM_INDEX, "Diabetes", "E11")  # a category: not reportable
    source = FakeSource([good, header], {"A00.9": ("A00.9", False)})
    prompts = draw(DrillBook.CM_INDEX, source, 10, random.Random(2))
    assert [p.answer for p in prompts] == ["A00.9"]


def test_draw_gives_different_prompts_and_is_repeatable_with_a_seed() -> None:
    terms = [term(i, Kind.CM_INDEX, f"Term {i}", f"A0{i}.0") for i in range(1, 10)]
    source = FakeSource(terms, {f"A0{i}.0": (f"A0{i}.0", False) for i in range(1, 10)})
    first = draw(DrillBook.CM_INDEX, source, 5, random.Random(7))
    assert len(first) == 5 and len({p.answer for p in first}) == 5
    assert first == draw(DrillBook.CM_INDEX, source, 5, random.Random(7))


def test_pcs_prompt_is_a_procedure_statement_with_one_code() -> None:
    source = FakeSource([], {}, (APPENDECTOMY,))
    prompts = draw(DrillBook.PCS_TABLES, source, 5, random.Random(3))
    assert {p.answer: p.statement for p in prompts} == {
        "0DTJ0ZZ": "Resection of Appendix, Open approach (Gastrointestinal System)",
        "0DTJ4ZZ": "Resection of Appendix, Percutaneous Endoscopic approach "
                   "(Gastrointestinal System)",
    }
    assert pcs_code_count([APPENDECTOMY]) == 2


def test_other_pcs_sections_name_each_axis_and_leave_out_none() -> None:
    table = PcsTable("B24", (axis(1, "Section", ("B", "Imaging")),
                             axis(2, "Body System", ("2", "Heart")),
                             axis(3, "Type", ("4", "Ultrasonography"))), ())
    picks = ((axis(4, "Body Part", ("0", "Coronary Artery, Single")), "0",
              "Coronary Artery, Single"),
             (axis(5, "Contrast", ("Z", "None")), "Z", "None"),
             (axis(6, "Qualifier", ("Z", "None")), "Z", "None"),
             (axis(7, "Qualifier", ("Z", "None")), "Z", "None"))
    assert pcs_statement(table, picks) == (
        "Imaging, Heart, Ultrasonography. Body Part: Coronary Artery, Single")


@pytest.mark.parametrize(("given", "verdict"), [
    ("T39.1X1A", Verdict.CORRECT), ("t391x1a", Verdict.CORRECT), (" T39.1X1A ", Verdict.CORRECT),
    ("T39.1X1", Verdict.INCOMPLETE), ("T39.1X2A", Verdict.WRONG), ("", Verdict.SKIPPED),
    ("T39.1X1AA", Verdict.WRONG),
])
def test_judge(given: str, verdict: Verdict) -> None:
    prompt = DrillPrompt(DrillBook.DRUG, "Poisoning by acetaminophen", "T39.1X1A", "x", "T39.1X1")
    assert judge(prompt, given) is verdict


def test_run_times_each_look_up_from_when_it_is_shown() -> None:
    clock = FakeClock()
    prompts = [DrillPrompt(DrillBook.CM_INDEX, f"s{i}", f"A0{i}.0", "x") for i in range(3)]
    run = DrillRun(DrillBook.CM_INDEX, prompts, clock)
    run.show()
    clock.advance(12)
    first = run.answer("A00.0")
    clock.advance(30)  # reading the feedback: not charged to the next look-up
    run.show()
    clock.advance(20)
    second = run.answer("B00")
    assert (first.seconds, first.verdict) == (12, Verdict.CORRECT)
    assert (second.seconds, second.verdict) == (20, Verdict.WRONG)
    assert "A01.0" in feedback(second)
    summary = run.summary()
    assert (summary.planned, summary.answered, summary.correct) == (3, 2, 1)
    assert summary.seconds_per_lookup == 16 and summary.accuracy == 0.5


def test_an_answer_only_moves_the_run_on_when_accepted() -> None:
    run = DrillRun(DrillBook.CM_INDEX, [DrillPrompt(DrillBook.CM_INDEX, "s", "A00.0", "x")],
                   FakeClock())
    run.show()
    result = run.score("A00.0")
    assert run.position == 0 and run.current is not None
    run.accept(result)
    assert run.finished and run.current is None
    with pytest.raises(ValueError):
        run.score("A00.0")


def test_stats_speed_counts_only_correct_look_ups() -> None:
    rows = [AnswerRow(DrillBook.NEOPLASM, True, 40), AnswerRow(DrillBook.NEOPLASM, False, 200),
            AnswerRow(DrillBook.NEOPLASM, True, 60), AnswerRow(DrillBook.DRUG, False, 30)]
    stats = book_stats(rows)
    assert stats[DrillBook.NEOPLASM].accuracy == pytest.approx(2 / 3)
    assert stats[DrillBook.NEOPLASM].median_seconds == 50
    assert stats[DrillBook.DRUG].median_seconds is None
    assert speed_verdict(50, 60) == "50 s per look-up, within your 60 s target"
    assert speed_verdict(75, 60) == "75 s per look-up, 15 s over your 60 s target"
