"""The user database: the only place with SQL for user data."""
