"""spaCy pipeline: loaded once per process, from a model shipped as a PyPI package."""
