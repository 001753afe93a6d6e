"""Perbup 35/2020 Pasal 24(2), R-CONF-2, security.md Z9/V3: when an export needs a
data release, which release opens it, and spreadsheet cells kept inert."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import timezone

from smart.releases.marking import csv_bytes, neutralise_cell, release_note
from smart.releases.models import DataRelease, ReleaseStage
from smart.releases.policies import Export, params_key, release_required, usable_release_for


@pytest.mark.parametrize(("rows", "specific", "own_record", "needed"), [
    (1, False, False, False),     # one colleague's record without SPECIFIC data
    (100, False, False, False),   # at the threshold: still free
    (101, False, False, True),    # above it: a release (R-CONF-2)
    (1, True, False, True),       # SPECIFIC data of someone else, even one row
    (5000, True, True, False),    # one's own record is never restricted
    (101, False, True, False),
])
def test_release_required_by_threshold_specific_and_own_record(rows, specific, own_record,
                                                               needed):
    assert release_required(None, rows=rows, specific=specific,
                            own_record=own_record) is needed


def test_the_threshold_is_a_setting(settings):
    settings.SMART_RELEASE_ROW_THRESHOLD = 10
    assert release_required(None, rows=11, specific=False, own_record=False) is True
    settings.SMART_RELEASE_ROW_THRESHOLD = 20
    assert release_required(None, rows=11, specific=False, own_record=False) is False


@pytest.mark.parametrize(("value", "shown"), [
    ("=HYPERLINK(\"http://x\",\"klik\")", "'=HYPERLINK(\"http://x\",\"klik\")"),
    ("+62 812 7777", "'+62 812 7777"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("BUDI SANTOSO", "BUDI SANTOSO"),
    ("198503122010012001", "198503122010012001"),
    ("a=b", "a=b"),        # only the first character matters
    (" =1+1", " =1+1"),    # a leading space makes it text in spreadsheets
    ("", ""),
    (-5, -5),              # numbers and other values are not text cells
    (3.5, 3.5),
    (None, None),
    (datetime.date(2026, 1, 2), datetime.date(2026, 1, 2)),
])
def test_cells_that_start_like_a_formula_are_neutralised(value, shown):
    assert neutralise_cell(value) == shown


def test_a_csv_file_carries_the_note_first_and_no_formula_cell():
    content = csv_bytes(["Nama", "Catatan"], [["=cmd()", "@x"], ["BUDI", 7]],
                        note="Dirilis untuk A (a) — permohonan #3")
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Dirilis untuk A (a) — permohonan #3"]
    assert rows[1] == ["Nama", "Catatan"]
    assert rows[2] == ["'=cmd()", "'@x"]
    assert rows[3] == ["BUDI", "7"]
    # Read back as a spreadsheet would: no cell starts a formula.
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_params_are_matched_whatever_their_order():
    assert params_key({"b": 1, "a": [2, 3]}) == params_key({"a": [2, 3], "b": 1})


EXPORT = Export(code="records.drh", label="DRH lengkap X", rows=1, specific=True,
                params={"employee": 12})


def _release(user, **overrides):
    values = dict(requester=user, purpose="Seleksi jabatan.", export_code=EXPORT.code,
                  export_params=EXPORT.params, params_key=EXPORT.params_key,
                  export_label=EXPORT.label, row_count=1, includes_specific=True,
                  stage=ReleaseStage.APPROVED,
                  valid_until=timezone.now() + datetime.timedelta(days=1))
    values.update(overrides)
    return DataRelease.objects.create(**values)


@pytest.mark.django_db
def test_only_the_requesters_approved_unexpired_matching_release_opens_the_export(cast):
    user, other = cast.verifier, cast.admin_a
    assert usable_release_for(user, EXPORT) is None
    _release(other)  # someone else's
    _release(user, stage=ReleaseStage.REQUESTED)  # not decided
    _release(user, valid_until=timezone.now() - datetime.timedelta(seconds=1))  # expired
    _release(user, export_params={"employee": 13}, params_key=params_key({"employee": 13}))
    _release(user, includes_specific=False)  # approved without SPECIFIC data
    assert usable_release_for(user, EXPORT) is None
    good = _release(user)
    assert usable_release_for(user, EXPORT) == good
    assert usable_release_for(other, EXPORT) is not None  # their own, not the verifier's


@pytest.mark.django_db
def test_a_release_for_fewer_rows_does_not_open_a_bigger_export(cast):
    _release(cast.verifier, row_count=150)
    assert usable_release_for(cast.verifier, Export(
        code=EXPORT.code, label="", rows=150, specific=True, params=EXPORT.params))
    assert usable_release_for(cast.verifier, Export(
        code=EXPORT.code, label="", rows=151, specific=True, params=EXPORT.params)) is None


@pytest.mark.django_db
def test_the_note_names_the_user_the_time_and_the_request(cast):
    release = _release(cast.verifier)
    on = datetime.datetime(2026, 3, 12, 7, 30, tzinfo=datetime.UTC)
    assert release_note(release, cast.verifier, on) == (
        f"Dirilis untuk VERIFIKATOR (verifikator) pada 12-03-2026 14.30 WIB "
        f"— permohonan #{release.pk}")
