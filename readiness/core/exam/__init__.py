"""Practice exam: form assembly (forms), attempt state (session), scoring (scoring)."""
