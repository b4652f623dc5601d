"""Fill a throw-away workspace with a plausible candidate's data, through the services.

Used by scripts/screenshot.py so the README picture shows the app in use:
an exam seven weeks out, a study plan, a few checklist items done and two
finished practice sets.  Never point it at real user data.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from random import Random

from readiness.core.appointment import ExamAppointment
from readiness.core.exam.forms import Mode, full_mock_spec
from readiness.workspace import Workspace


def seed(ws: Workspace) -> None:
    today = ws.clock.now().date()
    exam_day = today + timedelta(days=49)
    appointment = ExamAppointment(
        exam_date=exam_day, exam_time=time(8, 30),
        timezone="America/Chicago", center_name="Pearson VUE Test Center (sample)",
        center_address="100 Example Plaza, Suite 200, Springfield",
        att_received=today - timedelta(days=10))
    prefs = replace(ws.planner.default_preferences(), target_date=None,
                    self_ratings={"coding-knowledge": 3, "provider-queries": 2})
    ws.planner.save_setup(prefs, appointment)
    for item in ws.checklist.view().visible_items()[:4]:
        ws.checklist.set_checked(item.id, True)
    blueprint = ws.exams.blueprint("ccs-candidate-guide")
    for seed_value, accuracy in ((7, 0.55), (8, 0.7)):
        base = full_mock_spec(blueprint, seed=seed_value)
        spec = replace(base, mode=Mode.CUSTOM, multiple_choice=30, scenarios=0, pretest=0,
                       time_limit_s=None)
        run = ws.exams.start(spec)
        rng = Random(seed_value)
        for position in range(len(run)):
            item = run.content(position)
            right = rng.random() < accuracy
            wrong = [k for k in range(len(item.options)) if k not in item.key][: len(item.key)]
            run.select(position, item.key if right else wrong)
        run.finish()
