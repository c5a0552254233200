"""Migrations rendered from the difference between two specs: operations, order, consent."""

from __future__ import annotations

import re

import pytest
from fastgen.db.diff import diff
from fastgen.db.history import advance
from fastgen.db.tables import Schema, schema_of
from fastgen.model.build import build_context
from fastgen.spec import load_spec_text
from fastgen.view import revision_contexts

HEAD = """\
fastgen: 1
project: {name: notes, title: Заметки}
features: {cache: false, messaging: false, rate_limit: false, metrics: false, docker: false, ci: []}
enums:
  Kind: [plain, todo]
domains:
"""

NOTES = """\
  notes:
    entities:
      Note:
        fields:
          title: {type: str, max_length: 200}
          kind: {type: enum, enum: Kind, default: plain}
          body: {type: text, required: false}
"""


def schema(domains: str) -> Schema:
    text = HEAD + domains
    return schema_of(build_context(load_spec_text(text, "spec.yaml")))


def test_first_revision_creates_every_table_and_its_downgrade_drops_them() -> None:
    history, problems = advance(None, schema(NOTES))
    assert problems == []
    [revision] = revision_contexts(history)
    assert revision.down_revision is None
    assert revision.filename == f"{revision.id}_initial"
    assert revision.upgrade[0].startswith('op.create_table(\n    "notes",')
    assert (
        'sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False)'
        in (revision.upgrade[0])
    )
    assert revision.downgrade == ['op.drop_table("notes")']


def test_same_schema_adds_no_revision_and_ids_derive_from_content() -> None:
    first, _ = advance(None, schema(NOTES))
    again, _ = advance(None, schema(NOTES))
    assert first.dumps() == again.dumps()
    unchanged, problems = advance(first, schema(NOTES))
    assert unchanged is first
    assert problems == []
    assert re.fullmatch(r"[0-9a-f]{12}", first.head.id)


def test_new_field_with_default_fills_existing_rows_before_not_null() -> None:
    changed = NOTES + "          pinned: {type: bool, default: false}\n"
    result = diff(schema(NOTES), schema(changed))
    assert result.problems == []
    assert result.code == [
        'op.add_column("notes", sa.Column("pinned", sa.Boolean(), nullable=True))',
        'op.execute(sa.text("UPDATE \\"notes\\" SET \\"pinned\\" = CAST(:value AS BOOLEAN) '
        'WHERE \\"pinned\\" IS NULL").bindparams(value="false"))',
        'op.alter_column("notes", "pinned", existing_type=sa.Boolean(), nullable=False)',
    ]
    assert diff(schema(changed), schema(NOTES)).code == ['op.drop_column("notes", "pinned")']


def test_new_required_field_without_default_is_refused_with_a_way_out() -> None:
    changed = NOTES + "          rank: {type: int}\n"
    [problem] = diff(schema(NOTES), schema(changed)).problems
    assert not problem.destructive
    assert problem.origin == ("domains", "notes", "entities", "Note", "fields", "rank")
    assert "has no value for the rows already in the table" in problem.message
    assert "give the field a `default:`" in problem.message


def test_optional_field_is_added_in_one_step() -> None:
    changed = NOTES + "          due: {type: date, required: false}\n"
    result = diff(schema(NOTES), schema(changed))
    assert result.code == ['op.add_column("notes", sa.Column("due", sa.Date(), nullable=True))']
    assert result.summary == ["add column notes.due"]


def test_dropping_a_field_is_destructive() -> None:
    changed = NOTES.replace("          body: {type: text, required: false}\n", "")
    result = diff(schema(NOTES), schema(changed))
    assert result.code == ['op.drop_column("notes", "body")']
    [problem] = result.problems
    assert problem.destructive
    assert problem.text == (
        "the column `notes.body` would be dropped with its data — pass --allow-destructive if "
        "that is intended, or undo the change"
    )


