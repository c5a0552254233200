"""Editing a spec's text for `fastgen add-domain`: options, `--from` files, insertion."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from fastgen.errors import ArgumentError, FastgenError, SpecError
from fastgen.spec import load_spec_text
from fastgen.spec.edit import add_domain_text, domain_from_args, parse_field, read_domain_file
from fastgen.spec.model import FieldType

SHOP = Path(__file__).parents[2] / "examples" / "shop" / "fastgen.yaml"
TYPES = (
    "str, text, int, bigint, float, decimal, bool, date, datetime, time, uuid, email, url, "
    "json, enum, file, ip_address, list"
)


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# --- parse_field -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name:str", (None, "name", {"type": "str"})),
        ("title:str(100)", (None, "title", {"type": "str", "max_length": 100})),
        ("comment:text(1000)", (None, "comment", {"type": "text", "max_length": 1000})),
        ("mail:email( 320 )", (None, "mail", {"type": "email", "max_length": 320})),
        (
            "Payment.amount:decimal(12,2)",
            ("Payment", "amount", {"type": "decimal", "precision": 12, "scale": 2}),
        ),
        ("total:decimal(10, 0)", (None, "total", {"type": "decimal", "precision": 10, "scale": 0})),
        ("total:decimal(10)", (None, "total", {"type": "decimal", "precision": 10})),
        ("currency:enum(Currency)", (None, "currency", {"type": "enum", "enum": "Currency"})),
        ("paid_at:datetime?", (None, "paid_at", {"type": "datetime", "required": False})),
        ("sku:str(32)!", (None, "sku", {"type": "str", "max_length": 32, "unique": True})),
        (
            "Tag.code:str(20)!?",
            ("Tag", "code", {"type": "str", "max_length": 20, "required": False, "unique": True}),
        ),
        ("x2_y:uuid?!", (None, "x2_y", {"type": "uuid", "required": False, "unique": True})),
    ],
)
def test_parse_field(text: str, expected: tuple[str | None, str, dict[str, object]]) -> None:
    assert parse_field(text) == expected


def test_parse_field_flag_order_does_not_change_the_mapping() -> None:
    assert list(parse_field("a:int?!")[2].items()) == list(parse_field("a:int!?")[2].items())


@pytest.mark.parametrize("kind", [t.value for t in FieldType if t.value not in {"decimal", "enum"}])
def test_parse_field_every_plain_type(kind: str) -> None:
    assert parse_field(f"value:{kind}") == (None, "value", {"type": kind})


def test_unknown_type_message_is_exact() -> None:
    with pytest.raises(ArgumentError) as caught:
        parse_field("price:money")
    assert str(caught.value) == (
        f"--field 'price:money': unknown field type 'money' — use one of {TYPES}"
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("price", "--field 'price': no type given — write NAME:TYPE, e.g. price:decimal(12,2)"),
        ("price:", "--field 'price:': no type given after the colon — use one of str, text,"),
        ("Price:int", "--field 'Price:int': field name 'Price' is not snake_case — use lowercase"),
        ("unit-price:int", "field name 'unit-price' is not snake_case"),
        (":int", "--field ':int': the field name is empty — use lowercase letters"),
        ("payment.amount:int", "entity 'payment' is not PascalCase — write it like Payment"),
        ("A.b.c:int", "entity 'A.b' is not PascalCase"),
        ("price:Str", "unknown field type 'Str' — use one of str, text"),
        (
            "amount:decimal",
            "decimal needs a precision, the total number of digits — write decimal(",
        ),
        ("amount:decimal?", "decimal needs a precision"),
        ("amount:decimal()", "decimal takes one or two whole numbers — write decimal(PRECISION,"),
        ("amount:decimal(a,2)", "decimal takes one or two whole numbers"),
        ("amount:decimal(12,2,1)", "decimal takes one or two whole numbers"),
        ("amount:decimal(2,5)", "precision must be 1 to 1000 and scale at most the precision"),
        ("amount:decimal(0)", "precision must be 1 to 1000"),
        ("kind:enum", "enum needs the name of an enum from `enums:` — write e.g. enum(Currency)"),
        ("kind:enum()", "enum needs the name of an enum"),
        ("kind:enum(currency)", "enum needs the name of an enum"),
        ("kind:enum(A,B)", "enum needs the name of an enum"),
        ("name:str(0)", "the length must be one whole number from 1 — write e.g. str(100)"),
        ("name:str()", "the length must be one whole number from 1"),
        ("name:str(x)", "the length must be one whole number from 1"),
        ("name:text(1,2)", "the length must be one whole number from 1 — write e.g. text(100)"),
        ("name:str(10485761)", "the length must be one whole number from 1"),
        ("n:int(5)", "--field 'n:int(5)': type 'int' takes no arguments — write n:int"),
        ("n:str(5", "unbalanced parentheses — write e.g. n:str(...) with one pair"),
        ("n:str((5))", "unbalanced parentheses"),
        ("n:str5)", "unknown field type 'str5)'"),
        ("n:str??", "`?` is given twice — write it once"),
        ("n:str!!?", "`!` is given twice — write it once"),
        ("n:str?(5)", "`?` and `!` go at the very end — write e.g. code:str(20)?!"),
    ],
)
def test_parse_field_errors(text: str, fragment: str) -> None:
    with pytest.raises(ArgumentError) as caught:
        parse_field(text)
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"--field {text!r}: ")


# --- domain_from_args ------------------------------------------------------------------------


def test_domain_from_one_entity_keeps_field_order() -> None:
    domain = domain_from_args(
        ["Payment"], ["status:str(20)", "Payment.amount:decimal(12,2)", "paid_at:datetime?"]
    )
    assert domain == {
        "entities": {
            "Payment": {
                "fields": {
                    "status": {"type": "str", "max_length": 20},
                    "amount": {"type": "decimal", "precision": 12, "scale": 2},
                    "paid_at": {"type": "datetime", "required": False},
                }
            }
        }
    }
    fields = domain["entities"]["Payment"]["fields"]  # type: ignore[index]
    assert list(fields) == ["status", "amount", "paid_at"]
    assert list(domain) == ["entities"]


def test_domain_from_several_entities_with_description() -> None:
    domain = domain_from_args(
        ["Refund", "Payout"],
        ["Payout.code:str(20)!", "Refund.amount:int", "Refund.note:text?"],
        description="Возвраты",
    )
    assert domain == {
        "description": "Возвраты",
        "entities": {
            "Refund": {
                "fields": {
                    "amount": {"type": "int"},
                    "note": {"type": "text", "required": False},
                }
            },
            "Payout": {"fields": {"code": {"type": "str", "max_length": 20, "unique": True}}},
        },
    }
    assert list(domain) == ["description", "entities"]
    assert list(domain["entities"]) == ["Refund", "Payout"]  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("entities", "fields", "message"),
    [
        (
            [],
            ["amount:int"],
            "no entity given — pass --entity Name --field name:type, or --from FILE",
        ),
        (["payment"], ["a:int"], "--entity 'payment': not PascalCase — write it like Payment"),
        (
            ["Payment", "Payment"],
            ["a:int"],
            "--entity 'Payment' is given twice — give each entity once",
        ),
        (
            ["Refund", "Payout"],
            ["Refund.a:int", "amount:int"],
            "--field 'amount:int': several entities are given (Refund, Payout), so the field "
            "must name its entity — write e.g. Refund.amount:int",
        ),
        (
            ["Refund"],
            ["Payout.a:int"],
            "--field 'Payout.a:int': entity 'Payout' is not among the --entity values (Refund) "
            "— add --entity Payout or fix the prefix",
        ),
        (
            ["Refund"],
            ["a:int", "Refund.a:str"],
            "--field 'Refund.a:str': field 'a' of Refund is given twice — remove one",
        ),
        (
            ["Refund"],
            [],
            "--entity 'Refund': the entity has no fields — add at least one with --field NAME:TYPE",
        ),
        (
            ["Refund", "Payout"],
            ["Refund.a:int"],
            "--entity 'Payout': the entity has no fields — add at least one with "
            "--field NAME:TYPE (here Payout.NAME:TYPE)",
        ),
        (
            ["Refund"],
            ["a:money"],
            f"--field 'a:money': unknown field type 'money' — use one of {TYPES}",
        ),
    ],
)
def test_domain_from_args_errors(entities: list[str], fields: list[str], message: str) -> None:
    with pytest.raises(ArgumentError) as caught:
        domain_from_args(entities, fields)
    assert str(caught.value) == message


# --- read_domain_file ------------------------------------------------------------------------

BODY = """\
# Возвраты и выплаты
description: Возвраты   # shown in OpenAPI
entities:
  Refund:
    # one refund of a payment
    title: Возврат
    fields:
      amount: {type: decimal, precision: 12, scale: 2}  # money
      note:
        type: text   # free text
        required: false
    operations:
    - list
    - get
