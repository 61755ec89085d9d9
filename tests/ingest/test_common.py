"""common: what the ingest readers share: an article's text and identity, printable messages."""

import datetime as dt

import pytest

from conflictcoder.ingest.common import article_id, normalise_text, printable

PUB = dt.date(2024, 1, 9)


# --- text and identity -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("a  \r\nb\t\r\n\r\nc", "a\nb\n\nc"),  # CRLF, trailing spaces; paragraph break kept
        ("a\rb", "a\nb"),  # old Mac line endings
        ("\n\n  first\nsecond\n\n", "first\nsecond"),  # leading/trailing blank lines
        ("Cafe\u0301", "Caf\u00e9"),  # NFC
        ("\ufeffBOM", "BOM"),
    ],
)
def test_normalise_text(raw, expected):
    assert normalise_text(raw) == expected


def test_article_id_ignores_whitespace_case_and_line_endings():
    a = article_id("Three  civilians\r\nwere killed.", PUB)
    assert a == article_id("three civilians were killed.  ", PUB)
    assert len(a) == 16 and int(a, 16) >= 0
    assert a != article_id("Three civilians were killed.", PUB + dt.timedelta(days=1))
    assert a != article_id("Four civilians were killed.", PUB)


def test_printable_escapes_control_characters_and_cuts():
    assert printable("a\x1b[31mb\nc") == "a\\x1b[31mb\\nc"
    assert printable("x" * 50, limit=10) == "xxxxxxx..."
