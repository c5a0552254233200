"""What every field type knows, and the shared behaviour of families of types.

A :class:`FieldKind` says how a column of its type is spelt in PostgreSQL, in SQLAlchemy models
and in Alembic migrations, which Python annotation schemas and the ORM use, which Pydantic
constraints a field gets, how a value is written as Python source, which value a generated
test puts in its ``n``-th sample row and how tests compare and break values, and which value
rows already in a table get when a NOT NULL column is added. The concrete types are in
:mod:`fastgen.model.fieldtypes`.
"""

from __future__ import annotations

import json
from typing import ClassVar

from fastgen.model.samples import (
    InvalidCase,
    Limit,
    fit_string,
    invalid_cases,
    pattern_sample,
    stepped_samples,
)
from fastgen.spec.model import SAMPLE_ROWS, FieldSpec, FieldType


class FieldKind:
    """A field type; subclasses override what differs from this plain, unconstrained type.

    Attributes:
        type: The spec name of the type.
        python: The annotation in request schemas.
        orm: The annotation of the model attribute (``Mapped[...]``); defaults to ``python``.
        sa: The SQLAlchemy column type, as model source.
        sql: The PostgreSQL type.
        compare_as: What generated tests pass two JSON values through before comparing or
            sorting them (``Decimal``, ``datetime.fromisoformat``...); empty: as they are.
        contains: ``list`` filters by an element the value contains, not by equality.
        indexable: A B-tree index serves the type's filters and sorts (``list`` filters and
            sorts by columns that get one).
        lax: Values Pydantic would read for the type but the API document does not allow, as
            (test name word, Python source) pairs: generated tests send each and expect 422.
        lax_error: The Pydantic error type and Russian message those values get.
    """

    type: ClassVar[FieldType]
    python: ClassVar[str]
    orm: ClassVar[str | None] = None
    sa: ClassVar[str]
    sql: ClassVar[str]
    compare_as: ClassVar[str] = ""
    contains: ClassVar[bool] = False
    indexable: ClassVar[bool] = True
    lax: ClassVar[tuple[tuple[str, str], ...]] = ()
    lax_error: ClassVar[tuple[str, str]] = ("", "")

    def schema_type(self, spec: FieldSpec) -> str:
        """Return the annotation of the field in request schemas."""
        return self.python

    def schema_markers(self, spec: FieldSpec) -> list[str]:
        """Return what request schemas add to the annotation (``Annotated[T, marker]``).

        Kept apart from :meth:`schema_type` so that a template can put the field's
        constraints before the markers, where they still reach the inner type.
        """
        return []

    def orm_type(self, spec: FieldSpec) -> str:
        """Return the annotation of the model attribute."""
        return self.orm or self.schema_type(spec)

    def read_type(self, spec: FieldSpec) -> str:
        """Return the annotation of the field in response schemas."""
        return self.orm_type(spec)

    def filter_type(self, spec: FieldSpec) -> str:
        """Return the annotation of the query parameter ``list`` filters by."""
        return self.orm_type(spec)

    def sa_type(self, spec: FieldSpec, column: str) -> str:
        """Return the SQLAlchemy column type, as model source."""
        return self.sa

    def migration_type(
        self, spec: FieldSpec, column: str, enum_values: list[str], table: str
    ) -> str:
        """Return the column type as an Alembic migration of ``table`` spells it."""
        return "sa." + self.sa_type(spec, column)

    def sql_type(self, spec: FieldSpec) -> str:
        """Return the PostgreSQL type, as ``ALTER ... USING`` casts to it."""
        return self.sql

    def limits(self, spec: FieldSpec) -> list[tuple[str, Limit]]:
        """Return the Pydantic ``Field(...)`` constraints, typed, in a fixed order."""
        out: list[tuple[str, Limit]] = []
        for key, value in (("ge", spec.min), ("le", spec.max), ("gt", spec.gt), ("lt", spec.lt)):
            if value is not None:
                out.append((key, value))
        if spec.min_length is not None:
            out.append(("min_length", spec.min_length))
        max_length = self.max_length(spec)
        if max_length is not None:
            out.append(("max_length", max_length))
        if spec.pattern is not None:
            out.append(("pattern", spec.pattern))
        return out + self.extra_limits(spec)

    def max_length(self, spec: FieldSpec) -> int | None:
        """Return the longest value a request may carry, when the schema checks it."""
        return None

    def extra_limits(self, spec: FieldSpec) -> list[tuple[str, Limit]]:
        """Return constraints of this type beyond bounds, lengths and pattern."""
        return []

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return Python source that evaluates to ``value`` typed for the field."""
        return json.dumps(value, ensure_ascii=False)

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return the ``n``-th sample value as JSON data; ordered types grow with ``n``."""
        return {"key": name, "n": n}

    def invalid(self, name: str, spec: FieldSpec, enum_values: list[str]) -> list[InvalidCase]:
        """Return values that break one constraint of the field each (for generated tests).

        Beside the constraints, each of :attr:`lax` is a value Pydantic alone would read but
        the API document does not allow; the request must be refused with :attr:`lax_error`.
        """
        cases = invalid_cases(name, self.type.value, self.limits(spec), enum_values)
        error_type, message = self.lax_error
        cases += [InvalidCase(name, kind, value, error_type, message) for kind, value in self.lax]
        return cases

    def backfill(self, spec: FieldSpec) -> str | None:
        """Return the default as text PostgreSQL casts to the column type, if there is one.

        A migration that adds a NOT NULL column to a table with rows fills them with it.
        """
        return None if spec.default is None else str(spec.default)