@pytest.mark.parametrize(
    ("before", "after", "destructive"),
    [
        ("max_length: 200", "max_length: 300", False),
        ("max_length: 200", "max_length: 100", True),
    ],
)
def test_string_length_change_is_destructive_only_when_it_narrows(
    before: str, after: str, destructive: bool
) -> None:
    result = diff(schema(NOTES), schema(NOTES.replace(before, after)))
    *check, code = result.code
    assert code.startswith('op.alter_column("notes", "title", existing_type=sa.String(200), ')
    assert "postgresql_using" not in code
    assert [p.destructive for p in result.problems] == ([True] if destructive else [])
    assert len(check) == destructive


def test_type_change_casts_and_is_destructive() -> None:
    changed = NOTES.replace(
        "body: {type: text, required: false}", "body: {type: int, required: false}"
    )
    result = diff(schema(NOTES), schema(changed))
    [code] = result.code
    assert 'type_=sa.Integer(), postgresql_using="body::INTEGER"' in code
    assert [p.destructive for p in result.problems] == [True]


def test_enum_values_added_are_safe_and_removed_are_destructive() -> None:
    more = HEAD.replace("[plain, todo]", "[plain, todo, done]")
    fewer = HEAD.replace("[plain, todo]", "[plain]")
    base = schema(NOTES)

    def with_head(head: str) -> Schema:
        text = head + NOTES
        return schema_of(build_context(load_spec_text(text, "spec.yaml")))

    added = diff(base, with_head(more))
    assert added.problems == []
    assert len(added.code) == 1
    assert '"plain", "todo", "done"' in added.code[0]
    assert 'existing_type=sa.Enum("plain", "todo"' in added.code[0]
    removed = diff(base, with_head(fewer))
    assert [p.destructive for p in removed.problems] == [True]
    assert "loses the enum values todo, which existing rows may still hold" in (
        removed.problems[0].message
    )


def test_new_entity_referencing_an_old_one_gets_its_key_inline() -> None:
    changed = NOTES + (
        "      Comment:\n"
        "        fields:\n"
        "          text: {type: text}\n"
        "        relations:\n"
        "          note: {kind: many_to_one, to: Note}\n"
    )
    result = diff(schema(NOTES), schema(changed))
    create, index = result.code
    assert create.startswith('op.create_table(\n    "comments",')
    assert 'sa.ForeignKeyConstraint(["note_id"], ["notes.id"]' in create
    assert index.startswith('op.create_index(op.f("ix_comments_note_id"), "comments"')
    assert result.summary == ["create table comments"]


def test_a_cycle_of_new_tables_adds_the_forward_key_after_both() -> None:
    cycle = (
        "  people:\n"
        "    entities:\n"
        "      Person:\n"
        "        fields: {name: {type: str}}\n"
        "        relations:\n"
        "          team: {kind: many_to_one, to: Team, required: false}\n"
        "      Team:\n"
        "        fields: {name: {type: str}}\n"
        "        relations:\n"
        "          lead: {kind: many_to_one, to: Person, required: false}\n"
    )
    code = diff(Schema(), schema(cycle)).code
    creates = [c for c in code if c.startswith("op.create_table")]
    assert len(creates) == 2
    forward = [c for c in code if c.startswith("op.create_foreign_key")]
    assert len(forward) == 1
    assert code.index(forward[0]) > code.index(creates[1])
    # Dropping both: the key that points forward goes first, then the tables.
    down = diff(schema(cycle), Schema()).code
    assert down[0].startswith("op.drop_constraint(")
    assert [c.split("(")[0] for c in down[1:]] == ["op.drop_table", "op.drop_table"]


def test_new_filter_adds_an_index_to_the_existing_table() -> None:
    changed = NOTES + "        filters: [kind]\n"
    result = diff(schema(NOTES), schema(changed))
    assert result.code == [
        'op.create_index(op.f("ix_notes_kind"), "notes", ["kind"], unique=False)'
    ]
    assert result.summary == ["change constraints notes"]


def test_key_type_change_is_refused() -> None:
    changed = NOTES.replace("      Note:\n", "      Note:\n        id: uuid\n")
    problems = diff(schema(NOTES), schema(changed)).problems
    assert any("cannot migrate a primary key" in p.message for p in problems)
    assert not any(p.destructive for p in problems if "primary key" in p.message)


