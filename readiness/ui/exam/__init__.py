"""The practice-exam page, driver, review and results."""
