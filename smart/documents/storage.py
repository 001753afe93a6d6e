"""Where supporting documents live: a private directory with no URL.

The files sit under ``settings.MEDIA_ROOT`` (``SMART_DATA_DIR/documents``),
outside the static and web roots, readable by the service account only. No
URL can be built for them; the one way out is the download view, which asks
``Document.objects.visible_to`` first (defect 7, security F2/Z10).
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="smart.documents.storage.PrivateDocumentStorage")
class PrivateDocumentStorage(FileSystemStorage):
    def __init__(self) -> None:
        # location=None follows settings.MEDIA_ROOT, also when a test changes it.
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    def url(self, name):
        raise ValueError("Supporting documents have no URL; serve them with documents:download.")


_storage = PrivateDocumentStorage()


def private_document_storage() -> PrivateDocumentStorage:
    """The storage of ``Document.file`` (a callable, so migrations name it, not its state)."""
    return _storage
