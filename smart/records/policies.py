"""Who may write record entries directly."""

from smart.access.models import Role
from smart.access.policies import has_role
from smart.people.models import Employee


def may_correct_directly(user, employee: Employee) -> bool:
    """A verifier may add or correct entries directly (Pasal 14b) — never on
    their own record (defect 9). The employee must already be visible to them;
    callers fetch it through the scoped helper first."""
    return has_role(user, Role.VERIFIER) and employee.user_id != user.pk
