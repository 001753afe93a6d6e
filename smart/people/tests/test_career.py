"""R-DATA-3: computed career values (smart/people/career.py, domain.md §5)."""

import datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smart.people.career import (
    YearsMonths,
    add_months,
    age_on,
    birthday,
    duk_key,
    eligible_for_regular_promotion,
    golongan_name,
    grade_service_on,
    is_at_ceiling,
    is_past_retirement,
    jf_level_in_name,
    months_between,
    next_golongan,
    next_kgb_date,
    next_promotion_period,
    promotion_ceiling,
    regular_promotion_date,
    retirement_age,
    retirement_age_for_position,
    retirement_date,
    service_length,
)

D = datetime.date
YM = YearsMonths
ONE_DAY = datetime.timedelta(days=1)
PNS_CODES = ["11", "12", "13", "14", "21", "22", "23", "24",
             "31", "32", "33", "34", "41", "42", "43", "44", "45"]
ODD_STEP_CODES = {"12", "13", "14", "21", "22", "23", "24"}


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2026, 1, 15), 1, D(2026, 2, 15)),
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),
    (D(2026, 3, 31), 1, D(2026, 4, 30)),
    (D(2026, 12, 15), 1, D(2027, 1, 15)),
    (D(2026, 1, 15), -1, D(2025, 12, 15)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2024, 2, 29), 48, D(2028, 2, 29)),
    (D(2026, 5, 31), 0, D(2026, 5, 31)),
])
def test_add_months_caps_at_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    (D(2020, 1, 1), D(2020, 1, 1), 0),
    (D(2020, 1, 1), D(2019, 1, 1), 0),
    (D(2020, 1, 1), D(2020, 1, 31), 0),
    (D(2020, 1, 1), D(2020, 2, 1), 1),
    (D(2020, 1, 31), D(2020, 2, 28), 0),
    (D(2020, 1, 31), D(2020, 2, 29), 1),
    (D(2021, 1, 31), D(2021, 2, 28), 1),
    (D(2020, 1, 31), D(2020, 3, 30), 1),
    (D(2020, 1, 31), D(2020, 3, 31), 2),
    (D(2019, 12, 15), D(2020, 1, 14), 0),
    (D(2019, 12, 15), D(2020, 1, 15), 1),
])
def test_months_between(start, end, expected):
    assert months_between(start, end) == expected


@pytest.mark.parametrize(("birth", "on", "expected"), [
    (D(1968, 6, 15), D(2026, 6, 14), 57),
    (D(1968, 6, 15), D(2026, 6, 15), 58),
    (D(1968, 6, 15), D(2026, 7, 1), 58),
    (D(1985, 3, 12), D(2026, 12, 3), 41),
    (D(1990, 12, 31), D(2025, 12, 30), 34),
    (D(1990, 12, 31), D(2025, 12, 31), 35),
    (D(1990, 12, 31), D(2026, 1, 1), 35),
    (D(1991, 1, 1), D(2025, 12, 31), 34),
    (D(1991, 1, 1), D(2026, 1, 1), 35),
    # born 29 February: a year older on 1 March in a common year, on 29 February in a leap year
    (D(1988, 2, 29), D(2026, 2, 28), 37),
    (D(1988, 2, 29), D(2026, 3, 1), 38),
    (D(1988, 2, 29), D(2028, 2, 28), 39),
    (D(1988, 2, 29), D(2028, 2, 29), 40),
    (D(1990, 1, 1), D(1990, 1, 1), 0),
    (D(2000, 1, 1), D(1999, 1, 1), 0),
])
def test_age_on(birth, on, expected):
    assert age_on(birth, on) == expected


@pytest.mark.parametrize(("birth", "age", "expected"), [
    (D(1968, 6, 15), 58, D(2026, 6, 15)),
    (D(1988, 2, 29), 38, D(2026, 3, 1)),
    (D(1988, 2, 29), 40, D(2028, 2, 29)),
    (D(1966, 12, 31), 60, D(2026, 12, 31)),
])
def test_birthday(birth, age, expected):
    assert birthday(birth, age) == expected


# -- masa kerja ------------------------------------------------------------------------------


