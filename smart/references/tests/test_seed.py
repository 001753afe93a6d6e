"""R-DATA-4: the national code lists and the unit tree are seeded as data."""

import pytest

from smart.references.models import (
    EducationLevel,
    Golongan,
    LegalStatus,
    PenaltyType,
    Region,
    Unit,
)

pytestmark = pytest.mark.django_db


def test_golongan_pns_and_pppk_are_seeded():
    assert Golongan.objects.filter(scheme="PNS").count() == 17
    assert Golongan.objects.filter(scheme="PPPK").count() == 17
    assert str(Golongan.objects.get(code="33")) == "III/c Penata"


def test_education_levels_carry_their_initial_and_ceiling_golongan():
    s1 = EducationLevel.objects.get(code="40")
    assert (s1.initial_golongan.name, s1.ceiling_golongan.name) == ("III/a", "III/d")


def test_penalties_keep_pp_94_2021_levels_and_legacy_ids():
    assert PenaltyType.objects.get(code="27").level == "B"
    assert PenaltyType.objects.get(code="4").regulation == "PP 53/2010"


def test_only_the_chosen_legal_statuses_count_as_active():
    assert LegalStatus.objects.get(code="01").counts_as_active is True
    assert LegalStatus.objects.get(code="99").counts_as_active is False


def test_kuantan_singingi_regions_have_15_districts_and_229_villages():
    regency = Region.objects.get(code="14.09")
    districts = Region.objects.filter(parent=regency)
    assert districts.count() == 15
    assert Region.objects.filter(level="village", code__startswith="14.09.").count() == 229
    assert Region.objects.filter(parent__in=districts).count() == 229


def test_the_unit_tree_is_consistent_and_holds_the_agencies():
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    root = Unit.objects.get_root_nodes().get()
    agencies = {u.code for u in Unit.objects.get_children(root)}
    assert {"SETDA", "BKPP", "DISDIK", "DINKES", "RSUD", "KEC01", "KEC15"} <= agencies


def test_a_subtree_query_returns_the_unit_and_all_its_descendants():
    disdik = Unit.objects.get(code="DISDIK")
    subtree = Unit.objects.subtree_of(disdik)
    assert subtree.filter(code="DISDIK.KORWIL03.SD1").exists()
    assert not subtree.filter(code="DINKES").exists()
    assert subtree.count() == 1 + Unit.objects.get_descendants(disdik).count()


def test_only_current_units_are_listed_after_a_unit_is_closed():
    import datetime

    unit = Unit.objects.get(code="DISDIK.KORWIL01")
    unit.valid_to = datetime.date(2020, 12, 31)
    unit.save()
    assert not Unit.objects.current().filter(pk=unit.pk).exists()
    assert Unit.objects.current(datetime.date(2020, 6, 1)).filter(pk=unit.pk).exists()


def test_every_unit_below_the_regency_knows_its_agency():
    bkpp = Unit.objects.get(code="BKPP")
    assert bkpp.agency == bkpp
    secretariat = Unit.objects.get(code="BKPP.01")
    assert secretariat.agency == bkpp
    assert secretariat.label == "Sekretariat · BKPP"
    assert not Unit.objects.filter(depth__gte=2, agency__isnull=True).exists()


def test_a_new_unit_belongs_to_its_parents_agency():
    from smart.references.services import unit_add

    school = Unit.objects.get(code="DISDIK.KORWIL01")
    new = unit_add(parent=school, code="DISDIK.KORWIL01.SD9", name="SD Negeri 009",
                   kind=Unit.Kind.SCHOOL)
    assert new.agency.code == "DISDIK"
    root = Unit.objects.get_root_nodes().get()
    opd = unit_add(parent=root, code="DISPORA", name="Dinas Pemuda dan Olahraga",
                   kind=Unit.Kind.OFFICE)
    assert opd.agency == opd
