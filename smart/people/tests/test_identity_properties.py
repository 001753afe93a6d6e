"""R-DATA-2: property tests of smart/people/identity.py (NIP, NIK; domain.md §4)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from smart.people.identity import (
    IdentityError,
    nik_findings,
    nip_findings,
    normalise_npwp,
    parse_nik,
    parse_nip,
)

TODAY = datetime.date(2026, 12, 3)
DIGITS = "0123456789"


def _first_of_month_on_or_after(day: datetime.date) -> datetime.date:
    if day.day == 1:
        return day
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _eighteenth_birthday(birth: datetime.date) -> datetime.date:
    try:
        return birth.replace(year=birth.year + 18)
    except ValueError:  # 29 February
        return datetime.date(birth.year + 18, 3, 1)


@st.composite
def pns_nips(draw):
    """(nip, birth date, TMT CPNS, sex): TMT CPNS is the 1st of a month (as in every SK
    CPNS) on or after the 18th birthday, at most a year after TODAY."""
    birth = draw(st.dates(datetime.date(1950, 1, 1), datetime.date(2006, 12, 31)))
    earliest = _first_of_month_on_or_after(_eighteenth_birthday(birth))
    latest = datetime.date(2027, 12, 1)
    months = (latest.year - earliest.year) * 12 + latest.month - earliest.month
    index = earliest.year * 12 + earliest.month - 1 + draw(st.integers(0, months))
    tmt = datetime.date(index // 12, index % 12 + 1, 1)
    sex = draw(st.sampled_from("12"))
    serial = draw(st.integers(1, 999))
    nip = f"{birth:%Y%m%d}{tmt:%Y%m}{sex}{serial:03d}"
    return nip, birth, tmt, "M" if sex == "1" else "F"


@given(pns_nips())
def test_a_valid_pns_nip_parses_back_to_what_built_it(case):
    nip, birth, tmt, sex = case
    info = parse_nip(nip, today=TODAY)
    assert (info.kind, info.birth_date, info.tmt_year, info.tmt_month, info.sex) == (
        "PNS", birth, tmt.year, tmt.month, sex)
    assert nip_findings(info, birth_date=birth, sex=sex, tmt_cpns=tmt) == []


@given(pns_nips())
def test_printed_grouping_and_spreadsheet_apostrophe_do_not_matter(case):
    nip = case[0]
    grouped = f"'{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert parse_nip(grouped, today=TODAY) == parse_nip(nip, today=TODAY)


@st.composite
def niks(draw):
    """(nik, birth date, sex) with a Kuantan Singingi region code 14.09.xx."""
    kecamatan = draw(st.integers(1, 99))
    birth = draw(st.dates(datetime.date(1940, 1, 1), datetime.date(2026, 12, 3)))
    sex = draw(st.sampled_from("MF"))
    serial = draw(st.integers(1, 9999))
    day = birth.day + (40 if sex == "F" else 0)
    nik = f"1409{kecamatan:02d}{day:02d}{birth:%m}{birth.year % 100:02d}{serial:04d}"
    return nik, birth, sex


@given(niks())
def test_a_valid_nik_parses_back_with_day_plus_40_for_women(case):
    nik, birth, sex = case
    info = parse_nik(nik)
    assert info.region_code == f"14.09.{nik[4:6]}"
    assert (info.birth_day, info.birth_month, info.birth_year_2, info.sex) == (
        birth.day, birth.month, birth.year % 100, sex)
    assert int(nik[6:8]) == birth.day + (40 if sex == "F" else 0)
    assert nik_findings(info, birth_date=birth, sex=sex) == []


def _parses_or_refuses(parse, value):
    try:
        parse(value)
    except IdentityError as error:
        assert str(error)  # a reason for the user


@given(st.text(alphabet=DIGITS, min_size=18, max_size=18))
def test_any_18_digit_string_parses_as_a_nip_or_raises_identity_error(text):
    _parses_or_refuses(lambda v: parse_nip(v, today=TODAY), text)


def _edgy(low, high, *edges):
    return st.one_of(st.sampled_from(edges), st.integers(low, high))


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2030, 12, 31)),
       _edgy(0, 9999, 0, 1, 1899, 1900, 1968, 2026, 2027, 2028, 9999),
       _edgy(0, 99, 0, 1, 12, 13, 20, 21, 29, 99),
       _edgy(0, 9, 1, 2), _edgy(0, 999, 0, 1, 999))
def test_a_nip_with_a_real_birth_date_and_any_other_fields_parses_or_raises_identity_error(
        birth, tmt_year, tmt_month, sex, serial):
    nip = f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{sex}{serial:03d}"
    _parses_or_refuses(lambda v: parse_nip(v, today=TODAY), nip)


@given(st.text(min_size=18, max_size=18))
def test_any_18_character_text_parses_as_a_nip_or_raises_identity_error(text):
    _parses_or_refuses(lambda v: parse_nip(v, today=TODAY), text)


@given(st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=15, max_size=18))
def test_digits_of_other_scripts_are_never_accepted(text):
    assume(not text.isascii())
    for parse in (lambda v: parse_nip(v, today=TODAY), parse_nik, normalise_npwp):
        with pytest.raises(IdentityError):
            parse(text)


@given(st.text(alphabet=DIGITS, min_size=16, max_size=16))
def test_any_16_digit_string_parses_as_a_nik_or_raises_identity_error(text):
    _parses_or_refuses(parse_nik, text)


# Regressions found while writing these properties: TMT year 0000 used to raise a plain
# ValueError from datetime.date, and str.isdigit() let superscripts and other scripts'
# digits through (accepted into the NIP, or crashing int()).
@pytest.mark.parametrize("nip", ["198001010000011001", "198001010000221001"])
def test_tmt_year_zero_raises_identity_error(nip):
    with pytest.raises(IdentityError):
        parse_nip(nip, today=TODAY)


@pytest.mark.parametrize("nip", [
    "19850312201001200\u00b2",  # superscript two as the last serial digit
    "\uff11\uff19\uff18\uff15031220100120" + "04",  # full-width 1985 as the birth year
    "\u0661\u0669\u0668\u0665031220100120" + "04",  # Arabic-Indic 1985 as the birth year
    "19850312201001200\u2460",  # circled one
    "\u00b9985031220100120" + "04",  # superscript one in the birth year
])
def test_non_ascii_digits_are_refused(nip):
    with pytest.raises(IdentityError):
        parse_nip(nip, today=TODAY)


mantissas = st.decimals(min_value=1, max_value=Decimal("9.99999"), places=5, allow_nan=False)
exponents = st.integers(10, 20)


@given(mantissas, exponents, st.sampled_from(["E+", "e+", "E", "e", "E+0"]),
       st.sampled_from([".", ","]), st.sampled_from(["", "'", " "]))
@example(mantissa=1.98503, exponent=17, marker="E+", point=".", prefix="")
def test_scientific_notation_is_always_refused(mantissa, exponent, marker, point, prefix):
    text = prefix + f"{mantissa}".replace(".", point) + f"{marker}{exponent}"
    for parse in (lambda v: parse_nip(v, today=TODAY), parse_nik):
        with pytest.raises(IdentityError, match="notasi ilmiah"):
            parse(text)


@given(st.floats(min_value=1e15, max_value=1e19))
def test_a_number_read_by_a_spreadsheet_is_always_refused(number):
    for parse in (lambda v: parse_nip(v, today=TODAY), parse_nik):
        with pytest.raises(IdentityError):
            parse(number)
