import pytest


@pytest.fixture
def cast(db):
    """The role personas (see tests/personas.py)."""
    from tests.personas import build_cast

    return build_cast()


@pytest.fixture(autouse=True)
def private_document_store(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "documents"
