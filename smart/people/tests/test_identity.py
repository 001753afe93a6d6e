"""R-DATA-2: NIP / NIK / NPWP structure and cross-checks, from cases/identity.csv."""

import csv
import datetime
from pathlib import Path

import pytest
from django.conf import settings

from smart.people.identity import (
    IdentityError,
    nik_findings,
    nip_findings,
    normalise_npwp,
    parse_nik,
    parse_nip,
)

CASES = Path(settings.BASE_DIR).parent / "shared" / "cases" / "identity.csv"


def _rows():
    if not CASES.exists():
        pytest.skip(f"shared cases not found at {CASES}")
    with CASES.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def _outcome(row) -> tuple[str, str]:
    """('valid' | 'invalid' | 'mismatch', message) for one case row."""
    try:
        if row["field"] == "nip":
            info = parse_nip(row["input"], today=datetime.date(2026, 12, 3))
            findings = nip_findings(info, birth_date=_date(row["birth_date"]),
                                    sex=row["sex"] or None, tmt_cpns=_date(row["tmt_cpns"]))
        elif row["field"] == "nik":
            findings = nik_findings(parse_nik(row["input"]), birth_date=_date(row["birth_date"]),
                                    sex=row["sex"] or None)
        else:
            normalise_npwp(row["input"])
            findings = []
    except IdentityError as error:
        return "invalid", str(error)
    return ("mismatch", " ".join(findings)) if findings else ("valid", "")


def test_every_identity_case_gets_its_expected_outcome():
    rows = _rows()
    assert len(rows) >= 20
    wrong = []
    for i, row in enumerate(rows, start=2):
        outcome, message = _outcome(row)
        if outcome != row["expected"]:
            wrong.append(f"identity.csv row {i} {row['input']!r}: {outcome} ({message}), "
                         f"expected {row['expected']} — {row['note']}")
    assert wrong == []


def test_refusals_and_findings_explain_themselves_in_indonesian():
    for row in _rows():
        outcome, message = _outcome(row)
        if outcome in ("invalid", "mismatch"):
            assert message, row
            assert any(word in message for word in ("NIP", "NIK", "NPWP")), message


def test_scientific_notation_is_refused_never_guessed():
    with pytest.raises(IdentityError, match="notasi ilmiah"):
        parse_nip("1.98503E+17")
    with pytest.raises(IdentityError, match="notasi ilmiah"):
        parse_nik("3.2E+15")


def test_pppk_nip_layout_is_recognised():
    info = parse_nip("199001152022212015")
    assert (info.kind, info.tmt_year, info.tmt_month, info.sex) == ("PPPK", 2022, None, "F")


def test_nik_day_plus_forty_means_female():
    info = parse_nik("1409025203850001")
    assert (info.sex, info.birth_day, info.region_code) == ("F", 12, "14.09.02")
