"""The national code tables held in each process (decision 218).

Golongan, agama, jenis kelamin, eselon, jenis jabatan and the other code
tables are a few dozen rows each (the JF table a few thousand), read on nearly
every page and changed only by data migration. Joined into a page's query
they cost more in Django's compiler and PostgreSQL's planner than the rows
themselves (the profile's employee row: 11 joins, 321 columns, 5 ms of
Python); held here, a row's code-table values are attached from memory.

Rules:

* A table is read whole on first use and kept ``SMART_CODE_TABLE_SECONDS``
  (60 s): a change made by another process (a migration, the shell, another
  worker) is seen within that time.
* A row saved or deleted through the ORM clears this process's copy at once
  and again when its transaction commits, so a read between the save and the
  commit is not kept.
* An id not in the copy reads the table again once (a row added elsewhere);
  an id still missing is left to Django's own lazy read, so a value is never
  lost, only read the slow way.
* ``held_generation()`` changes whenever a copy is cleared or a table read
  afresh differs from the copy before: what is rendered from code-table values
  and kept (the profile's sections, decision 219) holds it in its key.
* The instances are shared by every request of the process: callers read
  them, never change them. A key to a column other than the id (``to_field``)
  is not held.
* The regions (wilayah) are a code table too but not held: nationally they are
  tens of thousands of rows.
"""

from __future__ import annotations

import datetime
import threading
import time

from django.conf import settings
from django.db import transaction
from django.db.models import ForeignKey
from django.db.models.query import ModelIterable
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from smart.references.models import CodeTable, Region

_lock = threading.Lock()
_tables: dict[type, tuple[float, dict[int, CodeTable], int]] = {}  # read at, rows, signature
_generation = 0


def is_held(model) -> bool:
    return issubclass(model, CodeTable) and model is not Region


def _held_foreign_keys(model) -> list[ForeignKey]:
    return [field for field in model._meta.concrete_fields
            if isinstance(field, ForeignKey) and is_held(field.related_model)
            and field.target_field.primary_key]


def _signature(rows: dict[int, CodeTable]) -> int:
    return hash(tuple(
        (pk, tuple(getattr(row, field.attname) for field in row._meta.concrete_fields))
        for pk, row in sorted(rows.items())))


def _read(model) -> dict[int, CodeTable]:
    rows = {row.pk: row for row in model._base_manager.all()}
    for field in _held_foreign_keys(model):  # Eselon and tingkat pendidikan name golongan
        if field.related_model is not model:
            attach_rows(rows.values(), [field])
    return rows


def held_generation() -> int:
    """Changes whenever a held copy is cleared or read afresh with other values."""
    return _generation


def held_rows(model, *, refresh: bool = False) -> dict[int, CodeTable]:
    """The table's rows by id, read afresh when older than the setting."""
    global _generation
    now = time.monotonic()
    kept = _tables.get(model)
    if refresh or kept is None or now - kept[0] > settings.SMART_CODE_TABLE_SECONDS:
        rows = _read(model)
        signature = _signature(rows)
        with _lock:
            if kept is not None and kept[2] != signature:
                _generation += 1
            _tables[model] = (now, rows, signature)
        return rows
    return kept[1]


def forget_held_rows(model=None) -> None:
    """Drop the copy of one table (or of all): the next use reads it again."""
    global _generation
    with _lock:
        _generation += 1
        if model is None:
            _tables.clear()
        else:
            _tables.pop(model, None)


def active_held(tables: dict[str, type[CodeTable]],
                on: datetime.date | None = None) -> dict[str, list[CodeTable]]:
    """The entries in use on a date (today) of several code tables, each in its
    table's order, from the held copies: no query (the employee list's selects)."""
    on = on or timezone.localdate()
    found = {}
    for name, model in tables.items():
        ordering = model._meta.ordering
        rows = [row for row in held_rows(model).values()
                if row.is_active and (row.valid_from is None or row.valid_from <= on)
                and (row.valid_to is None or row.valid_to >= on)]
        found[name] = sorted(rows, key=lambda row, fields=ordering: tuple(
            getattr(row, field) for field in fields))
    return found


def attach_rows(objects, fields: list[ForeignKey]) -> None:
    """Give each object its code-table values from the held tables, so reading
    ``employee.golongan`` costs no query."""
    for field in fields:
        rows, refreshed = held_rows(field.related_model), False
        for obj in objects:
            value = obj.__dict__.get(field.attname)  # a deferred key is left unread
            if value is None or field.is_cached(obj):
                continue
            if value not in rows and not refreshed:  # added elsewhere: read once more
                rows, refreshed = held_rows(field.related_model, refresh=True), True
            row = rows.get(value)
            if row is not None:
                field.set_cached_value(obj, row)


class HeldRowsIterable(ModelIterable):
    """Model rows with their code-table values attached from the held tables
    (all rows at once, also under ``iterator()``: use it for pages, not exports)."""

    def __iter__(self):
        objects = list(super().__iter__())
        if objects:
            attach_rows(objects, _held_foreign_keys(type(objects[0])))
        yield from objects


def with_held_rows(queryset):
    """The queryset, its rows' code-table values attached from memory instead
    of joined: ``with_held_rows(Employee.objects.filter(...))``. Django's
    ``values()`` and ``values_list()`` replace the row class and so ignore it."""
    clone = queryset.all()
    if clone._iterable_class is ModelIterable:  # values() rows carry no instances
        clone._iterable_class = HeldRowsIterable  # the hook values() uses too
    return clone


def _forget_table(model) -> None:
    forget_held_rows(model)
    for other in list(_tables):  # tables whose rows carry this one's rows
        if any(field.related_model is model for field in _held_foreign_keys(other)):
            forget_held_rows(other)


def _forget_on_change(sender, **kwargs) -> None:
    model = sender._meta.concrete_model
    if is_held(model):
        _forget_table(model)  # now, and again once the writing transaction commits
        transaction.on_commit(lambda: _forget_table(model), using=kwargs.get("using"))


post_save.connect(_forget_on_change, dispatch_uid="smart.references.held.save")
post_delete.connect(_forget_on_change, dispatch_uid="smart.references.held.delete")
