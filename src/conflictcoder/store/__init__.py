"""store: the DuckDB event store."""
