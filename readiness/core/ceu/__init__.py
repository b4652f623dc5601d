"""After passing: the two-year recertification cycle, CEU rules kept as data, progress."""
