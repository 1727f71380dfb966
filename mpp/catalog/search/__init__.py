"""Service search: one query function over the catalogue.

`search_services` is the only entry point views and the API use; the engine behind it
(SQLite FTS5 or PostgreSQL full-text, fed by the Indonesian normaliser) can change freely.
"""

from mpp.catalog.search.engine import SearchResult, search_services

__all__ = ["SearchResult", "search_services"]