class TextKind(FieldKind):
    """Text types: samples derived from the name, the example or the pattern."""

    python = "str"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return a distinct string that fits the field's lengths and pattern."""
        if spec.pattern is not None:
            return pattern_sample(spec, n, self.max_length(spec))
        base = str(spec.example) if spec.example else name
        return fit_string(base, n, spec, self.max_length(spec))


class NumberKind(FieldKind):
    """Numeric types: samples within the bounds and the column, distinct where they fit."""


class IntegerKind(NumberKind):
    """Integer types.

    Attributes:
        limit: The bound of the column's range: ``-limit <= value < limit``.
        top: The largest value a request body may carry (see :class:`BigInt`).
    """

    orm = "int"
    query: ClassVar[str]
    """The annotation of a query parameter: the column's range, read from text."""
    limit: ClassVar[int]
    top: ClassVar[int]

    def filter_type(self, spec: FieldSpec) -> str:
        """Return the bounded annotation of a query parameter (``Int32Param``...)."""
        return self.query

    def schema_markers(self, spec: FieldSpec) -> list[str]:
        """Return ``WHOLE_NUMBER``: a JSON number with a zero fraction (``3.0``) is an integer."""
        return ["WHOLE_NUMBER"]

    def extra_limits(self, spec: FieldSpec) -> list[tuple[str, Limit]]:
        """Bound each side the spec leaves open by the column's range.

        On the field itself, not in the annotation: a bound in an ``Annotated`` alias would
        replace the spec's own ``ge``/``le`` instead of adding to them.
        """
        out: list[tuple[str, Limit]] = []
        if spec.min is None and spec.gt is None:
            out.append(("ge", -self.limit))
        if spec.max is None and spec.lt is None:
            out.append(("le", self.top))
        return out

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return the integer."""
        return str(int(str(value)))

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return ``n + 1``, or the ``n``-th step within the bounds and the column."""
        column = (-self.limit, self.top)
        return stepped_samples(spec, 0, column, max(SAMPLE_ROWS, n + 1))[n]


class ParsedKind(FieldKind):
    """Types written as ISO text and parsed by a constructor in Python source."""

    constructor: ClassVar[str]

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return ``<constructor>("...")``."""
        return f"{self.constructor}({json.dumps(str(value))})"
