"""The database: the schema derived once from the domain model, its diff and its history.

:mod:`fastgen.db.tables` derives the tables, :mod:`fastgen.db.diff` turns two schemas into
Alembic operations, :mod:`fastgen.db.history` stores every revision's schema in the project.
"""
