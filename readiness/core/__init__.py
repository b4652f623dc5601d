"""Pure domain logic: no Qt, no SQL, no file or network I/O beyond reading given paths."""
