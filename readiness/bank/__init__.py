"""``python -m readiness.bank``: check, import and export question banks from a terminal."""
