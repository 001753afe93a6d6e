"""Inserting many rows of one model fast, for the bulk writes of an import.

Django's ``bulk_create`` spends most of its time compiling each value (about
60 columns per employee, twice with the history row). Here each column gets
its database conversion once per chunk: plain values go as they are, dates
and JSON through the backend's own adapters. Rows go in multi-row INSERT
statements; the new primary keys come back through ``RETURNING`` (SQLite ≥
3.35, PostgreSQL), in insertion order, as ``bulk_create`` relies on too. On
PostgreSQL the rows go as one array per column through ``UNNEST``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import connection, models

# Variables per statement: SQLite allows 32766 since 3.32, PostgreSQL 65535.
_MAX_PARAMS = 30000
_UNNEST_ROWS = 5000
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def _converter(field: models.Field) -> Callable | None:
    """How a Python value of this column becomes a query parameter; None = as is."""
    if field.is_relation:
        return _converter(field.target_field)  # a key column is stored as its target's
    if isinstance(field, (models.DateTimeField, models.JSONField)):
        return lambda value: field.get_db_prep_save(value, connection)
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(field, _PLAIN):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _unnest_sql(fields: list[models.Field]) -> str:
    """On PostgreSQL, the ``UNNEST`` arguments (one typed array placeholder per
    column), as Django 5.2's own ``bulk_create`` writes them; "" elsewhere, or
    when a column's type is not a plain one. A statement of 30,000 ``%s`` took
    psycopg longer to split than the server took to run it (issue 10)."""
    if connection.vendor != "postgresql":
        return ""
    types = []
    for field in fields:
        plain = field.target_field if field.is_relation else field
        if plain.get_internal_type() not in connection.data_types:
            return ""
        types.append("(%s)::" + field.db_type(connection).split("(")[0] + "[]")
    return ", ".join(types)


def insert_rows(model: type[models.Model], objs: Sequence[models.Model | dict]) -> None:
    """INSERT ``objs`` (unsaved, no primary key) and set their primary keys.

    An item may also be a plain dict of attribute names (the history rows:
    no model instance is built for them). ``pre_save`` runs for fields that
    fill themselves (``auto_now_add``); no signals, no ``save()`` — as
    ``bulk_create``.
    """
    if not objs:
        return
    meta = model._meta
    pk = meta.pk
    fields = [f for f in meta.concrete_fields if f is not pk]
    auto = [f for f in fields if getattr(f, "auto_now", False) or
            getattr(f, "auto_now_add", False)]
    for obj in objs:
        if not isinstance(obj, dict):
            for f in auto:
                f.pre_save(obj, add=True)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    getters = [(f.attname, _converter(f)) for f in fields]
    per_statement = max(1, _MAX_PARAMS // len(fields))
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    table = connection.ops.quote_name(meta.db_table)
    returning = connection.ops.quote_name(pk.column)
    unnest = _unnest_sql(fields)
    if unnest:  # one array per column: a short statement, whatever the rows
        per_statement = _UNNEST_ROWS
    with connection.cursor() as cursor:
        for start in range(0, len(objs), per_statement):
            part = objs[start:start + per_statement]
            params = []
            for obj in part:
                values = obj if isinstance(obj, dict) else obj.__dict__
                for attname, convert in getters:
                    value = values.get(attname)
                    params.append(value if convert is None or value is None
                                  else convert(value))
            # Names come quoted from the model's metadata; every value is a parameter.
            if unnest:
                width = len(fields)
                cursor.execute(f"INSERT INTO {table} ({columns}) SELECT * FROM "  # noqa: S608
                               f"UNNEST({unnest}) RETURNING {returning}",
                               [params[i::width] for i in range(width)])
            else:
                cursor.execute(f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
                               f"{', '.join([row_sql] * len(part))} RETURNING {returning}",
                               params)
            for obj, (new_pk,) in zip(part, cursor.fetchall(), strict=True):
                if isinstance(obj, dict):
                    continue
                setattr(obj, pk.attname, new_pk)
                obj._state.adding = False
                obj._state.db = connection.alias
