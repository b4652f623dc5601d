"""Render every page, light and dark, at the supported window sizes to docs/screens/.

Usage: ``QT_QPA_PLATFORM=offscreen python scripts/render_screens.py [OUT_DIR]
[--all]``.  Without ``--all`` it writes the committed set: every page in dark at
1024x640 and in light at 1366x768 (small enough to keep in git); ``--all`` adds
every other size and scheme.  Uses a throw-away data folder filled with a
sample candidate's data (scripts/demo_data.py) and the bundled ICD-10-CM code
book, built once.  Cut-off labels and buttons found on each screen are printed
(see readiness/ui/layout_check.py); the offscreen platform ignores the
colour-scheme hint, so dark here is the app's own palette, as on a plain X
session.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from demo_data import seed  # noqa: E402

from readiness.paths import AppPaths  # noqa: E402
from readiness.ui import appearance  # noqa: E402
from readiness.ui.app import Started, start  # noqa: E402
from readiness.ui.dialogs import ScriptedDialogs  # noqa: E402
from readiness.ui.layout_check import cut_off  # noqa: E402
from readiness.workspace import Workspace  # noqa: E402

SIZES = ((1024, 640), (1366, 768), (1440, 900))
COMMITTED = (("dark", (1024, 640)), ("light", (1366, 768)))


def main(argv: list[str]) -> int:
    everything = "--all" in argv
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0]) if args else ROOT / "docs" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    shots = [(s, size) for s in ("dark", "light") for size in SIZES] if everything \
        else list(COMMITTED)
    problems = 0
    with tempfile.TemporaryDirectory() as home:
        workspace, _ = Workspace.open(AppPaths(Path(home)))
        seed(workspace)
        workspace.codebook.build_default()  # the code book page shows codes, not "building"
        workspace.close()
        started = start(AppPaths(Path(home)), ScriptedDialogs())
        assert isinstance(started, Started)
        window = started.window
        for scheme, (width, height) in shots:
            appearance.apply_scheme(scheme, started.app)
            window.resize(width, height)
            for key in window.page_keys():
                window.show_page(key)
                for _ in range(3):  # layout passes: a scroll area resizes its page a pass later
                    started.app.processEvents()
                path = out / f"{scheme}-{width}x{height}-{key}.png"
                window.grab().save(str(path))
                found = cut_off(window)
                problems += len(found)
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                for line in found:
                    print(f"  cut off: {line}")
        started.shutdown()
    print(f"{problems} cut-off label(s) or button(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