def test_years_months_is_normalised_ordered_and_adds():
    assert YM.from_months(99) == YM(8, 3)
    assert YM(8, 3).total_months == 99
    assert YM(8, 11) < YM(9, 0) < YM(9, 1)
    assert sorted([YM(2, 0), YM(0, 11), YM(1, 6)]) == [YM(0, 11), YM(1, 6), YM(2, 0)]
    assert YM(1, 6) + YM(0, 7) == YM(2, 1)
    assert str(YM(8, 3)) == "8 tahun 3 bulan"
    for bad in ((0, 12), (-1, 0), (0, -1)):
        with pytest.raises(ValueError):
            YM(*bad)
    with pytest.raises(ValueError):
        YM.from_months(-1)


CLTN_2015 = (D(2015, 1, 1), D(2015, 12, 31))


@pytest.mark.parametrize(("start", "on", "excluded", "expected"), [
    (D(2010, 1, 1), D(2026, 12, 3), (), YM(16, 11)),
    (D(2010, 1, 1), D(2010, 1, 1), (), YM(0, 0)),
    (D(2010, 1, 1), D(2009, 12, 31), (), YM(0, 0)),
    (D(2010, 1, 1), D(2010, 12, 31), (), YM(0, 11)),
    (D(2010, 1, 1), D(2011, 1, 1), (), YM(1, 0)),
    (D(1990, 3, 1), D(2026, 6, 15), (), YM(36, 3)),  # ZULKIFLI at BUP
    (D(2019, 3, 1), D(2020, 2, 29), (), YM(0, 11)),
    (D(2019, 3, 1), D(2020, 3, 1), (), YM(1, 0)),
    # month ends: a month from the 31st is complete on the last day of a shorter month
    (D(2020, 1, 31), D(2020, 2, 29), (), YM(0, 1)),
    (D(2021, 1, 31), D(2021, 2, 27), (), YM(0, 0)),
    (D(2021, 1, 31), D(2021, 2, 28), (), YM(0, 1)),
    (D(2020, 1, 31), D(2020, 3, 30), (), YM(0, 1)),
    (D(2020, 1, 31), D(2020, 3, 31), (), YM(0, 2)),
    # CLTN is not counted
    (D(2010, 1, 1), D(2026, 1, 1), (CLTN_2015,), YM(15, 0)),
    (D(2010, 1, 1), D(2015, 7, 1), (CLTN_2015,), YM(5, 0)),  # during CLTN: frozen
    (D(2010, 1, 1), D(2016, 1, 1), (CLTN_2015,), YM(5, 0)),
    (D(2010, 1, 1), D(2016, 2, 1), (CLTN_2015,), YM(5, 1)),
    (D(2010, 1, 1), D(2026, 1, 1), ((D(2020, 1, 1), None),), YM(10, 0)),  # still on CLTN
    (D(2010, 1, 1), D(2026, 1, 1), ((D(2020, 1, 1), D(2030, 12, 31)),), YM(10, 0)),
    (D(2010, 1, 1), D(2026, 1, 1), ((D(2005, 1, 1), D(2006, 12, 31)),), YM(16, 0)),
    (D(2010, 1, 1), D(2026, 1, 1), ((D(2005, 1, 1), D(2010, 6, 30)),), YM(15, 6)),
    (D(2010, 1, 1), D(2026, 1, 1), ((D(2030, 1, 1), None),), YM(16, 0)),
    # overlapping periods count once: 2015-01 … 2016-06 = 18 months
    (D(2010, 1, 1), D(2026, 1, 1), (CLTN_2015, (D(2015, 7, 1), D(2016, 6, 30))), YM(14, 6)),
    # two separate periods
    (D(2010, 1, 1), D(2026, 1, 1), (CLTN_2015, (D(2020, 1, 1), D(2020, 6, 30))), YM(14, 6)),
    # mid-month CLTN of exactly one month: leftover days of both pieces make up a month
    (D(2010, 1, 1), D(2016, 1, 1), ((D(2015, 1, 16), D(2015, 2, 15)),), YM(5, 11)),
    # one day longer: 15/31 + 15/31 of a month is not a month
    (D(2010, 1, 1), D(2016, 1, 1), ((D(2015, 1, 16), D(2015, 2, 16)),), YM(5, 10)),
])
def test_service_length(start, on, excluded, expected):
    assert service_length(start, on, excluded) == expected