def test_later_revision_names_its_changes_in_russian() -> None:
    first, _ = advance(None, schema(NOTES))
    second, _ = advance(first, schema(NOTES + "          due: {type: date, required: false}\n"))
    contexts = revision_contexts(second)
    assert [c.number for c in contexts] == [1, 2]
    assert contexts[1].down_revision == contexts[0].id
    assert contexts[1].changes == ["добавляет колонку «notes.due»"]
    assert contexts[1].filename == f"{contexts[1].id}_add_notes_due"
    assert contexts[1].title == "Изменение схемы № 2: добавляет колонку «notes.due»."
    many = NOTES + "".join(
        f"          extra{n}: {{type: int, required: false}}\n" for n in range(6)
    )
    third, _ = advance(second, schema(many))
    assert revision_contexts(third)[2].title == (
        "Изменение схемы № 3: добавляет колонку «notes.extra0»; добавляет колонку «notes.extra1» "
        "и ещё 5 изменений."
    )


def test_reordering_fields_entities_or_enum_values_adds_no_revision() -> None:
    first, _ = advance(None, schema(NOTES))
    lines = NOTES.splitlines(keepends=True)
    reordered = "".join([*lines[:4], lines[6], lines[5], lines[4]])
    assert reordered != NOTES
    same, problems = advance(first, schema(reordered))
    assert same is first
    assert problems == []
    text = HEAD.replace("[plain, todo]", "[todo, plain]") + NOTES
    flipped = schema_of(build_context(load_spec_text(text, "spec.yaml")))
    assert advance(first, flipped)[0] is first


def test_a_changed_default_alone_adds_no_revision() -> None:
    first, _ = advance(None, schema(NOTES))
    changed = NOTES.replace("enum: Kind, default: plain", "enum: Kind, default: todo")
    assert advance(first, schema(changed))[0] is first


def test_optional_to_required_without_default_needs_consent() -> None:
    changed = NOTES.replace("body: {type: text, required: false}", "body: {type: text}")
    result = diff(schema(NOTES), schema(changed))
    assert result.code == [
        'op.alter_column("notes", "body", existing_type=sa.Text(), nullable=False)'
    ]
    [problem] = result.problems
    assert problem.destructive
    assert problem.text == (
        "the column `notes.body` becomes NOT NULL, and a row that holds NULL in it would make "
        "the upgrade fail — give the field a `default:` (those rows get it), or fill them first "
        "and pass --allow-destructive"
    )
    with_default = NOTES.replace(
        "body: {type: text, required: false}", "body: {type: text, default: пусто}"
    )
    filled = diff(schema(NOTES), schema(with_default))
    assert filled.problems == []
    assert filled.code[0].startswith('op.execute(sa.text("UPDATE \\"notes\\" SET \\"body\\"')


RELATED = NOTES + ("      Comment:\n        fields:\n          text: {type: text}\n")


def test_a_new_required_relation_on_a_table_with_rows_says_how_to_get_there() -> None:
    changed = RELATED + "        relations:\n          note: {kind: many_to_one, to: Note}\n"
    [problem] = diff(schema(RELATED), schema(changed)).problems
    assert problem.origin[-2:] == ("relations", "note")
    assert "add the relation with `required: false`, fill the column" in problem.message
    assert "default" not in problem.message


def test_a_key_type_change_is_one_problem_not_one_per_foreign_key() -> None:
    before = RELATED + "        relations:\n          note: {kind: many_to_one, to: Note}\n"
    after = before.replace("      Note:\n", "      Note:\n        id: uuid\n")
    problems = diff(schema(before), schema(after)).problems
    assert [p.message.split(" — ")[0] for p in problems] == ["the key type of `notes` changed"]


NARROW = """\
  notes:
    entities:
      Note:
        fields:
          title: {type: str, max_length: 200}
          body: {type: text, required: false}
          price: {type: decimal, precision: 8, scale: 2}
          rating: {type: float}
          views: {type: bigint}
"""


def _check(column: str, target: str, condition: str) -> str:
    return (
        f"_require_fit({_quote('notes')}, {_quote(column)}, {_quote(target)}, {_quote(condition)})"
    )


