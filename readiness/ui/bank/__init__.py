"""The question bank manager (File → Question bank…, File → Import questions…)."""