def test_service_length_refuses_a_reversed_period():
    with pytest.raises(ValueError, match="terbalik"):
        service_length(D(2010, 1, 1), D(2026, 1, 1), [(D(2016, 1, 1), D(2015, 1, 1))])


@pytest.mark.parametrize(("sk_years", "sk_months", "tmt", "on", "expected"), [
    (8, 3, D(2018, 4, 1), D(2026, 12, 3), YM(16, 11)),  # RINA MARLINA
    (8, 3, D(2018, 4, 1), D(2018, 4, 1), YM(8, 3)),
    (0, 0, D(2020, 1, 1), D(2019, 6, 1), YM(0, 0)),  # before TMT: the SK's figure
    (2, 11, D(2024, 2, 1), D(2024, 2, 29), YM(2, 11)),
    (2, 11, D(2024, 2, 1), D(2024, 3, 1), YM(3, 0)),
    (0, 14, D(2024, 2, 1), D(2024, 2, 1), YM(1, 2)),  # months over 11 are normalised
    (27, 6, D(2020, 10, 1), D(2026, 12, 3), YM(33, 8)),
])
def test_grade_service_on(sk_years, sk_months, tmt, on, expected):
    assert grade_service_on(sk_years, sk_months, tmt, on) == expected


def test_grade_service_refuses_negative_sk():
    with pytest.raises(ValueError):
        grade_service_on(-1, 0, D(2020, 1, 1), D(2026, 1, 1))


# -- BUP -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("position_type", "kwargs", "expected"), [
    ("4", {}, 58),
    (4, {}, 58),
    ("1", {"echelon_code": "10"}, 60),
    ("1", {"echelon_code": "11"}, 60),
    ("1", {"echelon_code": "12"}, 60),
    ("1", {"echelon_code": "21"}, 60),
    ("1", {"echelon_code": "22"}, 60),
    ("1", {"echelon_code": "II.a"}, 60),
    ("1", {"echelon_code": "31"}, 58),
    ("1", {"echelon_code": "32"}, 58),
    ("1", {"echelon_code": "41"}, 58),
    ("1", {"echelon_code": "42"}, 58),
    ("1", {"echelon_code": "IV.a"}, 58),
    ("1", {"echelon_code": "99"}, 58),
    ("1", {}, 58),
    ("2", {"jf_level": "Ahli Pertama"}, 58),
    ("2", {"jf_level": "ahli muda"}, 58),
    ("2", {"jf_level": "AHLI MADYA"}, 60),
    ("2", {"jf_level": "Ahli Utama"}, 65),
    ("2", {"jf_level": "ahli_utama"}, 65),
    ("2", {"jf_level": "  Ahli   Madya "}, 60),
    ("2", {"jf_level": "Pemula"}, 58),
    ("2", {"jf_level": "Terampil"}, 58),
    ("2", {"jf_level": "mahir"}, 58),
    ("2", {"jf_level": "Penyelia"}, 58),
    ("2", {"jf_level": "UT"}, 65),
    ("2", {"jf_level": "MA"}, 60),
    ("2", {"jf_level": "PY"}, 58),
    ("2", {"jf_bup": 70, "jf_level": "Ahli Utama"}, 70),  # the JF reference wins
    ("2", {"jf_bup": 62}, 62),
    ("2", {"jf_bup": 60, "jf_level": "Ahli Muda"}, 60),
    ("2", {"teacher": True}, 60),
    ("2", {"teacher": True, "jf_level": "Ahli Pertama"}, 60),
    ("2", {"teacher": True, "jf_level": "Ahli Utama", "jf_bup": 65}, 65),
    ("3", {"echelon_code": "41", "jf_level": "Ahli Madya"}, 60),
    ("3", {"echelon_code": "21", "jf_level": "Ahli Muda"}, 60),
    ("3", {"echelon_code": "41"}, 58),
])
def test_retirement_age(position_type, kwargs, expected):
    assert retirement_age(position_type, **kwargs) == expected


@pytest.mark.parametrize(("position_type", "kwargs"), [
    ("5", {}),
    ("", {}),
    (None, {}),
    ("2", {}),  # JF without jenjang or BUP: never guess
    ("2", {"jf_level": "Ahli Besar"}),
    ("2", {"jf_bup": 5}),
])
def test_retirement_age_refuses_what_it_cannot_know(position_type, kwargs):
    with pytest.raises(ValueError):
        retirement_age(position_type, **kwargs)


