"""Browse and read employee records. Every fetch goes through ``visible_to``."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from smart.access.policies import personnel_scope, scope_cache_key
from smart.people.forms import EmployeeFilterForm, unfiltered_form_html
from smart.people.identity import looks_like_nik
from smart.people.listing import employee_page
from smart.people.models import Employee
from smart.references.models import Unit


def _units_visible_to(user):
    scope = personnel_scope(user)
    units = Unit.objects.current().select_related("agency")
    return units if scope.everything else units.under_any(scope.unit_paths)


# The list's paging parameters (smart.people.listing); the rest are its filters.
PAGE_PARAMETERS = ("page", "after", "before", "last")


def _without_nik(request):
    """A query holding a NIK is not run, and the answer takes the NIK out of the
    address bar and the history (security.md C5): the same list without ``q``."""
    messages.warning(request, _(
        "A NIK is not searched in this list, so that it never appears in a page address. "
        "Search by name or NIP."))
    query = request.GET.copy()
    query.pop("q", None)
    for name in PAGE_PARAMETERS:
        query.pop(name, None)
    url = reverse("people:employee_list") + (f"?{query.urlencode()}" if query else "")
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def employee_list(request):
    if looks_like_nik(request.GET.get("q")):
        return _without_nik(request)
    query = request.GET.copy()
    for name in PAGE_PARAMETERS:
        query.pop(name, None)
    employees = Employee.objects.visible_to(request.user)
    units = _units_visible_to(request.user)
    form, filters_html = None, ""
    if query:
        form = EmployeeFilterForm(request.GET, units=units)
        employees = form.filter(employees)
    elif not request.htmx:  # nothing chosen: the form as kept (decision 221)
        filters_html = unfiltered_form_html(request.user, units)
    page = employee_page(employees.for_list(), request.GET,
                         searched=bool(form and form.searched_text()),
                         count_key=f"{scope_cache_key(request.user)}|{query.urlencode()}")
    template = "people/employee_list.html"
    if request.htmx:
        template += "#results"
    response = render(request, template, {
        "form": form, "filters_html": filters_html, "page": page, "query": query.urlencode(),
    })
    # The same URL answers with a whole page or a fragment: caches must keep
    # them apart, or the Back button shows a bare fragment.
    patch_vary_headers(response, ("HX-Request",))
    return response


def my_profile(request):
    employee = Employee.objects.filter(user=request.user).only("pk").first()
    if employee is None:
        raise Http404
    return redirect("records:profile", pk=employee.pk)
