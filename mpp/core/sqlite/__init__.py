"""MPP's SQLite database backend: Django's, with writers that queue fairly (see `base`)."""
