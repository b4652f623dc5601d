"""Download one official release file on request, and check what arrived.

urllib (standard library) is enough here: one GET of a public file, redirects
followed, read in chunks so progress and Cancel work; a third-party HTTP client
would add a dependency for nothing we use.  The file goes to a temporary path the
caller owns; every failure (no network, 404, an HTML page instead of the zip, a
truncated or wrong file) raises :class:`DownloadFailed` naming the problem and
the official page for a manual download, and leaves nothing behind.
"""

from __future__ import annotations

import http.client
import re
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from readiness import __version__
from readiness.codebook.importer import sha256_file
from readiness.codebook.manifest import ReleaseFile
from readiness.core.errors import ImportFailed
from readiness.core.progress import NullProgress, Progress

CHUNK = 64 * 1024
TIMEOUT_S = 30.0
MAX_DOWNLOAD = 300 * 1024 * 1024


class DownloadFailed(ImportFailed):
    """The file could not be downloaded or is not the official file; nothing changed."""


def _fail(entry: ReleaseFile, problem: str) -> DownloadFailed:
    return DownloadFailed(f"{problem}. Nothing was changed. You can download it by hand from "
                          f"{entry.page} and import it with Import code set file….",
                          where=entry.file_name)


def fetch(entry: ReleaseFile, target: Path, progress: Progress | None = None,
          timeout: float = TIMEOUT_S) -> Path:
    """GET ``entry.url`` into ``target`` and check it (see :func:`check`)."""
    progress = progress or NullProgress()
    host = urlsplit(entry.url).hostname or entry.url
    request = urllib.request.Request(entry.url, headers={
        "User-Agent": f"CCS-Readiness/{__version__} (code book download)"})
    try:
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                _save(entry, response, target, progress)
        except urllib.error.HTTPError as exc:
            exc.close()  # it holds the connection open
            raise _fail(entry, f"the server answered {exc.code} {exc.reason} for "
                               f"{entry.url}") from None
        except urllib.error.URLError as exc:
            raise _fail(entry, f"could not reach {host} ({exc.reason}); check the "
                               "network connection") from None
        except TimeoutError:
            raise _fail(entry, f"{host} stopped answering (no data for {timeout:.0f} s)") \
                from None
        except (http.client.IncompleteRead, ConnectionError) as exc:
            raise _fail(entry, f"the download was cut off ({exc.__class__.__name__})") \
                from None
        check(entry, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _save(entry: ReleaseFile, response: http.client.HTTPResponse, target: Path,
          progress: Progress) -> None:
    ctype = (response.headers.get("Content-Type") or "").lower()
    if "text/html" in ctype:
        raise _fail(entry, f"{response.geturl()} returned a web page, not the file (the "
                           "file may have moved)")
    length = response.headers.get("Content-Length")
    expected = int(length) if length and length.isdigit() else None
    total = expected or entry.size or 0
    received = 0
    with target.open("wb") as out:
        # read1: whatever has arrived (up to CHUNK), so progress and Cancel keep up with a
        # slow server instead of waiting for a whole chunk
        while chunk := response.read1(CHUNK):
            received += len(chunk)
            if received > MAX_DOWNLOAD:
                raise _fail(entry, f"the download is larger than {MAX_DOWNLOAD:,} bytes")
            out.write(chunk)
            progress.report(min(received, total) if total else 0, total,
                            f"Downloading {entry.file_name}")
            progress.check()
    if expected is not None and received < expected:
        raise _fail(entry, f"the download stopped after {received:,} of {expected:,} bytes")


def check(entry: ReleaseFile, path: Path) -> None:
    """What arrived is the file the manifest describes: a sound zip, the right size and
    checksum where known, each expected member present with its XML root element."""
    with path.open("rb") as f:
        head = f.read(512)
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        raise _fail(entry, "a web page arrived instead of the file (the file may have moved)")
    size = path.stat().st_size
    if entry.size_exact and entry.size is not None and size != entry.size:
        raise _fail(entry, f"the file is {size:,} bytes; the official file is "
                           f"{entry.size:,} bytes")
    if entry.sha256 is not None and sha256_file(path) != entry.sha256:
        raise _fail(entry, "the file's SHA-256 checksum is not the official file's")
    if not zipfile.is_zipfile(path):
        raise _fail(entry, "what arrived is not a zip archive (damaged or cut short)")
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
            names = [i.filename for i in zf.infolist() if not i.is_dir()]
            if bad is not None:
                raise _fail(entry, f"member {bad} of the zip is damaged")
            for member in entry.members:
                found = [n for n in names if member.matches(n.rsplit("/", 1)[-1])]
                if not found:
                    raise _fail(entry, f"the zip lacks the expected member ({member.pattern})")
                if member.root is not None:
                    _check_root(entry, zf, found, member.root)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _fail(entry, f"the zip cannot be read ({exc})") from None


def _check_root(entry: ReleaseFile, zf: zipfile.ZipFile, names: list[str], root: str) -> None:
    """At least one member of this name has the expected root element."""
    roots = []
    for name in names:
        with zf.open(name) as src:
            got = first_tag(src.read(8192))
        if got == root:
            return
        roots.append(got or "none")
    raise _fail(entry, f"{names[0].rsplit('/', 1)[-1]} has root element <{roots[0]}>, not "
                       f"<{root}>")


_PROLOG = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", re.S)
_TAG = re.compile(rb"<([A-Za-z_][\w.\-]*)[\s>/]")


def first_tag(head: bytes) -> str:
    """The root element's name from the first bytes of an XML document."""
    m = _TAG.search(_PROLOG.sub(b"", head.lstrip(b"\xef\xbb\xbf")))
    return m.group(1).decode("ascii", errors="replace") if m else ""
