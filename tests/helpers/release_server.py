"""A local HTTP server on 127.0.0.1 serving fixture release zips (download tests).

Each case is a path: success, 404, an HTML page instead of the zip, a truncated body,
a slow body (it waits on an Event, never a sleep) and redirects.
"""

from __future__ import annotations

import contextlib
import io
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"


def _release_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(FIXTURES / "pcs-tables-mini.xml", "icd10pcs_tables_2026.xml")
        zf.write(FIXTURES / "pcs-index-mini.xml", "icd10pcs_index_2026.xml")
        zf.writestr("readme.txt", "format notes")
    return buf.getvalue()


ZIP = _release_zip()
HTML = b"<!DOCTYPE html><html><body>Page not found - CMS</body></html>"


class Server:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self.release = threading.Event()  # the slow body continues once set
        self.started_slow = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append(self.path)
                route = {
                    "/files/release.zip": lambda: self._send(200, ZIP, "application/zip"),
                    "/files/missing.zip": lambda: self._send(404, b"not found", "text/plain"),
                    "/files/page.zip": lambda: self._send(200, HTML, "text/html; charset=utf-8"),
                    "/files/page-as-zip.zip": lambda: self._send(200, HTML, "application/zip"),
                    "/files/truncated.zip": self._truncated,
                    "/files/slow.zip": self._slow,
                    "/files/moved.zip": lambda: self._redirect("/files/release.zip"),
                    "/files/moved-to-page.zip": lambda: self._redirect("/files/page.zip"),
                    "/files/not-a-release.zip": lambda: self._send(200, _other_zip(),
                                                                   "application/zip"),
                }.get(self.path)
                if route is None:
                    self._send(404, b"", "text/plain")
                else:
                    route()

            def _send(self, status: int, body: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _redirect(self, to: str) -> None:
                self.send_response(302)
                self.send_header("Location", to)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _truncated(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/zip")
                self.send_header("Content-Length", str(len(ZIP)))
                self.end_headers()
                self.wfile.write(ZIP[: len(ZIP) // 2])
                self.wfile.flush()
                self.close_connection = True

            def _slow(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/zip")
                self.send_header("Content-Length", str(len(ZIP)))
                self.end_headers()
                self.wfile.write(ZIP[:1024])
                self.wfile.flush()
                server.started_slow.set()
                server.release.wait(timeout=60)
                with contextlib.suppress(OSError):  # the client may have hung up (Cancel)
                    self.wfile.write(ZIP[1024:])

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _other_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.write(FIXTURES / "pcs-definitions-mini.xml", "icd10pcs_tables_2026.xml")
    return buf.getvalue()