"""

INSERTED = """\
  refunds:
    # Возвраты и выплаты
    description: Возвраты   # shown in OpenAPI
    entities:
      Refund:
        # one refund of a payment
        title: Возврат
        fields:
          amount: {type: decimal, precision: 12, scale: 2}  # money
          note:
            type: text   # free text
            required: false
        operations: [list, get]
"""


def test_read_domain_file_body_form(tmp_path: Path) -> None:
    path = tmp_path / "refunds.yaml"
    path.write_text(BODY, encoding="utf-8")
    body = read_domain_file(path, "refunds")
    assert list(body) == ["description", "entities"]
    assert body["description"] == "Возвраты"
    assert list(body["entities"]["Refund"]["fields"]) == ["amount", "note"]  # type: ignore[index]


def test_read_domain_file_named_form(tmp_path: Path) -> None:
    path = tmp_path / "refunds.yaml"
    path.write_text("refunds:\n" + textwrap.indent(BODY, "  "), encoding="utf-8")
    body = read_domain_file(path, "refunds")
    assert list(body) == ["description", "entities"]
    assert body["entities"]["Refund"]["title"] == "Возврат"  # type: ignore[index]


@pytest.mark.parametrize("named", [False, True])
def test_comments_of_a_domain_file_survive_insertion(tmp_path: Path, named: bool) -> None:
    spec = "fastgen: 1\ndomains:\n  shop:\n    entities: {}\n"
    path = tmp_path / "refunds.yaml"
    text = "refunds:\n" + textwrap.indent(BODY, "  ") if named else BODY
    path.write_text(text, encoding="utf-8")
    new = add_domain_text(spec, "refunds", read_domain_file(path, "refunds"))
    assert new == spec + INSERTED


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "entities:\n  A: [\n",
            "{path}:3:1: the file given with --from is not valid YAML (expected the node "
            "content, but found '<stream end>') — fix the file",
        ),
        (
            "entities: {}\nentities: {}\n",
            "{path}:2:1: the file given with --from is not valid YAML (found duplicate key "
            '"entities" with value "{{}}" (original value: "{{}}")) — fix the file',
        ),
        (
            "",
            "{path}: the file holds nothing, not a domain — write the domain body (`entities:` "
            "and optionally `description:`), or `refunds:` holding it",
        ),
        ("- a\n- b\n", "{path}:1:1: the file holds a list, not a domain — write the domain"),
        ("hello\n", "{path}: the file holds a single value, not a domain — write the domain"),
        (
            "\ndescription: x\ntitle: y\n",
            "{path}:2:1: the file holds the keys description, title, not a domain — write",
        ),
        ("refunds:\n  description: x\n", "{path}:1:1: the file holds the keys refunds, not a"),
        (
            "billing:\n  entities: {}\n",
            "{path}:1:1: the file holds domain 'billing', not 'refunds' — rename its key to "
            "refunds, or pass billing as the domain name",
        ),
    ],
)
def test_read_domain_file_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArgumentError) as caught:
        read_domain_file(path, "refunds")
    assert str(caught.value).startswith(message.format(path=path))


def test_read_domain_file_unreadable(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ArgumentError) as caught:
        read_domain_file(missing, "refunds")
    assert str(caught.value) == f"--from {missing}: the file does not exist — check the path"
    with pytest.raises(ArgumentError) as caught:
        read_domain_file(tmp_path, "refunds")
    assert str(caught.value) == f"--from {tmp_path}: this is a directory — pass a YAML file"
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"description: caf\xe9\n")
    with pytest.raises(ArgumentError) as caught:
        read_domain_file(latin, "refunds")
    assert str(caught.value) == f"--from {latin}: the file is not UTF-8 — save it as UTF-8"


# --- add_domain_text -------------------------------------------------------------------------

SMALL = dedent(
    """
    # yaml-language-server: $schema=./fastgen.schema.json
    fastgen: 1
    project:
      name: shop
      title: 'Магазин'
      python: "3.12"   # pinned

    domains:
      catalog:
        description: "Каталог"
        entities:
          Product:
            fields:
              title: {type: str, max_length: 100}   # shown in lists
              price: {type: decimal,  precision: 12, scale: 2}
            # sort: [price]

    # enums after domains
    enums:
      Currency: [RUB, USD]
    """
)

SMALL_ADDED = dedent(
    """
    # yaml-language-server: $schema=./fastgen.schema.json
    fastgen: 1
    project:
      name: shop
      title: 'Магазин'
      python: "3.12"   # pinned

    domains:
      catalog:
        description: "Каталог"
        entities:
          Product:
            fields:
              title: {type: str, max_length: 100}   # shown in lists
              price: {type: decimal,  precision: 12, scale: 2}
            # sort: [price]
      payments:
        description: Платежи
        entities:
          Payment:
            fields:
              amount: {type: decimal, precision: 12, scale: 2}
              currency: {type: enum, enum: Currency}
              paid_at: {type: datetime, required: false}
              code: {type: str, max_length: 20, unique: true}

    # enums after domains
    enums:
      Currency: [RUB, USD]
    """
)

PAYMENTS = domain_from_args(
    ["Payment"],
    ["amount:decimal(12,2)", "currency:enum(Currency)", "paid_at:datetime?", "code:str(20)!"],
    "Платежи",
)


def test_add_domain_exact_text() -> None:
    assert add_domain_text(SMALL, "payments", PAYMENTS) == SMALL_ADDED


def test_add_domain_is_deterministic_and_leaves_its_input_alone(tmp_path: Path) -> None:
    path = tmp_path / "refunds.yaml"
    path.write_text(BODY, encoding="utf-8")
    body = read_domain_file(path, "refunds")
    first = add_domain_text(SMALL, "refunds", body)
    assert add_domain_text(SMALL, "refunds", body) == first
    assert add_domain_text(SMALL, "refunds", read_domain_file(path, "refunds")) == first
    assert add_domain_text(SMALL, "payments", PAYMENTS) == SMALL_ADDED


def test_add_domain_to_the_shop_example_loads_and_keeps_its_domains() -> None:
    original = SHOP.read_text(encoding="utf-8")
    body = domain_from_args(
        ["Refund", "Payout"],
        [
            "Refund.amount:decimal(12,2)",
            "Refund.currency:enum(Currency)",
            "Refund.reason:str(200)?",
            "Payout.reference:str(64)!",
        ],
        "Возвраты",
    )
    new = add_domain_text(original, "refunds", body)
    assert new.startswith(original)
    assert new[len(original) :] == textwrap.indent(
        dedent(
            """
          refunds:
            description: Возвраты
            entities:
              Refund:
                fields:
                  amount: {type: decimal, precision: 12, scale: 2}
                  currency: {type: enum, enum: Currency}
                  reason: {type: str, max_length: 200, required: false}
              Payout:
                fields:
                  reference: {type: str, max_length: 64, unique: true}
            """
        ),
        "  ",
    )
    before = load_spec_text(original, "fastgen.yaml")
    after = load_spec_text(new, "fastgen.yaml")
    assert list(after.domains) == [*before.domains, "refunds"]
    for name, domain in before.domains.items():
        assert after.domains[name] == domain
    assert after.domains["refunds"].entities["Payout"].fields["reference"].unique is True
    assert after.model_dump(exclude={"domains"}) == before.model_dump(exclude={"domains"})


def test_add_domain_that_exists() -> None:
    with pytest.raises(ArgumentError) as caught:
        add_domain_text(SMALL, "catalog", PAYMENTS)
    assert str(caught.value) == (
        "domain 'catalog' already exists in fastgen.yaml:9:3 — choose another name, "
        "or edit its entities in the spec"
    )
    shop = SHOP.read_text(encoding="utf-8")
    line = shop.splitlines().index("  payments:") + 1
    with pytest.raises(ArgumentError) as caught:
        add_domain_text(shop, "payments", PAYMENTS, "shop.yaml")
    assert f"domain 'payments' already exists in shop.yaml:{line}:3 — choose another name" in str(
        caught.value
    )


@pytest.mark.parametrize("name", ["Payments", "pay-ments", "1st", "", "платежи"])
def test_add_domain_name_must_be_snake_case(name: str) -> None:
    with pytest.raises(ArgumentError) as caught:
        add_domain_text(SMALL, name, PAYMENTS)
    assert str(caught.value) == (
        f"domain name {name!r} is not snake_case — use lowercase letters, digits and "
        "underscores, starting with a letter, e.g. billing"
    )


@pytest.mark.parametrize(
    "spec",
    [
        "fastgen: 1\n",
        "fastgen: 1\ndomains:\n",
        "fastgen: 1\ndomains: {}\n",
        "fastgen: 1\ndomains: {shop: {entities: {}}}\n",
        "fastgen: 1\ndomains: [shop]\n",
        "- domains\n",
        "",
    ],
)
def test_add_domain_needs_a_block_domains_mapping(spec: str) -> None:
    with pytest.raises(ArgumentError) as caught:
        add_domain_text(spec, "payments", PAYMENTS, "my.yaml")
    assert str(caught.value) == (
        "my.yaml: there is no block `domains:` mapping with a domain in it — add `domains:` "
        "at the top level with one indented domain, then run add-domain again"
    )


def test_add_domain_to_invalid_yaml() -> None:
    with pytest.raises(SpecError) as caught:
        add_domain_text("fastgen: 1\ndomains:\n  a: [\n", "payments", PAYMENTS, "my.yaml")
    assert str(caught.value) == (
        "my.yaml:4:1: the spec is not valid YAML (expected the node content, but found "
        "'<stream end>') — fix it, then add the domain"
    )


ONE_FIELD = domain_from_args(["Payment"], ["amount:int"])


def test_add_domain_follows_the_spec_indentation_and_blank_lines() -> None:
    spec = dedent(
        """
        domains:
            catalog:
                entities:
                    Product:
                        fields: {title: {type: str}}

            addresses:
                entities:
                    Address:
                        operations:
                            - list
                        fields:
                            city: {type: str}
        """
    )
    assert add_domain_text(spec, "payments", ONE_FIELD) == spec + (
        "\n"
        "    payments:\n"
        "        entities:\n"
        "            Payment:\n"
        "                fields:\n"
        "                    amount: {type: int}\n"
    )


def test_add_domain_keeps_crlf_and_adds_a_final_newline() -> None:
    spec = "domains:\r\n  shop:\r\n    entities: {}  # later"
    assert add_domain_text(spec, "payments", ONE_FIELD) == (
        "domains:\r\n  shop:\r\n    entities: {}  # later\r\n  payments:\r\n    entities:\r\n"
        "      Payment:\r\n        fields:\r\n          amount: {type: int}\r\n"
    )


def test_add_domain_in_the_middle_of_the_spec() -> None:
    # An indented comment after the last domain belongs to it; one at the left margin
    # belongs to what follows, so the new domain goes between them.
    spec = "domains:\n  shop:\n    entities: {}\n  # shop\n\n# next\nfastgen: 1\n"
    assert add_domain_text(spec, "payments", ONE_FIELD) == (
        "domains:\n  shop:\n    entities: {}\n  # shop\n  payments:\n    entities:\n"
        "      Payment:\n        fields:\n          amount: {type: int}\n\n# next\nfastgen: 1\n"
    )


def test_add_domain_with_lists_and_nested_options() -> None:
    body: dict[str, object] = {
        "entities": {
            "Payment": {
                "title": "Платёж",
                "fields": {"amount": {"type": "int", "min": 0}, "note": {"type": "text"}},
                "operations": ["list", "get"],
                "permissions": {"list": ["owner", "admin"]},
                "cache": {"ttl": "5m"},
                "filters": (),
            }
        }
    }
    assert add_domain_text("domains:\n  shop: {}\n", "payments", body) == dedent(
        """
        domains:
          shop: {}
          payments:
            entities:
              Payment:
                title: Платёж
                fields:
                  amount: {type: int, min: 0}
                  note: {type: text}
                operations: [list, get]
                permissions:
                  list: [owner, admin]
                cache: {ttl: 5m}
                filters: []
        """
    )


def test_add_domain_quotes_what_yaml_would_misread() -> None:
    body = domain_from_args(["Note"], ["text:str"], description="yes: # not a comment")
    new = add_domain_text("fastgen: 1\ndomains:\n  shop: {}\n", "notes", body)
    assert new == (
        "fastgen: 1\ndomains:\n  shop: {}\n  notes:\n    description: 'yes: # not a comment'\n"
        "    entities:\n      Note:\n        fields:\n          text: {type: str}\n"
    )


@pytest.mark.parametrize(
    "spec",
    [
        # a flow mapping continued at the left margin: the block cannot be found by indentation
        "domains:\n  shop: {entities:\n{}}\n",
        # a kept block scalar would lose its trailing newlines to the inserted domain
        "domains:\n  shop:\n    description: |+\n      x\n\n\nfastgen: 1\n",
    ],
)
def test_add_domain_refuses_a_layout_it_cannot_edit_safely(spec: str) -> None:
    with pytest.raises(FastgenError) as caught:
        add_domain_text(spec, "payments", ONE_FIELD, "my.yaml")
    assert str(caught.value) == (
        "my.yaml: cannot place domain 'payments' in this spec's layout — add it by hand"
    )
