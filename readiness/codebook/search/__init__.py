"""Search of the code books the way coders type: abbreviations and lay terms, typos,
joined and hyphenated spellings, plurals, stages, partial matches and a ranking that puts
the index and the everyday code first.  No Qt, no SQL (the stores answer the look-ups)."""

from readiness.codebook.search.engine import SearchResult, TextSearch

__all__ = ["SearchResult", "TextSearch"]