@pytest.mark.parametrize(("position_type", "name", "echelon", "jf_bup", "expected"), [
    ("2", "Guru Ahli Muda", None, None, 60),
    ("2", "Guru Kelas Ahli Pertama", None, None, 60),
    ("2", "GURU PERTAMA", None, None, 60),
    ("2", "guru bahasa inggris", None, None, 60),
    ("2", "Analis Kebijakan Ahli Madya", None, None, 60),
    ("2", "Analis Kebijakan Ahli Utama", None, None, 65),
    ("2", "Pranata Komputer Ahli Muda", None, None, 58),
    ("2", "Perawat Terampil", None, None, 58),
    ("2", "Pengurus Barang Terampil", None, None, 58),  # "Pengurus" is not "guru"
    ("2", "Dokter Ahli Utama", None, 65, 65),
    ("2", "Penguji Kendaraan Bermotor", None, 58, 58),
    ("4", "Pengadministrasi Umum", None, None, 58),
    ("4", None, None, None, 58),
    ("1", "Kepala Badan Kepegawaian, Pendidikan dan Pelatihan", "21", None, 60),
    ("1", "Kepala Bidang Mutasi", "31", None, 58),
    ("3", "Kepala Sekolah / Guru Ahli Madya", "41", None, 60),
])
def test_retirement_age_for_position(position_type, name, echelon, jf_bup, expected):
    assert retirement_age_for_position(position_type, name, echelon, jf_bup) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Analis Kebijakan Ahli Madya", "ahli madya"),
    ("Guru Ahli  Pertama", "ahli pertama"),
    ("Perawat Penyelia", "penyelia"),
    ("Pengadministrasi Umum", None),
    (None, None),
])
def test_jf_level_in_name(name, expected):
    assert jf_level_in_name(name) == expected


@pytest.mark.parametrize(("birth", "bup", "expected"), [
    (D(1968, 6, 15), 58, D(2026, 7, 1)),  # ZULKIFLI (import case row 5)
    (D(1968, 6, 1), 58, D(2026, 7, 1)),  # born on the 1st: still the next month
    (D(1968, 6, 30), 58, D(2026, 7, 1)),
    (D(1966, 12, 31), 60, D(2027, 1, 1)),  # year end
    (D(1966, 12, 1), 60, D(2027, 1, 1)),
    (D(1961, 1, 31), 65, D(2026, 2, 1)),
    (D(1970, 1, 1), 58, D(2028, 2, 1)),
    (D(1968, 2, 29), 58, D(2026, 4, 1)),  # 29 Feb, common year: BUP reached 1 March
    (D(1968, 2, 29), 60, D(2028, 3, 1)),  # 29 Feb, leap year
    (D(1956, 8, 17), 70, D(2026, 9, 1)),
])
def test_retirement_date(birth, bup, expected):
    assert retirement_date(birth, bup) == expected


@pytest.mark.parametrize(("on", "expected"), [
    (D(2026, 6, 14), False),
    (D(2026, 6, 15), False),  # BUP reached, still serves out June
    (D(2026, 6, 30), False),
    (D(2026, 7, 1), True),
    (D(2026, 12, 3), True),
])
def test_zulkifli_is_past_retirement(on, expected):
    bup = retirement_age_for_position("4", "Pengadministrasi Umum")
    assert bup == 58
    assert is_past_retirement(D(1968, 6, 15), bup, on) is expected


