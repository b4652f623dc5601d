"""The exam-day checklist page."""
