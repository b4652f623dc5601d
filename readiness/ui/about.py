"""About (version, data sources and their licences) and the help window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

DATA_SOURCES = """
<h3>Data sources and licences</h3>
<ul>
<li><b>ICD-10-CM</b> (FY2026, April 1 2026 update) — National Center for Health Statistics,
CDC. A U.S. Government work in the public domain. The bundled Tabular List comes from the
<i>simple-icd-10-cm</i> package (MIT licence), which carries CDC's XML unchanged.</li>
<li><b>ICD-10-PCS</b> — Centers for Medicare &amp; Medicaid Services. Public domain. The FY2026
Tables, Definitions and order file and the FY2025 Index ship with the app as CMS released
them; the External Cause Index, Neoplasm Table and Table of Drugs (ICD-10-CM FY2025, CDC)
too. See <i>readiness/resources/codesets/PROVENANCE.md</i>.</li>
<li><b>CPT®</b> is a registered trademark of the American Medical Association. CCS Readiness
ships no CPT descriptors; questions cite code numbers only. You may import your own licensed
list.</li>
<li><b>HCPCS Level II</b> — CMS, public domain; the October 2025 file ships with the app
(Level II codes only).</li>
<li><b>Questions, scenarios and explanations</b> — original work of the CCS Readiness authors
(CC BY 4.0).</li>
<li>Exam facts (length, item counts, ID and book rules) are kept as data with their source;
AHIMA's current candidate guide is the authority.</li>
</ul>
<p>CCS® is a credential of AHIMA. CCS Readiness is independent and not endorsed by AHIMA or
Pearson VUE.</p>
<p>Libraries: Qt 6 and PySide6 (LGPLv3), platformdirs (MIT), icalendar (BSD), fsrs (MIT),
drgpy, pyqtgraph (MIT), jsonschema (MIT), genanki (MIT), python-calamine (MIT), openpyxl (MIT).</p>
"""

HELP = """
<h2>CCS Readiness</h2>
<p>Prepare for AHIMA's Certified Coding Specialist exam: plan your weeks, practise under
test-center conditions with an offline code book, and walk into the exam with nothing
forgotten.</p>
<h3>Sections</h3>
<ul>
<li><b>Dashboard</b> (Ctrl+1) — days to the exam, today's study, readiness by domain.</li>
<li><b>Study plan</b> (Ctrl+2) — set your exam date and weekly hours; the plan spreads study over
the exam's content domains by weight and by how your practice is going.</li>
<li><b>Exam-day checklist</b> (Ctrl+3) — IDs that match your Authorization to Test, code books,
leave-by time, a printable card.</li>
<li><b>Practice exam</b> (Ctrl+4) — timed mock exams and custom practice with flag, review,
strike-through and calculator, as at the test center.</li>
<li><b>Code book</b> (Ctrl+5) — the ICD-10-CM Tabular List, External Cause Index, Neoplasm
Table and Table of Drugs, the ICD-10-PCS Tables, Index and Definitions and HCPCS Level II
are built in (on first use, in the background). The ICD-10-CM Alphabetic Index and newer
editions come from CDC's and CMS's release files: <i>Code sets → Get official files…</i>
downloads them when you ask, or import a file you have.</li>
<li><b>Code-book drills</b> (Ctrl+6) — timed look-ups drawn from the installed books (Index,
Neoplasm and Drug tables, PCS tables): find the code in the code book beside the prompt, type
it, Enter; Enter again for the next. Set a target speed; the dashboard shows how you compare.
</li>
<li><b>Recertification</b> (Ctrl+7) — after you pass: record the day, choose the CEU rule
(AHIMA's 20 CEUs or the study guide's 80; verify with AHIMA), log activities with their
certificates, export the log as CSV.</li>
<li><b>File → Export missed and flagged to Anki</b> — the questions you missed or flagged, one
deck per domain; importing a newer export updates the same cards.</li>
</ul>
<h3>Keys in the exam driver</h3>
<ul>
<li><b>A</b>–<b>F</b> or <b>1</b>–<b>6</b> choose an option; <b>Alt+1</b>–<b>Alt+6</b> strike
it out.</li>
<li><b>Alt+N</b> next, <b>Alt+P</b> previous, <b>Ctrl+F</b> flag, <b>Ctrl+R</b> review screen,
<b>Ctrl+E</b> end the exam.</li>
<li><b>Ctrl+H</b> highlight the selected text, <b>Ctrl+K</b> calculator, <b>Ctrl+B</b> code book,
<b>Ctrl++</b> / <b>Ctrl+−</b> text size.</li>
</ul>
<h3>Keys in the code book</h3>
<ul>
<li><b>Ctrl+L</b> search (Down goes to the results, Enter opens the first),
<b>Alt+Left</b> / <b>Alt+Right</b> back and forward.</li>
<li><b>Ctrl+D</b> bookmark, <b>Ctrl+Shift+C</b> copy the code, <b>Ctrl+B</b> PCS builder,
<b>Alt+1</b>–<b>Alt+5</b> the Results, Tabular, Index, PCS and Bookmarks tabs.</li>
</ul>
<h3>Appearance</h3>
<p><b>View → Appearance</b>: follow the system (including its high-contrast setting, where
the desktop reports it), Light, Dark, or High contrast — white and yellow on black, every
text at least 7:1 against its background, controls with a visible edge and focus in
yellow. The exam driver's own High contrast button does the same for the exam window.</p>
<h3>Your data</h3>
<p>Everything you enter is saved the moment you enter it, on this computer only. Backups of
the last seven starts are kept beside it (File ▸ Open data folder). The app makes no network
connection.</p>
"""


class _TextDialog(QDialog):
    def __init__(self, title: str, html: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName(f"{title} text")
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout.addWidget(self.text)
        layout.addWidget(buttons)


class AboutDialog(_TextDialog):
    def __init__(self, version: str, home: Path, parent: QWidget | None = None) -> None:
        html = (f"<h2>CCS Readiness {version}</h2><p>Your data folder: <code>{home}</code></p>"
                + DATA_SOURCES)
        super().__init__("About CCS Readiness", html, parent)


class HelpDialog(_TextDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("CCS Readiness help", HELP, parent)