# -- KGB -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("tmt", "sk_y", "sk_m", "gol", "on", "expected"), [
    # II/c (odd MKG years) vs III/a (even MKG years), same SK
    (D(2020, 3, 1), 0, 0, "23", D(2020, 3, 1), D(2021, 3, 1)),
    (D(2020, 3, 1), 0, 0, "31", D(2020, 3, 1), D(2022, 3, 1)),
    (D(2020, 3, 1), 3, 0, "23", D(2020, 3, 1), D(2022, 3, 1)),
    (D(2020, 3, 1), 3, 0, "31", D(2020, 3, 1), D(2021, 3, 1)),
    (D(2020, 3, 1), 4, 0, "23", D(2020, 3, 1), D(2021, 3, 1)),
    (D(2020, 3, 1), 4, 0, "31", D(2020, 3, 1), D(2022, 3, 1)),  # the SK's MKG is not a KGB
    (D(2020, 3, 1), 4, 6, "23", D(2020, 3, 1), D(2020, 9, 1)),
    (D(2020, 3, 1), 4, 6, "31", D(2020, 3, 1), D(2021, 9, 1)),
    (D(2020, 3, 1), 1, 11, "31", D(2020, 3, 1), D(2020, 4, 1)),
    (D(2020, 3, 1), 0, 0, "23", D(2026, 12, 3), D(2027, 3, 1)),
    (D(2020, 3, 1), 0, 0, "31", D(2026, 12, 3), D(2028, 3, 1)),
    # exactly due on `on`: that day is returned; the day after, the next one
    (D(2020, 3, 1), 0, 0, "31", D(2022, 3, 1), D(2022, 3, 1)),
    (D(2020, 3, 1), 0, 0, "31", D(2022, 3, 2), D(2024, 3, 1)),
    (D(2020, 3, 1), 0, 0, "31", D(2022, 2, 28), D(2022, 3, 1)),
    # other golongan: I/a even, I/b odd, II/d odd, IV/e even
    (D(2020, 1, 1), 0, 0, "11", D(2020, 1, 1), D(2022, 1, 1)),
    (D(2020, 1, 1), 0, 0, "12", D(2020, 1, 1), D(2021, 1, 1)),
    (D(2020, 1, 1), 0, 0, "24", D(2020, 1, 1), D(2021, 1, 1)),
    (D(2020, 1, 1), 0, 0, "45", D(2020, 1, 1), D(2022, 1, 1)),
    (D(2020, 1, 1), 0, 0, 41, D(2020, 1, 1), D(2022, 1, 1)),  # int code
    # RINA MARLINA: III/c since 2018-04-01 with MKG 8 y 3 m → MKG 18 y 0 m on 2028-01-01
    (D(2018, 4, 1), 8, 3, "33", D(2026, 12, 3), D(2028, 1, 1)),
    # year end
    (D(2019, 12, 1), 1, 0, "33", D(2026, 12, 2), D(2028, 12, 1)),
    (D(2019, 12, 1), 1, 0, "33", D(2026, 12, 1), D(2026, 12, 1)),
    # month end TMT (never in practice, but defined)
    (D(2020, 1, 31), 1, 11, "31", D(2020, 1, 31), D(2020, 2, 29)),
    (D(2020, 1, 31), 1, 11, "31", D(2020, 3, 1), D(2022, 2, 28)),
    # SK in the future
    (D(2027, 1, 1), 0, 0, "31", D(2026, 12, 3), D(2029, 1, 1)),
    # PPPK: every 2 years from TMT, SK MKG ignored
    (D(2022, 1, 1), 0, 0, "IX", D(2023, 6, 1), D(2024, 1, 1)),
    (D(2022, 1, 1), 5, 0, "ix", D(2024, 1, 1), D(2024, 1, 1)),
    (D(2022, 1, 1), 0, 0, "XVII", D(2024, 1, 2), D(2026, 1, 1)),
])
def test_next_kgb_date(tmt, sk_y, sk_m, gol, on, expected):
    assert next_kgb_date(tmt, sk_y, sk_m, gol, on) == expected


@pytest.mark.parametrize("gol", ["99", "", None, "XVIII", "III/a"])
def test_next_kgb_date_refuses_unknown_golongan(gol):
    with pytest.raises(ValueError):
        next_kgb_date(D(2020, 1, 1), 0, 0, gol, D(2026, 1, 1))


# -- KP --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("on", "expected"), [
    (D(2026, 12, 2), D(2027, 2, 1)),  # across the year end
    (D(2026, 12, 31), D(2027, 2, 1)),
    (D(2026, 12, 1), D(2026, 12, 1)),
    (D(2026, 1, 1), D(2026, 2, 1)),
    (D(2026, 2, 1), D(2026, 2, 1)),
    (D(2026, 2, 2), D(2026, 4, 1)),
    (D(2026, 5, 31), D(2026, 6, 1)),
    (D(2026, 6, 2), D(2026, 8, 1)),
    (D(2026, 9, 30), D(2026, 10, 1)),
    (D(2024, 2, 1), D(2024, 2, 1)),
    (D(2024, 1, 31), D(2024, 2, 1)),
    (D(2024, 12, 31), D(2025, 2, 1)),
    # before February 2024: 1 April and 1 October
    (D(2023, 10, 1), D(2023, 10, 1)),
    (D(2023, 10, 2), D(2024, 2, 1)),
    (D(2023, 4, 2), D(2023, 10, 1)),
    (D(2023, 1, 1), D(2023, 4, 1)),
    (D(2022, 11, 15), D(2023, 4, 1)),
])
def test_next_promotion_period(on, expected):
    assert next_promotion_period(on) == expected


