"""Addresses reversed once per process (smart.portal.addresses, decision 223)."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse

from smart.portal.addresses import address, address_of

ROW_PAGES = ["records:profile", "changes:detail", "monitoring:campaign_detail",
             "synchronisation:run_detail"]


@pytest.mark.parametrize("prefix", ["/", "/smart/"])
def test_a_rows_address_is_the_one_reverse_gives(prefix, script_prefix):
    script_prefix(prefix)
    for name in ROW_PAGES:
        for pk in (1, 7, 2_147_483_647):
            assert address_of(name, pk) == reverse(name, args=[pk])
            assert address_of(name, str(pk)) == reverse(name, args=[pk])
        assert address_of(name, 5).startswith(prefix)
    assert address("changes:queue") == reverse("changes:queue")
    assert address("no:such-page") is None


def test_a_page_without_one_id_is_refused_not_guessed():
    with pytest.raises(NoReverseMatch):
        address_of("changes:queue", 3)  # takes no id
    with pytest.raises(NoReverseMatch):
        address_of("synchronisation:difference_propose", 3)  # takes two
    with pytest.raises(NoReverseMatch):
        address_of("jobs:detail", 3)  # a job's id is a UUID
    for not_an_id in ("3/../../akun", "3_000", " 7 ", "٣", "-5", -5, 3.9, True, None):
        with pytest.raises(ValueError):  # an id is a whole number, as reverse() wants
            address_of("records:profile", not_an_id)


def test_the_template_tag_writes_the_rows_address():
    html = Template("{% load smart_links %}<a href=\"{% address_of 'records:profile' pk %}\">"
                    ).render(Context({"pk": 42}))
    assert html == f'<a href="{reverse("records:profile", args=[42])}">'
