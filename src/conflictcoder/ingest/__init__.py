"""read: files and streams into `Article`s (see reader.py)."""