@pytest.mark.parametrize(("tmt", "on", "years", "expected"), [
    (D(2022, 12, 2), None, 4, D(2027, 2, 1)),  # 4-year mark 2026-12-02 → next year's February
    (D(2022, 12, 1), None, 4, D(2026, 12, 1)),
    (D(2023, 4, 1), None, 4, D(2027, 4, 1)),
    (D(2023, 4, 1), D(2026, 1, 1), 4, D(2027, 4, 1)),
    (D(2023, 4, 1), D(2027, 5, 1), 4, D(2027, 6, 1)),  # a missed period is gone
    (D(2020, 2, 29), None, 4, D(2024, 4, 1)),  # mark 2024-02-29 → April
    (D(2021, 2, 28), None, 4, D(2025, 4, 1)),
    (D(2019, 10, 1), None, 4, D(2023, 10, 1)),  # old calendar
    (D(2019, 10, 2), None, 4, D(2024, 2, 1)),
    (D(2022, 1, 1), None, 2, D(2024, 2, 1)),
])
def test_regular_promotion_date(tmt, on, years, expected):
    assert regular_promotion_date(tmt, on, years) == expected


@pytest.mark.parametrize(("education", "echelon", "expected"), [
    ("34", None, "34"),
    ("34", "33", "33"),
    ("34", "41", "34"),
    (None, "41", "41"),
    (None, None, None),
    ("", None, None),
    (34, None, "34"),
    ("32", "34", "32"),
])
def test_promotion_ceiling(education, echelon, expected):
    assert promotion_ceiling(education, echelon) == expected


@pytest.mark.parametrize(("gol", "education", "echelon", "expected"), [
    ("34", "34", None, True),  # S-1 at III/d
    ("33", "34", None, False),
    ("41", "34", None, True),  # above the ceiling (e.g. KP pilihan): still at ceiling
    ("33", "34", "33", True),  # eselon IV.b caps at III/c
    ("32", "32", None, True),  # SLTA at III/b
    ("31", "32", None, False),
    ("41", "41", None, True),  # S-2 at IV/a
    ("42", "42", None, True),  # S-3 at IV/b
    ("21", "21", None, True),  # SD at II/a
    ("45", None, None, True),
    ("44", None, None, False),
    ("IX", "34", None, False),
])
def test_is_at_ceiling(gol, education, echelon, expected):
    assert is_at_ceiling(gol, education, echelon) is expected


ON = D(2026, 12, 3)


