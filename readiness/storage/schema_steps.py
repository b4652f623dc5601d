"""The DDL of every shipped schema step, frozen: never edit one, add a step.

A migration is what an existing database goes through, so its text must stay
exactly what shipped.  It used to be the stores' live ``SCHEMA`` strings, and
editing a store's schema then silently changed a migration users had already
run.  ``tests/storage/test_migrations.py`` pins each step's text by hash.  To
change a table, add ``V8_…`` here (``ALTER TABLE``, or create-copy-drop-rename)
and a ``Migration(8, …)`` in ``migrations.py``.
"""

from __future__ import annotations

# v1: settings and the exam appointment
V1_FOUNDATION = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE appointment (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    exam_date      TEXT,
    exam_time      TEXT,
    timezone       TEXT NOT NULL,
    center_name    TEXT NOT NULL DEFAULT '',
    center_address TEXT NOT NULL DEFAULT '',
    att_received   TEXT
);
"""

# v2: the exam-day checklist
V2_CHECKLIST = """
CREATE TABLE checklist_item (
    item_id    TEXT PRIMARY KEY,
    custom     INTEGER NOT NULL DEFAULT 0 CHECK (custom IN (0, 1)),
    group_key  TEXT,
    text       TEXT,
    why        TEXT,
    checked_at TEXT,
    hidden     INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    position   INTEGER
);
CREATE TABLE checklist_name (
    role TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE checklist_book (
    book_id      TEXT PRIMARY KEY,
    edition_year INTEGER,
    inspected    INTEGER NOT NULL DEFAULT 0 CHECK (inspected IN (0, 1))
);
CREATE TABLE checklist_travel (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    travel_minutes INTEGER NOT NULL,
    buffer_minutes INTEGER NOT NULL
);
CREATE TABLE checklist_notified (
    item_id TEXT PRIMARY KEY,
    due_at  TEXT NOT NULL
);
"""

# v3: the study plan
V3_PLANNER = """
CREATE TABLE planner_setup (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    start_date    TEXT NOT NULL,
    target_date   TEXT,
    timezone      TEXT NOT NULL,
    weekday_start TEXT NOT NULL,
    weekend_start TEXT NOT NULL,
    plan_notes    TEXT NOT NULL DEFAULT '[]',
    planned_at    TEXT,
    planned_until TEXT
);
CREATE TABLE planner_availability (
    weekday INTEGER PRIMARY KEY CHECK (weekday BETWEEN 0 AND 6),
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1440)
);
CREATE TABLE planner_blackouts (
    day TEXT PRIMARY KEY
);
CREATE TABLE planner_self_ratings (
    domain TEXT PRIMARY KEY,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5)
);
CREATE TABLE planner_sessions (
    id       TEXT PRIMARY KEY,
    day      TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('study', 'mock')),
    domain   TEXT,
    minutes  INTEGER NOT NULL CHECK (minutes > 0),
    status   TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'skipped')),
    position INTEGER NOT NULL DEFAULT 0,
    part     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX planner_sessions_day ON planner_sessions(day);
