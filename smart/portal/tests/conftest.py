"""Fixtures shared by the portal's tests."""

import pytest
from django.urls import get_script_prefix, set_script_prefix


@pytest.fixture
def script_prefix():
    """``script_prefix("/smart/")`` serves the test under that prefix (a proxy's
    SCRIPT_NAME); the prefix before the test is restored after it."""
    before = get_script_prefix()
    yield set_script_prefix
    set_script_prefix(before)
