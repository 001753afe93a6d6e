import pytest


@pytest.fixture
def cast(db):
    """The role personas (see tests/personas.py)."""
    from tests.personas import build_cast

    return build_cast()
