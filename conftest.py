import pytest
from django.test import Client


@pytest.fixture
def cast(db):
    """The role personas (see tests/personas.py)."""
    from tests.personas import build_cast

    return build_cast()


@pytest.fixture(autouse=True)
def private_document_store(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "documents"
    settings.SMART_JOB_DIR = tmp_path / "jobs"
    settings.SMART_AUDIT_ANCHOR_FILE = tmp_path / "audit-anchors.jsonl"


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
