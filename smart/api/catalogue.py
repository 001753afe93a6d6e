"""What every caller may read without scope: the record kinds of the registry,
the code tables and the unit tree. None of it is personal data."""

from __future__ import annotations

from django.apps import apps
from django.http import Http404
from ninja import Router, Schema

from smart.api.errors import ERRORS
from smart.records.registry import KINDS
from smart.references.models import CodeTable, Unit

router = Router(tags=["catalogue"])


class FieldInfo(Schema):
    name: str
    label: str


class KindInfo(Schema):
    slug: str
    label: str
    group: str
    fields: list[FieldInfo]


@router.get("/record-kinds", response={200: list[KindInfo], **ERRORS},
            summary="The record kinds")
def record_kinds(request):
    """Every history sub-record kind, as ``records/registry.py`` declares it."""
    return [{"slug": k.slug, "label": str(k.label), "group": k.group.value,
             "fields": [{"name": n, "label": str(k.model._meta.get_field(n).verbose_name)}
                        for n in k.fields]} for k in KINDS]


def code_tables() -> dict[str, type[CodeTable]]:
    """The code tables by their model name ("golongan", "religion"…)."""
    return {m._meta.model_name: m for m in apps.get_app_config("references").get_models()
            if issubclass(m, CodeTable)}


class TableInfo(Schema):
    name: str
    label: str


class Code(Schema):
    code: str
    name: str


@router.get("/references", response={200: list[TableInfo], **ERRORS},
            summary="The code tables")
def reference_tables(request):
    return [{"name": name, "label": str(model._meta.verbose_name_plural)}
            for name, model in sorted(code_tables().items())]


@router.get("/references/{table}", response={200: list[Code], **ERRORS},
            summary="The codes of one table in force today")
def reference_codes(request, table: str):
    model = code_tables().get(table)
    if model is None:
        raise Http404
    return list(model.objects.active().order_by("sort_order", "code").values("code", "name"))


class UnitInfo(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    parent: str | None
    depth: int


@router.get("/units", response={200: list[UnitInfo], **ERRORS},
            summary="The unit tree in force today")
def units(request):
    """Every current unit with its parent's code, in tree order."""
    rows = list(Unit.objects.current().values("code", "name", "short_name", "kind", "path",
                                              "depth"))
    by_path = {row["path"]: row["code"] for row in rows}
    step = Unit.steplen
    return [{**{k: row[k] for k in ("code", "name", "short_name", "kind", "depth")},
             "parent": by_path.get(row["path"][:-step])} for row in rows]
