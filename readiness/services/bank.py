"""The question bank the app uses: the shipped files plus the banks the user imported.

Imported banks are kept as bank-v2 JSON files in ``<home>/banks/`` (one file
per import, written to a temporary file and renamed into place, so a crash
never leaves half a file).  They are plain files on purpose: the user can back
them up, share them and check them with ``python -m readiness.bank check``.

An import is all or nothing: the source is parsed completely, mapped, checked
for the bank rules (apart from code existence, which needs a code book) and for
ids that clash with the banks already present, and only then written.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from readiness.core.bank.check import CheckReport, blueprint_tasks, check_bank, check_files
from readiness.core.bank.export import dumps_bank
from readiness.core.bank.importing import (
    FORMAT_NAMES,
    ImportResult,
    Skipped,
    import_text,
    slug,
)
from readiness.core.bank.loader import load_bank_file, merge_banks, shipped_bank_dir
from readiness.core.bank.models import Bank, CodeRef, CodeSystem, Difficulty
from readiness.core.blueprint import load_blueprints
from readiness.core.codes import CodeStatus, CodeValidator
from readiness.core.errors import ImportFailed, UserError
from readiness.core.progress import Progress
from readiness.resources import resource_path

BANKS_FOLDER = "banks"
MAX_IMPORT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class BankFileInfo:
    name: str  # file stem; what remove() takes
    title: str
    path: Path
    shipped: bool
    items: int
    scenarios: int
    error: str = ""  # why the file could not be read (imported files only)


@dataclass(frozen=True)
class ImportReport:
    name: str
    title: str
    source: Path
    format: str  # display name of the source format
    imported: int
    skipped: tuple[Skipped, ...]

    def summary(self) -> str:
        noun = "question" if self.imported == 1 else "questions"
        text = f"Imported {self.imported} {noun} from {self.source.name} ({self.format})."
        if self.skipped:
            text += f" Skipped {len(self.skipped)}:\n" + "\n".join(f"- {s}" for s in self.skipped)
        return text


class _NoCodeSets:
    """Imports are checked for every bank rule except code existence (no code book here)."""

    def status(self, ref: CodeRef) -> CodeStatus:
        return CodeStatus.UNAVAILABLE

    def edition(self, system: CodeSystem) -> str | None:
        return None


def write_text_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and os.replace: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def read_source_text(path: Path) -> str:
    """The text of a question file: a regular file, at most MAX_IMPORT_BYTES, UTF-8.

    Opened without blocking and checked before reading: a FIFO used to hang the import
    forever and /dev/zero read until memory ran out.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ImportFailed(f"cannot read the file: {exc.strerror or exc}",
                           where=path.name) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ImportFailed(f"not a regular file ({_file_kind(info.st_mode)}); choose a "
                               "question file", where=path.name)
        if info.st_size > MAX_IMPORT_BYTES:
            raise ImportFailed(
                f"the file is {info.st_size // (1024 * 1024)} MB; question files over "
                f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB are not imported",
                where=path.name,
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)  # a file growing while read stops here
        if len(data) > MAX_IMPORT_BYTES:
            raise ImportFailed(f"the file is over {MAX_IMPORT_BYTES // (1024 * 1024)} MB; "
                               "question files that large are not imported", where=path.name)
    except OSError as exc:
        raise ImportFailed(
            f"cannot read the file: {exc.strerror or exc}", where=path.name
        ) from None
    finally:
        os.close(fd)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed(
            f"line {line}: not UTF-8 text (save the file as UTF-8 and import it again)",
            where=path.name,
        ) from None


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _ids(bank: Bank) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in bank.items:
        out[item.id] = item.source_file
    for scenario in bank.scenarios:
        out[scenario.id] = scenario.source_file
        for question in scenario.questions:
            out[question.id] = scenario.source_file
    return out


ValidatorFactory = Callable[[Path, Progress | None], CodeValidator]


def _codebook_validator(codesets_dir: Path, progress: Progress | None) -> CodeValidator:
    from readiness.codebook.validator import open_validator

    codesets_dir.mkdir(parents=True, exist_ok=True)
    return open_validator(codesets_dir, progress)


