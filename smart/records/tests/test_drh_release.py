"""Perbup 35/2020 Pasal 24(2), R-CONF-2, security.md D-3/Z9: someone else's DRH
leaves without SPECIFIC data; the full DRH of someone else needs the user's own
approved data release, carries its watermark on every page and is logged."""

from __future__ import annotations

import datetime
import hashlib
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from smart.audit.models import AuditEvent
from smart.records.models import DisciplinaryPenalty, RankHistory
from smart.references.models import Golongan, PenaltyType
from smart.releases.models import DataRelease, DataReleaseUse
from smart.releases.policies import Export
from smart.releases.services import release_move, release_request
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "Jl. Rahasia No. 7"


@pytest.fixture
def colleague(cast):
    """Someone in unit A with SPECIFIC data of every class."""
    employee = cast.colleague_a
    employee.address = ADDRESS
    employee.save()
    DisciplinaryPenalty.objects.create(
        employee=employee, penalty_type=PenaltyType.objects.get(code="1"),
        sk_number="800/HD/2024/1", sk_date=datetime.date(2024, 1, 5),
        start_date=datetime.date(2024, 1, 5), violation="Tidak masuk kerja 3 hari")
    return employee


def _text(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text())
            for page in PdfReader(io.BytesIO(pdf)).pages]


def _get(client, user, name, employee):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client.get(reverse(name, args=[employee.pk]))


def _approved(cast, employee, user=None):
    """An approved release of the full DRH, as the gate describes that export."""
    export = Export(code="records.drh", params={"employee": employee.pk}, rows=1,
                    specific=True, label=f"DRH lengkap {employee.display_name}")
    release = release_request(requester=user or cast.verifier, export=export,
                              purpose="Bahan sidang Baperjakat.")
    return release_move(release=release, move_name="approve", actor=cast.system_manager)


def test_someone_elses_plain_drh_has_no_specific_data_and_needs_no_release(client, cast,
                                                                           colleague):
    response = _get(client, cast.verifier, "records:drh", colleague)
    assert response.status_code == 200
    text = " ".join(_text(response.content))
    assert colleague.nik not in text and colleague.nik[:4] + "********" in text  # masked
    assert ADDRESS not in text and "800/HD/2024/1" not in text
    assert "(tidak ditampilkan)" in text and "Dirilis untuk" not in text
    assert not DataReleaseUse.objects.exists()


def test_the_full_drh_without_a_release_is_a_403_page_offering_a_request(client, cast,
                                                                         colleague):
    response = _get(client, cast.verifier, "records:drh_full", colleague)
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Diperlukan rilis data" in page
    assert "Pasal 24" in page
    assert reverse("records:drh", args=[colleague.pk]) in page  # the file without SPECIFIC
    link = re.search(r'href="(/rilis-data/minta/[^"]+/)"', page).group(1)
    form = client.get(link)
    assert form.status_code == 200 and colleague.display_name in form.content.decode()
    # Nothing was printed, so nothing was logged as read; the refusal is logged.
    assert not AuditEvent.objects.filter(action="people.employee.read").exists()
    refusal = AuditEvent.objects.get(action="releases.export.refuse")
    assert refusal.actor == cast.verifier
    assert refusal.data == {"export": "records.drh", "params": {"employee": colleague.pk},
                            "rows": 1, "specific": True}


def test_the_full_drh_with_an_approved_release_carries_the_watermark(client, cast,
                                                                     colleague):
    golongan = Golongan.objects.get(code="31")
    RankHistory.objects.bulk_create(
        RankHistory(employee=colleague, golongan=golongan, sk_number=f"823/{i}",
                    tmt=datetime.date(2011, 1, 1) + datetime.timedelta(days=30 * i),
                    sk_date=datetime.date(2011, 1, 1)) for i in range(60))
    release = _approved(cast, colleague)
    response = _get(client, cast.verifier, "records:drh_full", colleague)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'inline; filename="DRH-lengkap-{colleague.nip}.pdf"')
    pages = _text(response.content)
    assert len(pages) > 1
    for text in pages:  # every page names the release
        assert f"Dirilis untuk {cast.verifier.full_name} ({cast.verifier.username}) pada" in text
        assert f"permohonan #{release.pk}" in text
    everything = " ".join(pages)
    assert colleague.nik in everything and ADDRESS in everything
    assert "800/HD/2024/1" in everything
    assert PdfReader(io.BytesIO(response.content)).metadata["/Keywords"].endswith(
        f"permohonan #{release.pk}")
    use = DataReleaseUse.objects.get()
    assert use.release == release and use.actor == cast.verifier
    assert use.sha256 == hashlib.sha256(response.content).hexdigest()
    assert use.filename == f"DRH-lengkap-{colleague.nip}.pdf"
    audit = AuditEvent.objects.get(action="releases.release.use")
    assert audit.data["sha256"] == use.sha256
    assert AuditEvent.objects.get(action="people.employee.read").data == {"what": "drh-lengkap"}


