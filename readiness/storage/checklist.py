"""The candidate's checklist state: item checks and edits, custom items, order,
name-check entries, code book editions, travel time and sent reminders.

Template items get a row only once the candidate changes something about them;
custom items always have one (``custom = 1``) and carry their own group.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from readiness.core.checklist.items import ItemState
from readiness.storage.db import Database

# Tables: readiness/storage/schema_steps.py (V2_CHECKLIST); changed only by a new step.


@dataclass(frozen=True)
class BookRecord:
    edition_year: int | None
    inspected: bool


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _parse(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class ChecklistRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- items ---------------------------------------------------------------
    def states(self) -> dict[str, ItemState]:
        return {
            row["item_id"]: ItemState(
                item_id=row["item_id"], checked_at=_parse(row["checked_at"]), text=row["text"],
                why=row["why"], hidden=bool(row["hidden"]), position=row["position"],
                group=row["group_key"], custom=bool(row["custom"]),
            )
            for row in self.db.query("SELECT * FROM checklist_item ORDER BY item_id")
        }

    def _upsert(self, item_id: str, column: str, value: object) -> None:
        assert column in {"checked_at", "hidden", "text", "why"}
        with self.db.transaction() as conn:
            conn.execute(
                f"INSERT INTO checklist_item(item_id, {column}) VALUES (?, ?) "
                f"ON CONFLICT(item_id) DO UPDATE SET {column} = excluded.{column}",
                (item_id, value),
            )

    def set_checked(self, item_id: str, when: datetime | None) -> None:
        self._upsert(item_id, "checked_at", _stamp(when))

    def set_hidden(self, item_id: str, hidden: bool) -> None:
        self._upsert(item_id, "hidden", int(hidden))

    def set_text(self, item_id: str, text: str | None, why: str | None) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO checklist_item(item_id, text, why) VALUES (?, ?, ?) "
                "ON CONFLICT(item_id) DO UPDATE SET text = excluded.text, why = excluded.why",
                (item_id, text, why),
            )

    def add_custom(self, group: str, text: str, why: str) -> str:
        with self.db.transaction() as conn:
            numbers = [int(row[0][len("custom-"):]) for row in conn.execute(
                "SELECT item_id FROM checklist_item WHERE custom = 1")]
            item_id = f"custom-{max(numbers, default=0) + 1}"
            conn.execute(
                "INSERT INTO checklist_item(item_id, custom, group_key, text, why) "
                "VALUES (?, 1, ?, ?, ?)", (item_id, group, text, why))
        return item_id

    def delete_custom(self, item_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM checklist_item WHERE item_id = ? AND custom = 1",
                         (item_id,))
            conn.execute("DELETE FROM checklist_notified WHERE item_id = ?", (item_id,))

    def set_positions(self, ordered_ids: list[str]) -> None:
        """Store a group's order: one transaction for the whole group."""
        with self.db.transaction() as conn:
            for position, item_id in enumerate(ordered_ids):
                conn.execute(
                    "INSERT INTO checklist_item(item_id, position) VALUES (?, ?) "
                    "ON CONFLICT(item_id) DO UPDATE SET position = excluded.position",
                    (item_id, position),
                )

    # -- names, books, travel ----------------------------------------------------
    def names(self) -> dict[str, str]:
        return {row["role"]: row["name"] for row in self.db.query("SELECT * FROM checklist_name")}

    def set_name(self, role: str, name: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO checklist_name(role, name) VALUES (?, ?) "
                         "ON CONFLICT(role) DO UPDATE SET name = excluded.name", (role, name))

    def books(self) -> dict[str, BookRecord]:
        return {row["book_id"]: BookRecord(row["edition_year"], bool(row["inspected"]))
                for row in self.db.query("SELECT * FROM checklist_book")}

    def set_book(self, book_id: str, edition_year: int | None, inspected: bool) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO checklist_book(book_id, edition_year, inspected) VALUES (?, ?, ?) "
                "ON CONFLICT(book_id) DO UPDATE SET edition_year = excluded.edition_year, "
                "inspected = excluded.inspected", (book_id, edition_year, int(inspected)))

    def travel(self) -> tuple[int, int] | None:
        row = self.db.query_one("SELECT * FROM checklist_travel WHERE id = 1")
        return None if row is None else (row["travel_minutes"], row["buffer_minutes"])

    def set_travel(self, travel_minutes: int, buffer_minutes: int) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO checklist_travel(id, travel_minutes, buffer_minutes) "
                "VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "travel_minutes = excluded.travel_minutes, "
                "buffer_minutes = excluded.buffer_minutes", (travel_minutes, buffer_minutes))

    def online_setup(self) -> tuple[int, int] | None:
        row = self.db.query_one("SELECT systest_minutes, room_minutes FROM checklist_travel "
                                "WHERE id = 1 AND systest_minutes IS NOT NULL")
        return None if row is None else (row["systest_minutes"], row["room_minutes"])

    def set_online_setup(self, systest_minutes: int, room_minutes: int,
                         default_travel: tuple[int, int]) -> None:
        """Store the online set-up times; ``default_travel`` fills a row not yet there."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO checklist_travel(id, travel_minutes, buffer_minutes, "
                "systest_minutes, room_minutes) VALUES (1, ?, ?, ?, ?) ON CONFLICT(id) DO "
                "UPDATE SET systest_minutes = excluded.systest_minutes, "
                "room_minutes = excluded.room_minutes",
                (*default_travel, systest_minutes, room_minutes))

    # -- reminders -------------------------------------------------------------
    def notified(self) -> dict[str, datetime]:
        return {row["item_id"]: datetime.fromisoformat(row["due_at"])
                for row in self.db.query("SELECT * FROM checklist_notified")}

    def mark_notified(self, entries: list[tuple[str, datetime]]) -> None:
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT INTO checklist_notified(item_id, due_at) VALUES (?, ?) "
                "ON CONFLICT(item_id) DO UPDATE SET due_at = excluded.due_at",
                [(item_id, due.isoformat()) for item_id, due in entries])