class BankService:
    def __init__(
        self,
        home: Path,
        shipped_dir: Path | None = None,
        codesets_dir: Path | None = None,
        validator_factory: ValidatorFactory | None = None,
    ) -> None:
        self.folder = home / BANKS_FOLDER
        self.shipped_dir = shipped_dir if shipped_dir is not None else shipped_bank_dir()
        self.codesets_dir = codesets_dir if codesets_dir is not None else home / "codesets"
        self.validator_factory = validator_factory or _codebook_validator
        self._cache: tuple[tuple[tuple[str, int, int], ...], Bank] | None = None
        # imports run on a worker thread while the GUI thread may read the bank
        self._lock = threading.RLock()
        self._files: dict[Path, tuple[tuple[int, int], Bank | str]] = {}

    # -- reading -----------------------------------------------------------------------
    def _imported_paths(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob("*.json") if not p.name.startswith("."))

    def _shipped_paths(self) -> list[Path]:
        return sorted(self.shipped_dir.glob("*.json")) if self.shipped_dir.is_dir() else []

    def _load(self, path: Path, validate: bool = True) -> Bank | str:
        """One file's bank, or why it cannot be read; cached until the file changes.
        Shipped files skip the JSON Schema (``bank check`` validates them in CI)."""
        try:
            stat = path.stat()
        except OSError as exc:
            return f"{path.name}: cannot read: {exc.strerror or exc}"
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._files.get(path)
            if cached is not None and cached[0] == stamp:
                return cached[1]
            try:
                loaded: Bank | str = load_bank_file(path, validate)
            except UserError as exc:
                loaded = str(exc)
            self._files[path] = (stamp, loaded)
            return loaded

    def all(self) -> Bank:
        """Shipped and imported questions as one bank (unreadable imported files left out)."""
        with self._lock:
            return self._all()

    def _all(self) -> Bank:
        paths = [*self._shipped_paths(), *self._imported_paths()]
        stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.exists())
        if self._cache is not None and self._cache[0] == stamp:
            return self._cache[1]
        banks = []
        for path in self._shipped_paths():
            loaded = self._load(path, validate=False)
            if isinstance(loaded, str):  # a broken shipped file is a bug: say so loudly
                raise UserError(loaded)
            banks.append(loaded)
        for path in self._imported_paths():
            loaded = self._load(path)
            if isinstance(loaded, Bank):
                banks.append(loaded)
        bank = merge_banks(banks)
        self._cache = (stamp, bank)
        return bank

    def _info(self, path: Path, shipped: bool) -> BankFileInfo:
        loaded = self._load(path)
        title = path.stem
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(raw, dict) and isinstance(raw.get("title"), str) and raw["title"]:
                title = raw["title"]
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            pass
        if isinstance(loaded, str):
            return BankFileInfo(path.stem, title, path, shipped, 0, 0, error=loaded)
        return BankFileInfo(
            path.stem, title, path, shipped, len(loaded.items), len(loaded.scenarios)
        )

    def shipped(self) -> list[BankFileInfo]:
        return [self._info(p, True) for p in self._shipped_paths()]

    def imported(self) -> list[BankFileInfo]:
        return [self._info(p, False) for p in self._imported_paths()]

    # -- changing ----------------------------------------------------------------------
    def _free_name(self, wanted: str) -> str:
        taken = {p.stem for p in self._imported_paths()} | {p.stem for p in self._shipped_paths()}
        if wanted not in taken:
            return wanted
        number = 2
        while f"{wanted}-{number}" in taken:
            number += 1
        return f"{wanted}-{number}"

    def import_file(
        self, path: Path, domain: str, difficulty: Difficulty = "medium"
    ) -> ImportReport:
        """Import a GIFT, Moodle XML or bank JSON file; nothing is written if anything fails."""
        text = read_source_text(path)
        with self._lock:
            return self._import(path, text, domain, difficulty)

    def _import(self, path: Path, text: str, domain: str, difficulty: Difficulty) -> ImportReport:
        name = self._free_name(slug(path.stem))
        result: ImportResult = import_text(
            text, file_name=path.name, domain=domain, id_prefix=name, difficulty=difficulty
        )
        target = self.folder / f"{name}.json"
        bank = _with_source(result.bank, target.name)
        report = check_bank(bank, _NoCodeSets())
        if report.problems:
            shown = "; ".join(f"{p.item_id}: {p.message}" for p in report.problems[:3])
            more = f" (and {len(report.problems) - 3} more)" if len(report.problems) > 3 else ""
            raise ImportFailed(f"breaks the bank rules: {shown}{more}", where=path.name)
        existing = _ids(self.all())
        for entry_id in _ids(bank):
            if entry_id in existing:
                raise ImportFailed(
                    f"the id {entry_id!r} is already used by {existing[entry_id]}; "
                    "remove that bank first or change the ids",
                    where=path.name,
                )
        title = _source_title(text, result) or path.name
        write_text_atomic(target, dumps_bank(bank, title=title))
        return ImportReport(
            name=name,
            title=title,
            source=path,
            format=FORMAT_NAMES[result.format],
            imported=result.count,
            skipped=result.skipped,
        )

    def check(self, progress: Progress | None = None) -> CheckReport:
        """Every bank file, shipped and imported, through the full bank check (codes included).

        Opens its own code-book connection, so it can run on a worker thread.
        """
        validator = self.validator_factory(self.codesets_dir, progress)
        tasks = blueprint_tasks(load_blueprints(resource_path("blueprints")))
        paths = [*self._shipped_paths(), *self._imported_paths()]
        return check_files(paths, validator, tasks, progress)

    def export(self, target: Path, name: str | None = None) -> tuple[int, int]:
        """Write one bank (by name) or all of them merged to ``target``; (items, scenarios)."""
        if name is None:
            bank, title = self.all(), "CCS Readiness questions"
        else:
            infos = [i for i in [*self.shipped(), *self.imported()] if i.name == name]
            if not infos or infos[0].error:
                raise UserError(f"no readable bank is called {name!r}")
            loaded = self._load(infos[0].path)
            assert isinstance(loaded, Bank)
            bank, title = loaded, infos[0].title
        write_text_atomic(target, dumps_bank(bank, title=title))
        return len(bank.items), len(bank.scenarios)

    def remove(self, name: str) -> None:
        """Delete an imported bank (shipped banks cannot be removed)."""
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
            raise UserError(f"no imported bank is called {name!r}")
        path = self.folder / f"{name}.json"
        if not path.exists():
            raise UserError(f"no imported bank is called {name!r}")
        with self._lock:
            path.unlink()
            self._cache = None


def _with_source(bank: Bank, source_file: str) -> Bank:
    from dataclasses import replace

    return Bank(
        items=tuple(replace(i, source_file=source_file) for i in bank.items),
        scenarios=tuple(replace(s, source_file=source_file) for s in bank.scenarios),
        files=(source_file,),
    )


def _source_title(text: str, result: ImportResult) -> str:
    if result.format != "bank-json":
        return ""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return ""
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, str) else ""
