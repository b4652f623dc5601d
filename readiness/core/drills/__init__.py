"""Code-book speed drills: prompts generated from the official books, timed and scored."""