def test_each_use_of_a_release_is_logged(client, cast, colleague):
    _approved(cast, colleague)
    for _ in range(2):
        assert _get(client, cast.verifier, "records:drh_full", colleague).status_code == 200
    assert DataReleaseUse.objects.count() == 2


def test_an_expired_release_does_not_open_the_full_drh(client, cast, colleague):
    release = _approved(cast, colleague)
    DataRelease.objects.filter(pk=release.pk).update(
        valid_until=timezone.now() - datetime.timedelta(seconds=1))
    response = _get(client, cast.verifier, "records:drh_full", colleague)
    assert response.status_code == 403
    assert f"#{release.pk}" in response.content.decode()  # the page names the old request
    assert not DataReleaseUse.objects.exists()


def test_another_persons_release_does_not_open_the_full_drh(client, cast, colleague):
    _approved(cast, colleague, user=cast.admin_a)
    assert _get(client, cast.verifier, "records:drh_full", colleague).status_code == 403
    assert not DataReleaseUse.objects.exists()


def test_a_release_for_another_employee_does_not_open_this_one(client, cast, colleague):
    _approved(cast, cast.person_b)
    assert _get(client, cast.verifier, "records:drh_full", colleague).status_code == 403


def test_ones_own_full_drh_is_free_and_unmarked(client, cast):
    response = _get(client, cast.employee, "records:drh_full", cast.employee_record)
    assert response.status_code == 200
    text = " ".join(_text(response.content))
    assert cast.employee_record.nik in text and "Dirilis untuk" not in text
    assert not DataReleaseUse.objects.exists()


def test_whoever_sees_no_specific_data_gets_the_full_drh_without_a_release(client, cast,
                                                                           colleague):
    """Division admins and leadership see no SPECIFIC data at all (D-3), so their
    "full" DRH is the plain one and releases nothing."""
    response = _get(client, cast.division_admin, "records:drh_full", colleague)
    assert response.status_code == 200
    text = " ".join(_text(response.content))
    assert colleague.nik not in text and ADDRESS not in text
    assert "Dirilis untuk" not in text


def test_the_full_drh_is_404_out_of_scope(client, cast, colleague):
    assert _get(client, cast.admin_b, "records:drh_full", colleague).status_code == 404


def test_the_profile_offers_the_full_drh_only_where_it_adds_specific_data(client, cast,
                                                                          colleague):
    full = reverse("records:drh_full", args=[colleague.pk])
    assert full in _get(client, cast.verifier, "records:profile", colleague).content.decode()
    assert full not in _get(client, cast.leader, "records:profile",
                            colleague).content.decode()
    own = reverse("records:drh_full", args=[cast.employee_record.pk])
    assert own not in _get(client, cast.employee, "records:profile",
                           cast.employee_record).content.decode()


def test_the_release_link_opens_the_full_drh_it_released(client, cast, colleague):
    """Decision 211: the approved release's link is the full DRH (the released
    file), not the DRH without SPECIFIC data, which needs no release."""
    refused = _get(client, cast.verifier, "records:drh_full", colleague)
    client.post(reverse("releases:request", args=[refused.context["token"]]),
                {"purpose": "Bahan sidang Baperjakat."})
    release = release_move(release=DataRelease.objects.get(), move_name="approve",
                           actor=cast.system_manager)
    link = client.get(reverse("releases:detail", args=[release.pk])).context["export_url"]
    assert link == reverse("records:drh_full", args=[colleague.pk])
    assert client.get(link).status_code == 200
    assert DataReleaseUse.objects.get().release == release
