"""export: ACLED CSV, GeoJSON, Parquet, JSON Lines."""