@pytest.mark.parametrize(("gol", "tmt", "education", "echelon", "name", "expected"), [
    ("32", D(2023, 4, 1), "34", None, None,
     (False, "Belum 4 tahun dalam golongan III/b (TMT 01-04-2023).")),
    ("34", D(2010, 4, 1), "34", None, "S-1",
     (False, "Sudah mencapai golongan tertinggi untuk pendidikan S-1 (III/d).")),
    ("34", D(2010, 4, 1), "34", None, None,
     (False, "Sudah mencapai golongan tertinggi untuk pendidikannya (III/d).")),
    ("33", D(2015, 4, 1), "41", "33", "S-2",
     (False, "Sudah mencapai golongan tertinggi untuk eselon jabatannya (III/c).")),
    ("34", D(2015, 4, 1), "34", "34", "S-1",
     (False, "Sudah mencapai golongan tertinggi untuk pendidikan S-1 (III/d).")),
    ("41", D(2015, 4, 1), "34", None, "S-1",
     (False, "Golongan IV/a sudah di atas batas kenaikan pangkat reguler untuk pendidikan "
             "S-1 (III/d); kenaikan berikutnya hanya melalui kenaikan pangkat pilihan.")),
    ("45", D(2015, 4, 1), None, None, None,
     (False, "Sudah berada pada golongan tertinggi (IV/e).")),
    ("IX", D(2015, 4, 1), "34", None, None, (False, "PPPK tidak mendapat kenaikan pangkat.")),
    ("32", D(2022, 10, 1), "34", None, None,
     (True, "Memenuhi syarat masa kerja kenaikan pangkat reguler ke III/c; "
            "periode terdekat 01-02-2027.")),
    ("32", D(2022, 12, 3), "34", None, None,  # exactly 4 years
     (True, "Memenuhi syarat masa kerja kenaikan pangkat reguler ke III/c; "
            "periode terdekat 01-02-2027.")),
    ("32", D(2022, 12, 4), "34", None, None,  # one day short
     (False, "Belum 4 tahun dalam golongan III/b (TMT 04-12-2022).")),
    ("24", D(2020, 4, 1), "32", None, None,
     (True, "Memenuhi syarat masa kerja kenaikan pangkat reguler ke III/a; "
            "periode terdekat 01-02-2027.")),
    ("34", D(2015, 4, 1), "41", None, "S-2",
     (True, "Memenuhi syarat masa kerja kenaikan pangkat reguler ke IV/a; "
            "periode terdekat 01-02-2027.")),
    ("32", D(2020, 1, 1), "32", None, "SLTA",
     (False, "Sudah mencapai golongan tertinggi untuk pendidikan SLTA (III/b).")),
    ("33", D(2030, 1, 1), "34", None, None,  # TMT in the future
     (False, "Belum 4 tahun dalam golongan III/c (TMT 01-01-2030).")),
])
def test_eligible_for_regular_promotion(gol, tmt, education, echelon, name, expected):
    assert eligible_for_regular_promotion(gol, tmt, ON, education, echelon,
                                          education_name=name) == expected


def test_eligible_names_the_next_period_from_on():
    ok, reason = eligible_for_regular_promotion("32", D(2022, 10, 1), D(2026, 11, 15), "34")
    assert ok
    assert reason.endswith("periode terdekat 01-12-2026.")


@pytest.mark.parametrize(("code", "name", "up"), [
    ("11", "I/a", "12"), ("14", "I/d", "21"), ("24", "II/d", "31"), ("34", "III/d", "41"),
    ("44", "IV/d", "45"), ("45", "IV/e", None),
])
def test_golongan_names_and_steps(code, name, up):
    assert golongan_name(code) == name
    assert next_golongan(code) == up


def test_golongan_name_of_pppk_and_unknown():
    assert golongan_name("ix") == "IX"
    with pytest.raises(ValueError):
        golongan_name("46")


# -- DUK -------------------------------------------------------------------------------------


def _person(**fields):
    return fields


def test_duk_orders_by_golongan_then_tmt_then_eselon_then_service_then_age():
    people = {
        "iv_a_old_tmt": _person(golongan_code="41", tmt_golongan=D(2018, 4, 1)),
        "iv_a_new_tmt": _person(golongan_code="41", tmt_golongan=D(2020, 4, 1)),
        "iii_d_eselon_iii": _person(golongan_code="34", tmt_golongan=D(2019, 4, 1),
                                 echelon_code="32", tmt_echelon=D(2021, 1, 1)),
        "iii_d_eselon_iv": _person(golongan_code="34", tmt_golongan=D(2019, 4, 1),
                                echelon_code="41", tmt_echelon=D(2020, 1, 1)),
        "iii_d_no_eselon_long": _person(golongan_code="34", tmt_golongan=D(2019, 4, 1),
                                     service=YM(20, 0), birth_date=D(1975, 1, 1)),
        "iii_d_no_eselon_short": _person(golongan_code="34", tmt_golongan=D(2019, 4, 1),
                                      service=YM(15, 0), birth_date=D(1970, 1, 1)),
        "iii_d_same_older": _person(golongan_code="34", tmt_golongan=D(2019, 4, 1),
                                 service=YM(15, 0), birth_date=D(1969, 1, 1)),
    }
    order = sorted(people, key=lambda name: duk_key(**people[name]))
    assert order == ["iv_a_old_tmt", "iv_a_new_tmt", "iii_d_eselon_iii", "iii_d_eselon_iv",
                     "iii_d_no_eselon_long", "iii_d_same_older", "iii_d_no_eselon_short"]


# -- properties ------------------------------------------------------------------------------

