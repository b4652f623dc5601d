"""What the UI calls: one service per feature, built from core logic and a repository."""
