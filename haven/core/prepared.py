"""Prepared queries: the ORM writes a query's SQL once, each request binds values.

Django builds and compiles a queryset's SQL every time it is evaluated. On
Haven's pages that costs 0.1–0.4 ms per query, ten to twenty times what the
database needs to answer it (docs/performance.md). A page asks the same
questions on every request, only about other people and other days: the shape
of each query is fixed, its values are not. A `Prepared` query asks the ORM
for the SQL once per shape, with named `Slot`s where the values go, and after
that only binds the values and runs it.

Only SQL text is remembered, never an answer: every call reads the database
afresh, so whatever someone shares, unshares or deletes shows on the very next
request. Queries still go through Django's connection (so the query counts in
the tests and the database-error handling see them).

    LATEST = Prepared(lambda shape: Note.objects.filter(author_id=Slot("me")).order_by("-pk")[:5])
    LATEST.objects(me=user.pk)
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Field, IntegerField, Model, QuerySet
from django.db.models.expressions import Col, Expression, Func
from django.utils import timezone


@dataclass(frozen=True)
class _Hole:
    """Where a slot's value goes in the compiled parameters."""

    name: str
    field: Field


class Slot(Expression):
    """A named value of a prepared query, filled in on every run.

    Used wherever the ORM takes a value: `filter(author_id=Slot("me"))`,
    `filter(day__gte=Slot("since", DateField()))`. The output field adapts the
    value for the database (dates and times differ between backends).
    """

    def __init__(self, name: str, output_field: Field | None = None) -> None:
        super().__init__(output_field=output_field or IntegerField())
        self.name = name

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", [_Hole(self.name, self.output_field)]

    def get_group_by_cols(self) -> list[Any]:
        return []


class RowCount(Func):
    """COUNT(*) as a plain column: `.order_by().values_list(RowCount())` counts the
    rows of a prepared query (an aggregate would make the ORM group by every field)."""

    template = "COUNT(*)"
    contains_aggregate = False

    def __init__(self) -> None:
        super().__init__(output_field=IntegerField())


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple[Any, ...]
    slots: frozenset[str]
    converters: tuple[tuple[int, tuple[Callable[..., Any], ...], Any], ...]
    model: type[Model] | None  # set when every column is a field of this model
    attnames: tuple[str, ...]
    annotations: tuple[str, ...]  # set on each instance after its fields
    order: tuple[int, ...] | None  # values_list(): the asked order of the columns


class Prepared:
    """A query built by `build(shape)`, compiled once per shape and connection.

    `shape` is whatever changes the SQL itself rather than its values (whether
    there is a partner, a limit); it must be hashable. The current time zone is
    part of every shape, since date lookups name it in the SQL.
    """

    def __init__(self, build: Callable[[Any], QuerySet]) -> None:
        self._build = build
        self._plans: weakref.WeakKeyDictionary[Any, dict[Hashable, _Plan]] = (
            weakref.WeakKeyDictionary()
        )

    # --- running ---------------------------------------------------------------

    def objects(self, shape: Hashable = None, **values: Any) -> list[Any]:
        """The rows as model instances (the query must select one model's fields)."""
        connection, plan = self._plan(shape)
        if plan.model is None:
            raise TypeError("objects() needs a query over one model's own fields")
        rows = self._run(connection, plan, values)
        model, alias, attnames = plan.model, connection.alias, plan.attnames
        width = len(attnames)
        found = []
        for row in rows:
            instance = model.from_db(alias, attnames, row[:width])
            for name, value in zip(plan.annotations, row[width:], strict=True):
                setattr(instance, name, value)
            found.append(instance)
        return found

    def first(self, shape: Hashable = None, **values: Any) -> Any | None:
        found = self.objects(shape, **values)
        return found[0] if found else None

    def rows(self, shape: Hashable = None, **values: Any) -> list[tuple[Any, ...]]:
        """The rows as tuples, in the order the queryset's values_list() asked for."""
        connection, plan = self._plan(shape)
        rows = self._run(connection, plan, values)
        if plan.order is not None:
            order = plan.order
            return [tuple(row[i] for i in order) for row in rows]
        return [tuple(row) for row in rows]

    def value(self, shape: Hashable = None, **values: Any) -> Any | None:
        """The first column of the first row, or None when there is no row."""
        found = self.rows(shape, **values)
        return found[0][0] if found else None

    def _run(self, connection: Any, plan: _Plan, values: dict[str, Any]) -> list[list[Any]]:
        missing = plan.slots - set(values)
        if missing:
            raise TypeError(f"no value for the slots {sorted(missing)}")
        params = [
            p.field.get_db_prep_value(values[p.name], connection, prepared=False)
            if isinstance(p, _Hole)
            else p
            for p in plan.params
        ]
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = [list(row) for row in cursor.fetchall()]
        for position, converters, expression in plan.converters:
            for row in rows:
                value = row[position]
                for convert in converters:
                    value = convert(value, expression, connection)
                row[position] = value
        return rows

    # --- compiling -------------------------------------------------------------

    def _plan(self, shape: Hashable) -> tuple[Any, _Plan]:
        connection = connections["default"]
        key = (shape, timezone.get_current_timezone_name())
        per_connection = self._plans.setdefault(connection, {})
        plan = per_connection.get(key)
        if plan is None:
            plan = per_connection[key] = _compile(self._build(shape), connection)
        return connection, plan


def _compile(queryset: QuerySet, connection: Any) -> _Plan:
    if queryset.db != connection.alias:
        raise ValueError("prepared queries run on the default database")
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    if not sql:
        raise ValueError("this query can never return a row; prepare one that can")
    expressions = [column for column, _, _ in compiler.select]
    converters = tuple(
        (position, tuple(convs), expression)
        for position, (convs, expression) in compiler.get_converters(expressions).items()
    )
    model, attnames, annotations = _model_columns(queryset, compiler.select)
    return _Plan(
        sql=sql,
        params=tuple(params),
        slots=frozenset(p.name for p in params if isinstance(p, _Hole)),
        converters=converters,
        model=model,
        attnames=attnames,
        annotations=annotations,
        order=_values_order(queryset, compiler.select),
    )


def _model_columns(
    queryset: QuerySet, select: Sequence[Any]
) -> tuple[type[Model] | None, tuple[str, ...], tuple[str, ...]]:
    """The model, its fields' attnames and then the annotations' names, in SELECT
    order; no model when the query asks for values or reads another model's fields."""
    model = queryset.model._meta.concrete_model
    if queryset._fields is not None:  # type: ignore[attr-defined]
        return None, (), ()
    attnames: list[str] = []
    annotations: list[str] = []
    for column, _, alias in select:
        if isinstance(column, Col) and not annotations and alias is None:
            if column.target.model._meta.concrete_model is not model:
                return None, (), ()
            attnames.append(column.target.attname)
        elif alias is not None:
            annotations.append(alias)
        else:
            return None, (), ()
    return queryset.model, tuple(attnames), tuple(annotations)


def _values_order(queryset: QuerySet, select: Sequence[Any]) -> tuple[int, ...] | None:
    asked = queryset._fields  # type: ignore[attr-defined]
    if not asked:
        return None
    names = [
        alias or (column.target.name if isinstance(column, Col) else None)
        for column, _, alias in select
    ]
    attnames = [
        column.target.attname if isinstance(column, Col) else None for column, _, _ in select
    ]
    order = []
    for name in asked:
        if name in names:
            order.append(names.index(name))
        elif name in attnames:
            order.append(attnames.index(name))
        else:
            raise ValueError(f"cannot find the column {name!r} in the prepared query")
    return tuple(order)
