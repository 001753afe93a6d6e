"""``{% stage_badge change %}``: a request's stage as a coloured badge.

A tag rather than an included template: the request tables show one per row,
and an ``{% include %}`` per row was a fifth of the verifier queue's CPU.
"""

from django import template
from django.utils.html import format_html

from smart.changes.models import Stage

register = template.Library()

STAGE_STYLES = {
    Stage.VALIDATED: "text-bg-success", Stage.REJECTED: "text-bg-danger",
    Stage.WITHDRAWN: "text-bg-secondary", Stage.CLARIFICATION: "text-bg-warning",
    Stage.RETURNED: "text-bg-warning",
}


@register.simple_tag
def stage_badge(change) -> str:
    return format_html('<span class="badge {}">{}</span>',
                       STAGE_STYLES.get(change.stage, "text-bg-primary"),
                       change.get_stage_display())