births = st.dates(D(1940, 1, 1), D(2010, 12, 31))
bups = st.sampled_from([56, 58, 60, 62, 65, 70])
days = st.dates(D(1980, 1, 1), D(2060, 12, 31))


@given(births, bups)
def test_retirement_date_is_the_first_of_the_month_after_the_bup_birthday(birth, bup):
    result = retirement_date(birth, bup)
    reached = birthday(birth, bup)
    assert result.day == 1
    assert result > reached
    assert (result - ONE_DAY).month == reached.month  # the month in which BUP is reached
    assert age_on(birth, result) >= bup
    assert age_on(birth, reached - ONE_DAY) == bup - 1
    assert not is_past_retirement(birth, bup, result - ONE_DAY)
    assert is_past_retirement(birth, bup, result)


@given(births, st.integers(0, 80))
def test_age_changes_exactly_on_the_birthday(birth, age):
    day = birthday(birth, age)
    assert age_on(birth, day) == age
    if age:
        assert age_on(birth, day - ONE_DAY) == age - 1


periods = st.lists(
    st.tuples(days, st.integers(0, 2000), st.booleans()).map(
        lambda t: (t[0], None if t[2] and t[1] > 1900 else t[0] + datetime.timedelta(days=t[1]))
    ),
    max_size=3,
)


@given(days, days, days, periods)
def test_service_length_never_decreases_as_on_advances(start, on1, on2, excluded):
    on1, on2 = sorted((on1, on2))
    earlier = service_length(start, on1, excluded)
    later = service_length(start, on2, excluded)
    assert earlier <= later
    assert later <= service_length(start, on2)  # excluded periods never add service


@given(days, days)
def test_service_length_without_exclusions_is_whole_months(start, on):
    assert service_length(start, on).total_months == months_between(start, on)


@given(days, st.integers(0, 40), st.integers(0, 11), st.sampled_from(PNS_CODES),
       st.integers(0, 3000))
def test_next_kgb_is_on_or_after_on_within_two_years_at_the_right_mkg(tmt, sk_y, sk_m, gol,
                                                                      days_later):
    on = tmt + datetime.timedelta(days=days_later)
    result = next_kgb_date(tmt, sk_y, sk_m, gol, on)
    assert on <= result <= add_months(on, 24)
    assert result > tmt
    mkg = grade_service_on(sk_y, sk_m, tmt, result)
    assert mkg.months == 0
    assert mkg.years % 2 == (1 if gol in ODD_STEP_CODES else 0)
    assert next_kgb_date(tmt, sk_y, sk_m, gol, result) == result
    assert next_kgb_date(tmt, sk_y, sk_m, gol, result + ONE_DAY) > result


@given(days, st.sampled_from(["I", "V", "IX", "XVII"]), st.integers(0, 3000))
def test_next_kgb_of_pppk_is_every_two_years_from_tmt(tmt, gol, days_later):
    on = tmt + datetime.timedelta(days=days_later)
    result = next_kgb_date(tmt, 0, 0, gol, on)
    assert on <= result <= add_months(on, 24)
    assert months_between(tmt, result) % 24 == 0
    assert result > tmt


@given(st.dates(D(2024, 2, 1), D(2060, 12, 31)))
def test_next_promotion_period_is_one_of_the_six_and_at_most_two_months_away(on):
    period = next_promotion_period(on)
    assert period.day == 1 and period.month in (2, 4, 6, 8, 10, 12)
    assert on <= period <= add_months(on, 2)


@given(st.dates(D(2000, 1, 1), D(2056, 12, 31)), st.sampled_from(PNS_CODES[:-1]),
       st.sampled_from(["32", "33", "34", "41", "42"]), st.dates(D(2000, 1, 1), D(2060, 12, 31)))
def test_eligibility_agrees_with_ceiling_and_promotion_date(tmt, gol, ceiling, on):
    eligible, reason = eligible_for_regular_promotion(gol, tmt, on, ceiling)
    assert reason.endswith(".")
    if is_at_ceiling(gol, ceiling):
        assert not eligible and ("tertinggi" in reason or "di atas batas" in reason)
    else:
        assume(on >= D(2024, 2, 1))
        assert eligible == (on >= birthday(tmt, 4))
        if eligible:
            assert regular_promotion_date(tmt, on) == next_promotion_period(on)