CREATE TABLE planner_time_log (
    id         INTEGER PRIMARY KEY,
    day        TEXT NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes > 0),
    domain     TEXT,
    session_id TEXT,
    source     TEXT NOT NULL CHECK (source IN ('timer', 'manual')),
    logged_at  TEXT NOT NULL
);
CREATE TABLE planner_timer (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    session_id TEXT,
    domain     TEXT,
    started_at TEXT NOT NULL
);
CREATE TABLE planner_milestones_done (
    key     TEXT PRIMARY KEY,
    done_at TEXT NOT NULL
);
CREATE TABLE planner_calendar (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    namespace TEXT NOT NULL,
    sequence  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE planner_calendar_events (
    uid      TEXT PRIMARY KEY,
    title    TEXT NOT NULL,
    start_at TEXT NOT NULL,
    end_at   TEXT NOT NULL
);
"""

# v4: practice exam attempts
V4_EXAMS = """
CREATE TABLE exam_attempts (
    id               INTEGER PRIMARY KEY,
    mode             TEXT NOT NULL,
    blueprint_id     TEXT NOT NULL,
    title            TEXT NOT NULL,
    form_json        TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'in_progress'
                     CHECK (status IN ('in_progress', 'finished', 'abandoned')),
    end_reason       TEXT,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    position         INTEGER NOT NULL DEFAULT 0,
    elapsed_s        REAL NOT NULL DEFAULT 0,
    clock_hidden     INTEGER NOT NULL DEFAULT 0,
    interruptions    INTEGER NOT NULL DEFAULT 0,
    earned           REAL,
    possible         REAL,
    weighted_percent REAL,
    scaled_estimate  INTEGER
);
CREATE INDEX exam_attempts_by_status ON exam_attempts(status, started_at);
CREATE TABLE exam_responses (
    attempt_id INTEGER NOT NULL REFERENCES exam_attempts(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    ref        TEXT NOT NULL,
    state_json TEXT NOT NULL,
    outcome    TEXT,
    PRIMARY KEY (attempt_id, position)
) WITHOUT ROWID;
CREATE TABLE exam_events (
    id         INTEGER PRIMARY KEY,
    attempt_id INTEGER NOT NULL REFERENCES exam_attempts(id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    elapsed_s  REAL NOT NULL,
    kind       TEXT NOT NULL,
    position   INTEGER,
    detail     TEXT
);
CREATE INDEX exam_events_by_attempt ON exam_events(attempt_id, id);
"""

# v5: code book bookmarks and history
V5_CODEBOOK = """
CREATE TABLE codebook_bookmark (
    target     TEXT PRIMARY KEY,
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE codebook_visit (
    id         INTEGER PRIMARY KEY,
    target     TEXT NOT NULL,
    label      TEXT NOT NULL,
    visited_at TEXT NOT NULL
);
CREATE INDEX codebook_visit_target ON codebook_visit(target);
"""

# v6: exam scores by domain
V6_EXAM_DOMAIN_SCORES = """
CREATE TABLE exam_domain_scores (
    attempt_id INTEGER NOT NULL REFERENCES exam_attempts(id) ON DELETE CASCADE,
    domain_id  TEXT NOT NULL,
    earned     REAL NOT NULL,
    possible   REAL NOT NULL,
    PRIMARY KEY (attempt_id, domain_id)
);
"""

# v7: spaced review cards
V7_REVIEW = """
CREATE TABLE review_cards (
    ref         TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('item', 'scenario')),
    card_json   TEXT NOT NULL,
    due         TEXT NOT NULL,
    reviews     INTEGER NOT NULL DEFAULT 0,
    lapses      INTEGER NOT NULL DEFAULT 0,
    last_rating INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX review_cards_by_due ON review_cards(due);
CREATE TABLE review_log (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL,
    attempt_id  INTEGER NOT NULL,
    rating      INTEGER NOT NULL,
    reviewed_at TEXT NOT NULL,
    due_after   TEXT NOT NULL,
    UNIQUE (attempt_id, ref)
);
"""

# v8: the delivery mode (test center / online OnVUE) and the online "be ready by"
# planner's system-test and room set-up minutes
V8_DELIVERY = """
ALTER TABLE appointment ADD COLUMN delivery TEXT NOT NULL DEFAULT 'center'
    CHECK (delivery IN ('center', 'online'));
ALTER TABLE checklist_travel ADD COLUMN systest_minutes INTEGER;
ALTER TABLE checklist_travel ADD COLUMN room_minutes INTEGER;
"""

# v9: pinned session tasks, their runs, and per-entry practice evidence
V9_PLAN_TASKS = """
CREATE TABLE planner_session_tasks (
    session_id TEXT PRIMARY KEY,
    tasks_json TEXT NOT NULL,
    pinned_at  TEXT NOT NULL
);
CREATE TABLE planner_task_runs (
    id          INTEGER PRIMARY KEY,
    session_id  TEXT NOT NULL,
    task_key    TEXT NOT NULL,
    attempt_id  INTEGER,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    minutes     INTEGER,
    items       INTEGER,
    earned      REAL,
    possible    REAL
);
CREATE INDEX planner_task_runs_session ON planner_task_runs(session_id);
CREATE INDEX planner_task_runs_attempt ON planner_task_runs(attempt_id);
CREATE TABLE practice_evidence (
    attempt_id INTEGER NOT NULL REFERENCES exam_attempts(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    domain     TEXT NOT NULL,
    task       TEXT,
    answered   INTEGER NOT NULL CHECK (answered IN (0, 1)),
    earned     REAL NOT NULL,
    possible   REAL NOT NULL,
    taken_at   TEXT NOT NULL,
    PRIMARY KEY (attempt_id, position)
) WITHOUT ROWID;
"""

# v10: code-book drill sets and every look-up answered in them
V10_DRILLS = """
CREATE TABLE drill_runs (
    id          INTEGER PRIMARY KEY,
    book        TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    planned     INTEGER NOT NULL CHECK (planned > 0)
);
CREATE TABLE drill_answers (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES drill_runs(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    book        TEXT NOT NULL,
    statement   TEXT NOT NULL,
    expected    TEXT NOT NULL,
    source      TEXT NOT NULL,
    given       TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('correct', 'incomplete', 'wrong', 'skipped')),
    seconds     REAL NOT NULL CHECK (seconds >= 0),
    answered_at TEXT NOT NULL,
    UNIQUE (run_id, seq)
);
CREATE INDEX drill_answers_by_book ON drill_answers(book, answered_at);
"""

# v11: after passing, the day passed with the CEU rule chosen, and the CEU activity log
V11_RECERT = """
CREATE TABLE recert_cycle (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    passed_on TEXT NOT NULL,
    rule_id   TEXT NOT NULL
);
CREATE TABLE ceu_activities (
    id          INTEGER PRIMARY KEY,
    done_on     TEXT NOT NULL,
    provider    TEXT NOT NULL,
    title       TEXT NOT NULL,
    hours       REAL NOT NULL CHECK (hours > 0),
    category    TEXT NOT NULL
        CHECK (category IN ('coding-self-review', 'coding', 'hiim', 'other')),
    certificate TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX ceu_activities_by_date ON ceu_activities(done_on);
"""
