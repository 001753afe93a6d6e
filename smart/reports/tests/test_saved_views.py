"""R-USE (issue 7 §2): the daftar nominatif saved as named views — private or
shared by HR staff with their unit or the regency — and its SPECIFIC columns,
offered and shown by the viewer's D-3 field classes, with files through the
release gate."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from smart.audit.models import AuditEvent
from smart.references.models import Unit
from smart.reports.models import SavedView, Sharing
from smart.reports.tests.xlsx import read_xlsx
from tests.personas import make_employee

pytestmark = pytest.mark.django_db


def _save(client, name, sharing="private", follow=False, **query):
    return client.post(reverse("reports:saved_view_save"),
                       {"name": name, "sharing": sharing, **query}, follow=follow)


def test_a_user_saves_reopens_renames_and_deletes_a_view(client, cast):
    client.force_login(cast.admin_a)
    unit = Unit.objects.get(code="DINKES.PKM05")
    response = _save(client, "  Guru   Puskesmas ", asn_kind="PNS", unit=unit.pk,
                     columns=["nip", "name", "age"])
    view = SavedView.objects.get(owner=cast.admin_a)
    assert view.name == "Guru Puskesmas" and view.sharing == Sharing.PRIVATE
    assert view.query == {"asn_kind": ["PNS"], "columns": ["age", "name", "nip"],
                          "unit": [str(unit.pk)]}
    assert response.status_code == 302 and f"tampilan={view.pk}" in response.url
    opened = client.get(reverse("reports:saved_view_open", args=[view.pk]))
    query = parse_qs(urlsplit(opened.url).query)
    assert query["unit"] == [str(unit.pk)] and sorted(query["columns"]) == ["age", "name", "nip"]
    page = client.get(opened.url)
    assert [c.header for c in page.context["columns"]] == ["NIP", "Nama", "Usia"]
    assert "Guru Puskesmas" in page.content.decode()
    client.post(reverse("reports:saved_view_rename", args=[view.pk]), {"name": "Nakes"})
    assert SavedView.objects.get(pk=view.pk).name == "Nakes"
    client.post(reverse("reports:saved_view_delete", args=[view.pk]))
    assert not SavedView.objects.filter(pk=view.pk).exists()
    assert list(AuditEvent.objects.filter(action__startswith="reports.view.")
                .values_list("action", flat=True).order_by("seq")) == [
        "reports.view.save", "reports.view.rename", "reports.view.delete"]


def test_saving_under_a_taken_name_replaces_and_renaming_onto_it_is_refused(client, cast):
    client.force_login(cast.admin_a)
    _save(client, "A", asn_kind="PNS")
    _save(client, "a", asn_kind="PPPK")
    assert SavedView.objects.filter(owner=cast.admin_a).count() == 1
    assert SavedView.objects.get(owner=cast.admin_a).query == {"asn_kind": ["PPPK"]}
    _save(client, "B")
    b = SavedView.objects.get(owner=cast.admin_a, name="B")
    response = client.post(reverse("reports:saved_view_rename", args=[b.pk]), {"name": "A"},
                           follow=True)
    assert "Anda sudah mempunyai tampilan bernama" in response.content.decode()
    assert SavedView.objects.get(pk=b.pk).name == "B"
    empty = _save(client, "   ", follow=True)
    assert "Nama tampilan wajib diisi." in empty.content.decode()


def test_only_hr_staff_share_and_only_with_their_own_unit_or_the_regency(client, cast):
    """Unit A's admin shares with Dinkes; the Pengelola SMART with the regency;
    the leadership (not HR staff) may only keep views private."""
    client.force_login(cast.admin_a)
    _save(client, "Dinkes", sharing="unit")
    assert _save(client, "Semua", sharing="regency").status_code == 302
    shared = SavedView.objects.get(owner=cast.admin_a, name="Dinkes")
    assert (shared.sharing, shared.shared_unit.code) == (Sharing.UNIT, "DINKES")
    assert not SavedView.objects.filter(name="Semua").exists()  # not a choice for them
    client.force_login(cast.system_manager)
    _save(client, "Kabupaten", sharing="regency")
    client.force_login(cast.leader)
    _save(client, "Pimpinan", sharing="unit")
    assert not SavedView.objects.filter(name="Pimpinan").exists()

    def names(user):
        return set(SavedView.objects.visible_to(user).values_list("name", flat=True))

    assert names(cast.admin_a) == {"Dinkes", "Kabupaten"}
    assert names(cast.admin_b) == {"Kabupaten"}  # Disdik does not see Dinkes' view
    assert names(cast.leader) == {"Dinkes", "Kabupaten"}
    client.force_login(cast.admin_b)
    assert client.get(reverse("reports:saved_view_open", args=[shared.pk])).status_code == 404
    # Someone else's shared view opens, but is not theirs to rename or delete.
    client.force_login(cast.verifier)
    assert client.get(reverse("reports:saved_view_open", args=[shared.pk])).status_code == 302
    assert client.post(reverse("reports:saved_view_delete", args=[shared.pk])).status_code == 404
    assert SavedView.objects.filter(pk=shared.pk).exists()


def test_a_shared_view_shows_each_viewer_their_own_scope(client, cast):
    make_employee("DISDIK.KORWIL03.SD1", name="GURU SD")
    client.force_login(cast.system_manager)
    _save(client, "Semua PNS", sharing="regency", asn_kind="PNS", columns=["name"])
    view = SavedView.objects.get(name="Semua PNS")
    client.force_login(cast.admin_a)
    page = client.get(client.get(reverse("reports:saved_view_open", args=[view.pk])).url)
    assert "GURU SD" not in [row[0] for row in page.context["rows"]]


@pytest.fixture
def nik_holder(cast):
    employee = make_employee("DINKES.PKM05", name="PUNYA NIK")
    employee.address, employee.blood_type = "Jl. Melati 3", "O"
    employee.save()
    return employee


def test_specific_columns_follow_the_field_classes_of_the_viewer(client, cast, nik_holder):
    """D-3: the verifier sees NIK and address in full; unit A's admin the NIK masked
    and is not offered the address; the division admin is offered neither, and
    asking for a column not offered shows nothing."""
    params = {"unit": Unit.objects.get(code="DINKES.PKM05").pk,
              "columns": ["name", "nik", "address"]}
    client.force_login(cast.verifier)
    rows = {r[1]: r for r in client.get(reverse("reports:nominatif"), params).context["rows"]}
    assert rows["PUNYA NIK"][2:] == [nik_holder.nik, "Jl. Melati 3"]
    client.force_login(cast.admin_a)
    assert client.get(reverse("reports:nominatif"), params).context["rows"] == []
    rows = {r[1]: r for r in client.get(reverse("reports:nominatif"), {
        **params, "columns": ["name", "nik"]}).context["rows"]}
    masked = nik_holder.nik[:4] + "********" + nik_holder.nik[-4:]
    assert rows["PUNYA NIK"][2:] == [masked]
    client.force_login(cast.division_admin)
    page = client.get(reverse("reports:nominatif"), params)
    offered = [key for key, _ in page.context["form"].fields["columns"].choices]
    assert "nik" not in offered and "address" not in offered
    assert page.context["rows"] == []
    assert client.get(reverse("reports:nominatif_csv"), params).status_code == 200
    assert "PUNYA NIK" not in client.get(reverse("reports:nominatif_csv"), params).content.decode()


def test_a_file_with_specific_data_in_full_needs_a_release_masked_does_not(
        client, cast, nik_holder):
    params = {"unit": Unit.objects.get(code="DINKES.PKM05").pk, "columns": ["name", "nik"]}
    client.force_login(cast.verifier)
    refused = client.get(reverse("reports:nominatif_csv"), params)
    assert refused.status_code == 403
    event = AuditEvent.objects.filter(action="releases.export.refuse").latest("seq")
    assert event.data["specific"] is True
    client.force_login(cast.admin_a)
    response = client.get(reverse("reports:nominatif_csv"), params)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["PUNYA NIK", nik_holder.nik[:4] + "********" + nik_holder.nik[-4:]] in [
        row[1:] for row in rows]


def test_the_nominatif_as_excel_keeps_the_columns_and_neutralises(client, cast):
    make_employee("DINKES.PKM05", name="=HYPERLINK(1)")
    client.force_login(cast.admin_a)
    response = client.get(reverse("reports:nominatif_xlsx"), {
        "unit": Unit.objects.get(code="DINKES.PKM05").pk, "columns": ["name", "age"]})
    book = read_xlsx(response.content)
    assert [book["cells"][f"{c}5"] for c in "ABC"] == ["NIP", "Nama", "Usia"]
    assert "'=HYPERLINK(1)" in {book["cells"].get(f"B{n}") for n in range(6, 9)}


def test_a_column_set_of_the_super_administrator_stands_for_its_columns(client, cast):
    client.force_login(cast.super_admin)
    client.post(reverse("reports:layout"), {"form": "columns", "name": "Ringkas",
                                            "columns": ["nip", "name", "nik"]})
    from smart.reports.models import ColumnSet

    column_set = ColumnSet.objects.get(name="Ringkas")
    client.force_login(cast.division_admin)  # may not see NIK: it is left out
    page = client.get(reverse("reports:nominatif"), {"column_set": column_set.pk})
    assert [c.key for c in page.context["columns"]] == ["nip", "name"]


def test_a_nik_is_never_searched_nor_saved_in_an_address(client, cast, nik_holder):
    """security.md C5, as the employee list: the NIK leaves the query."""
    client.force_login(cast.verifier)
    response = client.get(reverse("reports:nominatif"), {"q": nik_holder.nik, "asn_kind": "PNS"})
    assert response.status_code == 302 and nik_holder.nik not in response.url
    assert "asn_kind=PNS" in response.url
    _save(client, "NIK", q=nik_holder.nik, asn_kind="PNS")
    assert SavedView.objects.get(name="NIK").query == {"asn_kind": ["PNS"]}
