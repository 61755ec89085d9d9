"""Property-based API tests from the app's own OpenAPI schema (schemathesis): whatever the
schema allows, the server answers without a server error, with the documented status codes,
content types and response shapes. Writes are sent with the token, so they run too (on this
module's copy of the real store, put under the app by a fixture: the schema is read when the
module is collected, before any store exists)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from schemathesis.checks import positive_data_acceptance
from hypothesis import HealthCheck, settings

from conflictcoder.web.app import create_app
from conflictcoder.web.db import SharedStore
from tests.web.conftest import TOKEN

_EMPTY = Path(tempfile.mkdtemp(prefix="cc-schema-")) / "empty.duckdb"
app = create_app(_EMPTY, token=TOKEN, hosts=("localhost", "testserver"))  # the in-process client's names
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module", autouse=True)
def real_store(db_file):
    empty = app.state.store
    app.state.store = SharedStore(db_file)
    yield
    app.state.store.close()
    app.state.store = empty
    empty.close()


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case):
    # positive_data_acceptance is left out: rules across fields (a sub-event type of the given
    # type, a field both set and cleared, an end before the start, an unchanged value) cannot be
    # said in JSON Schema, so schema-valid bodies may get a 422; test_api.py asserts those rules.
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=[positive_data_acceptance])


@schema.include(method="POST").parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_write_routes_conform_to_their_schema(case):
    # more examples on the writes: bodies that JSON Schema refuses (a `false` coordinate, a
    # string for a number) must get a 422, and every answer must match its documented shape
    # (times with their UTC offset, as `format: date-time` requires)
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=[positive_data_acceptance])
