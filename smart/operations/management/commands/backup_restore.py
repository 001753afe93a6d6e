"""``manage.py backup_restore <archive>``: restore into an empty database and folder."""

import shutil
from pathlib import Path

import environ
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from smart.audit.services import audit_record
from smart.operations import objectstore
from smart.operations.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Memulihkan arsip cadangan ke basis data dan folder dokumen yang KOSONG "
            "(bawaan: yang diatur untuk SMART). Tujuan yang berisi data ditolak.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, nargs="?", default=None)
        parser.add_argument("--from-dr", action="store_true",
                            help="Ambil arsip terbaru dari salinan DR (S3 atau "
                                 "SMART_BACKUP_DR_DIR) dan pulihkan itu.")
        parser.add_argument("--database-url", default="",
                            help="Basis data tujuan lain (mis. postgres://…/smart_baru).")
        parser.add_argument("--documents", type=Path, default=None,
                            help="Folder dokumen tujuan lain.")

    def handle(self, *args, archive, from_dr, database_url, documents, **options):
        if (archive is None) == (not from_dr):
            raise CommandError("Sebutkan arsipnya atau --from-dr (salah satu).")
        if not from_dr:
            return self._restore(archive, database_url, documents)
        fetched = objectstore.scratch_dir()
        try:
            try:
                archive, source = objectstore.dr_fetch_latest(fetched)
            except BackupError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Arsip {archive.name} diambil dari salinan DR ({source}).")
            return self._restore(archive, database_url, documents)
        finally:
            shutil.rmtree(fetched, ignore_errors=True)

    def _restore(self, archive, database_url, documents):
        database = None
        if database_url:
            # The engine's options come from the URL only: the default's SQLite
            # options mean nothing to PostgreSQL (and the reverse).
            database = {**connections["default"].settings_dict, "OPTIONS": {},
                        **environ.Env.db_url_config(database_url)}
        try:
            manifest = backup_restore(archive=archive, database=database,
                                      documents_dir=documents)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if database is None:
            # The restored database itself records that it was restored.
            connections["default"].close()
            audit_record(actor=None, action="operations.backup.restore",
                         target_label=archive.name,
                         data={"archive": archive.name, "created_at": manifest["created_at"]})
        self.stdout.write(f"Cadangan {archive.name} (dibuat {manifest['created_at']}) dipulihkan: "
                          f"{len(manifest['documents'])} dokumen.")
