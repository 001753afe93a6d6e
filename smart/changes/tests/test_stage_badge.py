"""The stage badge of the request tables and the request page."""

import pytest
from django.template import Context, Template
from django.utils import translation

from smart.changes.models import Action, ChangeRequest, Stage

EXPECTED = {
    Stage.VALIDATED: "text-bg-success", Stage.REJECTED: "text-bg-danger",
    Stage.WITHDRAWN: "text-bg-secondary", Stage.CLARIFICATION: "text-bg-warning",
    Stage.RETURNED: "text-bg-warning", Stage.DRAFT: "text-bg-primary",
    Stage.SUBMITTED: "text-bg-primary", Stage.VERIFICATION: "text-bg-primary",
    Stage.VERIFIED: "text-bg-primary", Stage.SYNCHRONISED: "text-bg-primary",
}


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_stage_has_its_colour_and_its_name_in_the_language(language):
    assert set(EXPECTED) == set(Stage)
    template = Template("{% load change_badges %}{% stage_badge change %}")
    for stage, style in EXPECTED.items():
        with translation.override(language):
            html = template.render(Context({"change": ChangeRequest(stage=stage)}))
            assert html == f'<span class="badge {style}">{stage.label}</span>'
    with translation.override("id"):
        assert ">Perlu klarifikasi<" in template.render(
            Context({"change": ChangeRequest(stage=Stage.CLARIFICATION)}))


def test_the_stage_and_action_names_are_djangos_in_each_language():
    """get_stage_display and get_action_display, written as one lookup each,
    answer as Django's generated methods do (an unknown value as stored)."""
    for language in ("id", "en"):
        with translation.override(language):
            for stage in Stage:
                assert ChangeRequest(stage=stage).get_stage_display() == str(stage.label)
            for action in Action:
                assert ChangeRequest(action=action).get_action_display() == str(action.label)
    with translation.override("id"):
        assert ChangeRequest(stage=Stage.VERIFICATION).get_stage_display() == "Dalam verifikasi"
    assert ChangeRequest(stage="unknown").get_stage_display() == "unknown"
    assert ChangeRequest(action="").get_action_display() == ""
