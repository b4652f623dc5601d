from cbhelpers import book, full_cm  # noqa: F401  (fixtures)
