"""The dashboard page: where the candidate stands and what to do next."""
