"""The study plan page: set-up, today (with timer), week, progress, milestones."""
