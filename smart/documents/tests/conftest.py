import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test here writes real files, into its own directory."""
    settings.MEDIA_ROOT = tmp_path / "documents"
    return settings.MEDIA_ROOT