def _quote(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


@pytest.mark.parametrize(
    ("before", "after", "check"),
    [
        (
            "title: {type: str, max_length: 200}",
            "title: {type: str, max_length: 10}",
            _check("title", "VARCHAR(10)", 'char_length("title") > 10'),
        ),
        (
            "body: {type: text, required: false}",
            "body: {type: str, max_length: 10, required: false}",
            _check("body", "VARCHAR(10)", 'char_length("body") > 10'),
        ),
        (
            "precision: 8, scale: 2",
            "precision: 8, scale: 1",
            _check("price", "NUMERIC(8, 1)", '"price" <> round("price", 1)'),
        ),
        (
            "precision: 8, scale: 2",
            "precision: 5, scale: 2",
            _check("price", "NUMERIC(5, 2)", '("price" <> \'NaN\' AND abs("price") >= 1000)'),
        ),
        (
            "rating: {type: float}",
            "rating: {type: int}",
            _check(
                "rating",
                "INTEGER",
                '"rating" <> trunc("rating") OR "rating" < -2147483648 OR "rating" >= 2147483648',
            ),
        ),
        (
            "price: {type: decimal, precision: 8, scale: 2}",
            "price: {type: bigint}",
            _check(
                "price",
                "BIGINT",
                '"price" <> trunc("price") OR "price" < -9223372036854775808 '
                'OR "price" >= 9223372036854775808',
            ),
        ),
        (
            "views: {type: bigint}",
            "views: {type: int}",
            _check("views", "INTEGER", '"views" < -2147483648 OR "views" >= 2147483648'),
        ),
        (
            "rating: {type: float}",
            "rating: {type: decimal, precision: 6, scale: 2}",
            _check(
                "rating",
                "NUMERIC(6, 2)",
                '"rating"::numeric <> round("rating"::numeric, 2) OR ("rating"::numeric <> \'NaN\' '
                'AND abs("rating"::numeric) >= 10000)',
            ),
        ),
        (
            "views: {type: bigint}",
            "views: {type: str, max_length: 12}",
            _check("views", "VARCHAR(12)", 'char_length("views"::text) > 12'),
        ),
    ],
)
def test_a_narrowing_change_checks_the_rows_fit_right_before_it(
    before: str, after: str, check: str
) -> None:
    result = diff(schema(NARROW), schema(NARROW.replace(before, after)))
    check_at = result.code.index(check)
    assert result.code[check_at + 1].startswith("op.alter_column(")
    column = check.split(", ")[1]
    assert f'"notes", {column}, existing_type=' in result.code[check_at + 1]
    assert [p.destructive for p in result.problems] == [True]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("title: {type: str, max_length: 200}", "title: {type: str, max_length: 300}"),
        ("title: {type: str, max_length: 200}", "title: {type: text}"),
        ("precision: 8, scale: 2", "precision: 10, scale: 3"),
        ("views: {type: bigint}", "views: {type: decimal, precision: 19, scale: 0}"),
        ("price: {type: decimal, precision: 8, scale: 2}", "price: {type: float}"),
    ],
)
def test_a_change_every_value_survives_checks_nothing(before: str, after: str) -> None:
    result = diff(schema(NARROW), schema(NARROW.replace(before, after)))
    assert not any(line.startswith("_require_fit(") for line in result.code)
    assert len(result.code) == 1


def test_the_downgrade_of_a_widening_checks_the_rows_fit_the_old_type() -> None:
    first, _ = advance(None, schema(NARROW))
    widened = NARROW.replace("max_length: 200", "max_length: 300")
    widened = widened.replace("precision: 8, scale: 2", "precision: 9, scale: 3")
    widened = widened.replace("views: {type: bigint}", "views: {type: bigint, required: false}")
    second, problems = advance(first, schema(widened))
    assert problems == []
    _, revision = revision_contexts(second)
    assert not any(line.startswith("_require_fit(") for line in revision.upgrade)
    checks = [line for line in revision.downgrade if line.startswith("_require_fit(")]
    assert checks == [
        _check("title", "VARCHAR(200)", 'char_length("title") > 200'),
        _check("price", "NUMERIC(8, 2)", '"price" <> round("price", 2)'),
    ]
    assert revision.checks_rows
    assert not revision_contexts(first)[0].checks_rows


