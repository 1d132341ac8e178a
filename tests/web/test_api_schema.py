"""The OpenAPI schema holds against the live API: a bounded schemathesis run."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from pipeline.web import Limits, create_app
from tests.web_support import make_root, open_store, settings_for, token

schemathesis = pytest.importorskip("schemathesis")
EXAMPLES = 25  # per operation: enough to catch a broken contract, small enough for CI
# A body can fit the schema and still not be a release (no text, say): that 422 is the API
# doing its job, so "schema-valid data must be accepted" is not checked.
SEMANTIC_CHECKS = [schemathesis.checks.positive_data_acceptance]


def test_the_api_keeps_its_schema(tmp_path):
    root = make_root(tmp_path / "root")
    store = open_store(root)
    secret = token(store, root, "press")
    store.close()
    app = create_app(root, settings_for(root), limits=Limits(api_requests=100_000))
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 3
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(
                headers={"Authorization": f"Bearer {secret}"}, excluded_checks=SEMANTIC_CHECKS
            )

        check()
