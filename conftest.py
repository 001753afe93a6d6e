import pytest
from django.test import Client


@pytest.fixture
def cast(db):
    """The role personas (see tests/personas.py)."""
    from tests.personas import build_cast

    return build_cast()


@pytest.fixture(autouse=True)
def seeded_reference_tables(request):
    """A transactional test flushes every table after it, seeded code tables
    included, and pytest-django does not always restore its serialized copy when
    ordinary and transactional tests share a session. Before each transactional
    test, seed what is missing with the functions the data migrations use."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False))
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    from smart.documents.models import DocumentType
    from smart.references.models import Sex

    if not apps.is_installed("smart.references"):
        return  # a test limited to other apps (available_apps) has no code tables to seed
    if not Sex.objects.exists():
        importlib.import_module("smart.references.migrations.0002_seed_national_codes").seed(
            apps, None)
    if not DocumentType.objects.exists():
        importlib.import_module("smart.documents.migrations.0002_seed_document_types").seed(
            apps, None)


@pytest.fixture(autouse=True)
def fresh_process_caches():
    """Each test starts without the process's held code tables (decision 218)
    and an empty cache (kept profile sections, list counts: decision 219): a
    test's own rows are rolled back or flushed after it, without the signals
    that clear the copy, and ids may come again."""
    from django.core.cache import cache

    from smart.references.held import forget_held_rows

    forget_held_rows()
    cache.clear()
    yield
    forget_held_rows()
    cache.clear()


@pytest.fixture(autouse=True)
def private_document_store(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "documents"
    settings.SMART_JOB_DIR = tmp_path / "jobs"
    settings.SMART_AUDIT_ANCHOR_FILE = tmp_path / "audit-anchors.jsonl"
    settings.SMART_IMPORT_DIR = tmp_path / "imports"


class SecondFactorClient(Client):
    """The test client signs in past both factors, as ``force_login`` already
    skips the password: the user gets a confirmed authenticator and the session
    counts as verified. The second-factor tests use a plain ``Client``."""

    def _login(self, user, backend=None):
        super()._login(user, backend)
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = (TOTPDevice.objects.filter(user=user, confirmed=True).first()
                  or TOTPDevice.objects.create(user=user, name="test", confirmed=True))
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture
def client():
    return SecondFactorClient()