def test_text_to_a_short_string_and_back_checks_only_on_the_way_down() -> None:
    short = NOTES.replace("max_length: 200", "max_length: 100")
    first, _ = advance(None, schema(short))
    second, _ = advance(
        first, schema(NOTES.replace("{type: str, max_length: 200}", "{type: text}"))
    )
    _, revision = revision_contexts(second)
    [upgrade] = revision.upgrade
    assert upgrade.startswith('op.alter_column("notes", "title", existing_type=sa.String(100), ')
    check, downgrade = revision.downgrade
    assert check == _check("title", "VARCHAR(100)", 'char_length("title") > 100')
    assert 'type_=sa.String(100), postgresql_using="title::VARCHAR(100)"' in downgrade


def test_an_existing_column_made_unique_is_a_warning_with_the_query_for_duplicates() -> None:
    changed = NOTES.replace("max_length: 200}", "max_length: 200, unique: true}")
    result = diff(schema(NOTES), schema(changed))
    assert result.code == [
        'op.create_unique_constraint(op.f("uq_notes_title"), "notes", ["title"])'
    ]
    [problem] = result.problems
    assert problem.warning
    assert not problem.destructive
    assert problem.origin == ("domains", "notes", "entities", "Note", "fields", "title")
    assert problem.text == (
        "the column `notes.title` becomes unique, and the upgrade fails (as one transaction, "
        "nothing changed) if existing rows repeat a value — find them first with "
        "`SELECT title, count(*) FROM notes GROUP BY title HAVING count(*) > 1`"
    )
    # The way back drops the constraint: nothing to warn about.
    assert diff(schema(changed), schema(NOTES)).problems == []


def test_a_unique_index_on_a_soft_deleted_entity_counts_the_live_rows() -> None:
    soft = NOTES.replace("      Note:\n", "      Note:\n        soft_delete: true\n")
    changed = soft.replace("max_length: 200}", "max_length: 200, unique: true}")
    [problem] = diff(schema(soft), schema(changed)).problems
    assert problem.warning
    assert problem.message.endswith(
        "`SELECT title, count(*) FROM notes WHERE deleted_at IS NULL GROUP BY title "
        "HAVING count(*) > 1`"
    )


def test_a_one_to_one_relation_on_an_existing_key_column_warns_too() -> None:
    before = RELATED + "        relations:\n          note: {kind: many_to_one, to: Note}\n"
    after = before.replace("kind: many_to_one", "kind: one_to_one")
    [problem] = diff(schema(before), schema(after)).problems
    assert problem.warning
    assert problem.origin[-2:] == ("relations", "note")
    assert "SELECT note_id, count(*) FROM comments GROUP BY note_id" in problem.message


def test_no_warning_for_uniqueness_that_cannot_meet_a_repeated_value() -> None:
    unique = NOTES.replace("max_length: 200}", "max_length: 200, unique: true}")
    # A new table has no rows; a unique column that is indexed too stays unique.
    assert diff(Schema(), schema(unique)).problems == []
    indexed = unique.replace("unique: true}", "unique: true, index: true}")
    assert not any(p.warning for p in diff(schema(unique), schema(indexed)).problems)
    # A new optional unique column holds NULL in every existing row.
    optional = (
        NOTES + "          code: {type: str, max_length: 20, unique: true, required: false}\n"
    )
    assert diff(schema(NOTES), schema(optional)).problems == []


def test_a_new_unique_column_with_a_default_warns_that_every_row_gets_the_same_value() -> None:
    changed = NOTES + "          code: {type: str, max_length: 20, unique: true, default: x}\n"
    [problem] = diff(schema(NOTES), schema(changed)).problems
    assert problem.warning
    assert problem.origin[-1] == "code"
    assert problem.message.startswith(
        "the new column `notes.code` is unique, and every existing row gets its default"
    )
