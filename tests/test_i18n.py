"""Indonesian is the default language, English is switchable, nothing is left untranslated."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse


def test_every_indonesian_entry_is_translated():
    po = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale="id")
    untranslated = [m.id for m in catalog if m.id and (
        not all(m.string) if isinstance(m.string, tuple) else not m.string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


@pytest.mark.django_db
def test_the_login_page_speaks_indonesian_by_default(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Masuk ke SMART" in page
    assert "NIP atau nama pengguna" in page


@pytest.mark.django_db
def test_english_can_be_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Sign in to SMART" in page


@pytest.mark.django_db
def test_a_wrong_password_is_explained_in_indonesian(client, cast):
    page = client.post(reverse("accounts:login"),
                       {"username": cast.employee.username, "password": "salah"})
    assert page.status_code == 200
    assert "tidak cocok" in page.content.decode()


@pytest.mark.django_db
def test_a_browser_set_to_english_still_gets_indonesian_until_the_user_chooses(client):
    page = client.get(reverse("accounts:login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Masuk ke SMART" in page.content.decode()
    assert page.headers["Content-Language"] == "id"


@pytest.mark.django_db
def test_the_sign_in_error_reads_well_and_does_not_reveal_which_part_was_wrong(client, cast):
    unknown = client.post(reverse("accounts:login"), {"username": "199901012020011999",
                                                      "password": "salah-sekali-123"})
    wrong = client.post(reverse("accounts:login"), {"username": cast.employee.username,
                                                    "password": "salah-sekali-123"})
    message = "NIP/nama pengguna dan kata sandi tidak cocok"
    assert message in unknown.content.decode() and message in wrong.content.decode()
