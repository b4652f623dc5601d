"""CCS Readiness: study planner, exam-day checklist and practice for the AHIMA CCS exam."""

__version__ = "0.1.0"
