"""Browse and read employee records. Every fetch goes through ``visible_to``."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from smart.access.policies import PERSONNEL_READERS, has_role, personnel_scope
from smart.people.forms import EmployeeFilterForm
from smart.people.models import Employee, get_employee_for_user_or_404
from smart.references.models import Unit


def _units_visible_to(user):
    scope = personnel_scope(user)
    units = Unit.objects.current()
    return units if scope.everything else units.under_any(scope.unit_paths)


def employee_list(request):
    form = EmployeeFilterForm(request.GET or None, units=_units_visible_to(request.user))
    employees = form.filter(Employee.objects.visible_to(request.user)).for_list()
    page = Paginator(employees, settings.SMART_EMPLOYEE_PAGE_SIZE).get_page(
        request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = "people/employee_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {
        "form": form, "page": page, "query": query.urlencode(),
    })


def employee_detail(request, pk: int):
    employee = get_employee_for_user_or_404(request.user, pk)
    return render(request, "people/employee_detail.html", {
        "employee": employee,
        "age": employee.age_on(),
        "service_length": employee.service_length_on(),
        "can_browse": has_role(request.user, *PERSONNEL_READERS),
    })


def my_profile(request):
    employee = Employee.objects.filter(user=request.user).only("pk").first()
    if employee is None:
        raise Http404
    return redirect("people:employee_detail", pk=employee.pk)
