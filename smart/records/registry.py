"""The one declarative description of every record kind.

The generic list/detail/form views, the profile, the completeness score, the
change requests and the SIASN mapping all read this registry; adding a field
to a kind means adding it to the model and to ``fields`` here — no new views.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smart.records import models as m
from smart.references.held import is_held, with_held_rows


class Group(models.TextChoices):
    """The three data groups of the Lampiran."""

    PERSONAL = "pegawai", _("Employee data")
    EDUCATION = "pendidikan", _("Education data")
    CAREER = "mutasi", _("Career data")


@dataclass(frozen=True)
class RecordKind:
    slug: str  # used in URLs: /pegawai/<id>/riwayat/<slug>/
    model: type[m.RecordEntry]
    group: Group
    fields: tuple[str, ...]  # the form fields, in order
    columns: tuple[str, ...]  # the list columns
    document_types: tuple[str, ...]  # documents.DocumentType codes (Lampiran "data pendukung")
    siasn: str = ""  # the SIASN resource holding the same data, when there is one
    siasn_fields: dict[str, str] = field(default_factory=dict)  # our field -> SIASN field
    required: bool = False  # every employee is expected to have at least one entry
    date_field: str = ""  # the date that orders entries in time (TMT, start date…)
    # A list column's short header where the field's label is too long for a
    # table; the full label stays on the detail page and in the header's title.
    short_labels: dict[str, Promise] = field(default_factory=dict)

    @property
    def label(self) -> Promise:
        return self.model._meta.verbose_name_plural

    @property
    def label_singular(self) -> Promise:
        return self.model._meta.verbose_name

    @property
    def related_fields(self) -> list[str]:
        """Foreign keys of the list columns to select with the entries, so a
        list is one query; code tables come from memory instead (decision 218)."""
        return [
            name for name in self.columns
            if isinstance(fk := self.model._meta.get_field(name), models.ForeignKey)
            and not is_held(fk.related_model)
        ]

    def entries_of(self, employee_id: int):
        model_meta = self.model._meta
        entries = with_held_rows(self.model.objects.filter(employee_id=employee_id))
        if self.related_fields:  # select_related() without names would follow every key
            entries = entries.select_related(*self.related_fields)
        return entries.order_by(*(model_meta.ordering or ["-pk"]))


_FAMILY = ("name", "birth_place", "birth_date")
_RELATIVE = (*_FAMILY, "occupation", "education")
_TRAINING = ("name", "sttp_number", "start_date", "end_date", "sttp_date", "hours",
             "signing_official", "organiser", "place")
_DECREE = ("sk_number", "sk_date", "signing_official")

KINDS: tuple[RecordKind, ...] = (
    # Data Pegawai: the family
    RecordKind(
        "pasangan", m.Spouse, Group.PERSONAL,
        fields=("name", "nik", "relation", "marital_status", "marriage_date", "birth_place",
                "birth_date", "marriage_certificate", "receives_allowance", "bpjs",
                "civil_servant_status", "civil_servant_nip"),
        columns=("name", "relation", "marriage_date", "marital_status", "receives_allowance"),
        document_types=("KTP_PASANGAN", "AKTA_NIKAH", "BPJS_PASANGAN", "KARPEG_PASANGAN"),
        siasn="pns/data-pasangan", date_field="marriage_date",
    ),
    RecordKind(
        "anak", m.Child, Group.PERSONAL,
        fields=("name", "nik", "sex", "birth_place", "birth_date", "marital_status",
                "receives_allowance", "bpjs"),
        columns=("name", "sex", "birth_date", "receives_allowance"),
        document_types=("AKTA_LAHIR", "KK", "BPJS_ANAK"),
        siasn="pns/data-anak", date_field="birth_date",
    ),
    RecordKind(
        "orang-tua", m.Parent, Group.PERSONAL,
        fields=(*_RELATIVE[:1], "relation", *_RELATIVE[1:]),
        columns=("name", "relation", "birth_date", "occupation"),
        document_types=("KTP", "KK"), siasn="pns/data-ortu", required=True,
    ),
    RecordKind(
        "mertua", m.ParentInLaw, Group.PERSONAL,
        fields=(*_RELATIVE[:1], "relation", *_RELATIVE[1:]),
        columns=("name", "relation", "birth_date", "occupation"),
        document_types=("KTP", "KK"),
    ),
    RecordKind(
        "saudara", m.Sibling, Group.PERSONAL,
        fields=(*_RELATIVE[:1], "sex", *_RELATIVE[1:]),
        columns=("name", "sex", "birth_date", "occupation"),
        document_types=("KTP", "KK"),
    ),
    # Data Pendidikan
    RecordKind(
        "pendidikan-formal", m.FormalEducation, Group.EDUCATION,
        fields=("education_level", "programme", "institution_name", "institution_location",
                "institution_head", "certificate_number", "certificate_date",
                "graduation_year", "front_title", "back_title"),
        columns=("education_level", "programme", "institution_name", "graduation_year"),
        document_types=("IJAZAH", "TRANSKRIP"), siasn="rw-pendidikan", required=True,
        siasn_fields={"education_level": "tkPendidikanId", "certificate_number": "nomorIjasah",
                      "graduation_year": "tahunLulus", "institution_name": "namaSekolah",
                      "front_title": "gelarDepan", "back_title": "gelarBelakang"},
        date_field="certificate_date",
    ),
    RecordKind(
        "pendidikan-nonformal", m.NonFormalEducation, Group.EDUCATION,
        fields=("level", "institution_name", "institution_location", "institution_head",
                "certificate_number", "start_date", "end_date", "certificate_date"),
        columns=("level", "institution_name", "start_date", "end_date"),
        document_types=("IJAZAH", "SERTIFIKAT"), date_field="start_date",
    ),
    RecordKind(
        "diklat-struktural", m.StructuralTrainingRecord, Group.EDUCATION,
        fields=("structural_training", *_TRAINING),
        columns=("name", "structural_training", "start_date", "hours"),
        document_types=("STTP_STRUKTURAL",), siasn="rw-diklat",
        siasn_fields={"structural_training": "latihanStrukturalId", "sttp_number": "nomor",
                      "sttp_date": "tanggal", "hours": "jumlahJam",
                      "end_date": "tanggalSelesai", "organiser": "institusiPenyelenggara"},
        date_field="start_date",
    ),
    RecordKind(
        "diklat-fungsional", m.FunctionalTraining, Group.EDUCATION,
        fields=_TRAINING, columns=("name", "start_date", "hours", "organiser"),
        document_types=("STTP_FUNGSIONAL",), siasn="rw-kursus",
        siasn_fields={"name": "namaKursus", "sttp_number": "noSertipikat",
                      "start_date": "tanggalKursus", "end_date": "tanggalSelesaiKursus",
                      "hours": "jumlahJam", "organiser": "institusiPenyelenggara"},
        date_field="start_date",
    ),
    RecordKind(
        "diklat-teknis", m.TechnicalTraining, Group.EDUCATION,
        fields=("training_type", *_TRAINING),
        columns=("name", "training_type", "start_date", "hours"),
        document_types=("STTP_TEKNIS",), siasn="rw-kursus",
        siasn_fields={"training_type": "jenisDiklatId", "name": "namaKursus",
                      "sttp_number": "noSertipikat", "start_date": "tanggalKursus",
                      "end_date": "tanggalSelesaiKursus", "hours": "jumlahJam",
                      "organiser": "institusiPenyelenggara"},
        date_field="start_date",
    ),
    # Data Mutasi
    RecordKind(
        "pangkat", m.RankHistory, Group.CAREER,
        fields=("golongan", "promotion_type", "tmt", "mk_years", "mk_months", *_DECREE,
                "unit", "bkn_approval_number", "bkn_approval_date"),
        columns=("golongan", "tmt", "sk_number", "mk_years", "mk_months"),
        document_types=("SK_PANGKAT",), siasn="rw-golongan", required=True,
        siasn_fields={"golongan": "golonganId", "sk_number": "skNomor", "sk_date": "skTanggal",
                      "tmt": "tmtGolongan", "mk_years": "masaKerjaGolonganTahun",
                      "mk_months": "masaKerjaGolonganBulan", "promotion_type": "jenisKPId",
                      "bkn_approval_number": "noPertekBkn",
                      "bkn_approval_date": "tglPertekBkn"},
        date_field="tmt",
        short_labels={"mk_years": _("grade service (y)"), "mk_months": _("grade service (m)")},
    ),
    RecordKind(
        "jabatan", m.PositionHistory, Group.CAREER,
        fields=("position_name", "position_type", "echelon", "functional_level", "golongan",
                "unit", "tmt", "installation_date", "assignment_type", *_DECREE),
        columns=("position_name", "unit", "tmt", "echelon"),
        document_types=("SK_JABATAN", "PELANTIKAN"), siasn="rw-jabatan", required=True,
        siasn_fields={"position_name": "namaJabatan", "position_type": "jenisJabatan",
                      "echelon": "eselonId", "unit": "unorId", "tmt": "tmtJabatan",
                      "sk_number": "nomorSk", "sk_date": "tanggalSk",
                      "installation_date": "tmtPelantikan",
                      "assignment_type": "jenisPenugasanId"},
        date_field="tmt",
    ),
    RecordKind(
        "hukuman-disiplin", m.DisciplinaryPenalty, Group.CAREER,
        fields=("penalty_type", *_DECREE, "start_date", "end_date", "violation"),
        columns=("penalty_type", "sk_number", "start_date", "end_date"),
        document_types=("SK_HUKDIS",), siasn="rw-hukdis",
        siasn_fields={"penalty_type": "jenisHukuman", "sk_number": "skNomor",
                      "sk_date": "skTanggal", "start_date": "hukumanTanggal",
                      "end_date": "akhirHukumTanggal", "violation": "keterangan"},
        date_field="start_date",
    ),
    RecordKind(
        "penghargaan", m.Award, Group.CAREER,
        fields=("award_type", "name", "year", *_DECREE, "institution", "institution_location"),
        columns=("name", "award_type", "year", "sk_number"),
        document_types=("PENGHARGAAN",), siasn="rw-penghargaan",
        siasn_fields={"award_type": "hargaId", "year": "tahun", "sk_number": "skNomor",
                      "sk_date": "skDate"},
        date_field="sk_date",
    ),
    RecordKind(
        "cuti", m.LeaveRecord, Group.CAREER,
        fields=("leave_type", "letter_number", "start_date", "end_date", "notes"),
        columns=("leave_type", "letter_number", "start_date", "end_date"),
        document_types=("SURAT_CUTI",), siasn="rw-cltn", date_field="start_date",
    ),
    RecordKind(
        "plt-plh", m.ActingAppointment, Group.CAREER,
        fields=("assignment_type", "position_name", "unit", "start_date", "end_date",
                "sk_number", "sk_date"),
        columns=("assignment_type", "position_name", "start_date", "end_date"),
        document_types=("SK_PLT_PLH",), siasn="rw-jabatan", date_field="start_date",
    ),
)

REGISTRY: dict[str, RecordKind] = {kind.slug: kind for kind in KINDS}


def kind_for(slug: str) -> RecordKind | None:
    return REGISTRY.get(slug)


def kind_of_model(model: type[models.Model]) -> RecordKind:
    return next(kind for kind in KINDS if kind.model is model)


def kinds_by_group() -> list[tuple[Group, list[RecordKind]]]:
    return [(group, [k for k in KINDS if k.group == group]) for group in Group]
