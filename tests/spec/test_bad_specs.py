"""One bad spec per row: the problem's position, dotted path, what is wrong and what to do.

Most rows give only the entities of a spec; ``entities()`` puts them after a fixed head, so
their first line is line 8 of the file:

    1 fastgen: 1
    2 project: {name: shop, title: Shop}
    3 enums:
    4   Status: [draft, paid]
    5 domains:
    6   shop:
    7     entities:
    8       <first line of the case>
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pytest
from fastgen.errors import SpecError, SpecProblem
from fastgen.spec import load_spec_text

HEAD = """\
fastgen: 1
project: {name: shop, title: Shop}
enums:
  Status: [draft, paid]
domains:
  shop:
    entities:
"""
ONE_ENTITY = "      B:\n        fields: {x: {type: str}}\n"


def entities(body: str) -> str:
    """Return a spec whose `shop` domain has the entities in ``body``, starting at line 8."""
    return HEAD + textwrap.indent(textwrap.dedent(body).strip("\n") + "\n", " " * 6)


def order(fields: str, extra: str = "") -> str:
    """Return a spec with one entity `Order`: ``fields`` start at line 10, ``extra`` follows."""
    fields = textwrap.indent(textwrap.dedent(fields).strip("\n"), " " * 4)
    extra = textwrap.indent(textwrap.dedent(extra).strip("\n"), " " * 2)
    return entities(f"Order:\n  fields:\n{fields}\n{extra}")


AUTH = "features: {auth: {roles: [admin, manager, user]}}\n"


def with_auth(text: str) -> str:
    """Return ``text`` with auth switched on in line 2: every later line moves down by one."""
    return text.replace("fastgen: 1\n", "fastgen: 1\n" + AUTH, 1)


def auth_spec(auth: str) -> str:
    """Return a spec of one entity whose ``features.auth`` is ``auth`` (line 3, column 9)."""
    return (
        "fastgen: 1\nfeatures:\n  auth: "
        + auth
        + "\n"
        + HEAD.removeprefix("fastgen: 1\n")
        + ONE_ENTITY
    )


@dataclass(frozen=True)
class Bad:
    """A bad spec and the problem it must produce."""

    text: str
    where: str  # LINE:COL
    path: str
    what: str  # part of the text before the em dash
    todo: str  # part of the text after the em dash
    count: int = 1  # problems in the spec in all


# fmt: off
CASES: dict[str, Bad] = {
    # --- YAML ---------------------------------------------------------------------------------
    "yaml syntax": Bad("fastgen: 1\nproject: [a, b\n", "3:1", "", "invalid YAML", "close the `[`"),
    "tab indentation": Bad(
        "fastgen: 1\nproject:\n\tname: x\n",
        "3:1", "", "found a tab character", "indent with spaces",
    ),
    "duplicate key": Bad(
        order("code: {type: str}\ncode: {type: int}"),
        "10:11", "domains.shop.entities.Order.fields.code",
        "duplicate key `code`: it appears again at line 11", "keep one `code:`", count=2,
    ),
    "auth with a single role": Bad(
        auth_spec("{roles: [admin]}"),
        "3:17", "features.auth.roles", "new users would get `admin`, the superuser role",
        "add a role for registered users",
    ),
    "default role is the superuser": Bad(
        auth_spec("{roles: [admin, user], default_role: admin}"),
        "3:46", "features.auth.default_role", "new users would get `admin`",
        "make it the `default_role`",
    ),
    "unknown default role": Bad(
        auth_spec("{roles: [admin, user], default_role: usr}"),
        "3:46", "features.auth.default_role", "`usr` is not one of the roles",
        "did you mean `user`?",
    ),
    "role named like a token": Bad(
        auth_spec("{roles: [admin, public]}"),
        "3:25", "features.auth.roles[1]", "`public` is a permission token, not a role",
        "choose another role name",
    ),
    "role not in snake case": Bad(
        auth_spec("{roles: [admin, Member]}"),
        "3:25", "features.auth.roles[1]", "role `Member` is not a snake_case name",
        "use lowercase ASCII letters",
    ),
    "access token shorter than a minute": Bad(
        auth_spec("{access_token_ttl: 30s}"),
        "3:28", "features.auth.access_token_ttl", "an access token of 30s would expire",
        "use at least `1m`",
    ),
    "access token outlives refresh token": Bad(
        auth_spec("{access_token_ttl: 2d, refresh_token_ttl: 1d}"),
        "3:28", "features.auth.access_token_ttl", "the access token (2d) would outlive",
        "make `access_token_ttl` shorter",
    ),
    "bad lockout duration": Bad(
        auth_spec("{lockout: {attempts: 5, for: 15 minutes}}"),
        "3:38", "features.auth.lockout.for", "is not a valid `for`", "match the pattern",
    ),
    "unknown auth option": Bad(
        auth_spec("{roles: [admin, user], sessions: 3}"),
        "3:32", "features.auth.sessions", "unknown key `sessions`", "",
    ),
    "rate limit without the cache": Bad(
        "fastgen: 1\nfeatures:\n  rate_limit: {default: 10/minute}\n"
        + HEAD.removeprefix("fastgen: 1\n") + ONE_ENTITY,
        "3:3", "features.rate_limit", "rate limiting keeps its counters in Redis",
        "add `cache: redis`",
    ),
    "bad rate": Bad(
        "fastgen: 1\nfeatures:\n  cache: redis\n  rate_limit: {default: 10/min}\n"
        + HEAD.removeprefix("fastgen: 1\n") + ONE_ENTITY,
        "4:25", "features.rate_limit.default", "is not a valid `default`", "match the pattern",
    ),
    "unknown ci": Bad(
        "fastgen: 1\nfeatures:\n  ci: [jenkins]\n" + HEAD.removeprefix("fastgen: 1\n")
        + ONE_ENTITY,
        "3:8", "features.ci[0]", "`jenkins` is not a valid value for `ci`", "use one of: github",
    ),
    "root is a list": Bad("- fastgen\n", "1:1", "", "must be a mapping", "start with `fastgen: 1`"),
    # --- shape --------------------------------------------------------------------------------
    "unknown key, close match": Bad(
        order("code: {type: str, max_lenght: 5}"),
        "10:29", "domains.shop.entities.Order.fields.code.max_lenght",
        "unknown key `max_lenght`", "did you mean `max_length`?",
    ),
    "unknown key at root": Bad(
        HEAD.replace("enums:", "versions: [v1]\nenums:") + ONE_ENTITY,
        "3:1", "versions", "unknown key `versions`", "allowed keys here: fastgen, project, api",
    ),
    "wrong type: bool": Bad(
        order("code: {type: str, required: 'yes'}"),
        "10:39", "domains.shop.entities.Order.fields.code.required",
        "expected `true` or `false`, got the text `yes`", "without quotes",
    ),
    "wrong type: int": Bad(
        order("code: {type: str}", "page_size: '20'"),
        "11:20", "domains.shop.entities.Order.page_size",
        "expected a whole number, got the text `20`", "write the number without quotes",
    ),
    "wrong type: list": Bad(
        order("code: {type: str}", "operations: list"),
        "11:21", "domains.shop.entities.Order.operations",
        "expected a list, got the text `list`", "one `- item` per line",
    ),
    "wrong type: mapping": Bad(
        entities("Order:\n  fields:\n    - code"),
        "10:11", "domains.shop.entities.Order.fields",
        "expected a mapping, got a list", "remove the `-` markers",
    ),
    "missing fields": Bad(
        entities("Order:\n  description: An order."),
        "8:7", "domains.shop.entities.Order.fields",
        "missing required key `fields`", "add a `fields:` mapping",
    ),
    "missing project.name": Bad(
        "fastgen: 1\nproject:\n  title: Shop\ndomains:\n  shop:\n    entities:\n"
        "      B:\n        fields: {x: {type: str}}\n",
        "2:1", "project.name", "missing required key `name`", "e.g. `name: my-service`",
    ),
    "missing field type": Bad(
        order("code: {required: true}"),
        "10:11", "domains.shop.entities.Order.fields.code.type",
        "missing required key `type`", "add `type:` with one of: str, text",
    ),
    "field type is a list (filtered and sorted on)": Bad(
        order("code: {type: [str]}", "filters: [code]\nsort: [code]"),
        "10:24", "domains.shop.entities.Order.fields.code.type",
        "a list is not a valid field type", "use one of: str, text",
    ),
    "field type is a mapping (filtered and sorted on)": Bad(
        order("code: {type: {a: 1}}", "filters: [code]\nsort: [code]"),
        "10:24", "domains.shop.entities.Order.fields.code.type",
        "a mapping is not a valid field type", "use one of: str, text",
    ),
    "number too large for a float": Bad(
        order("qty: {type: int, max: " + "9" * 400 + "}"),
        "10:33", "domains.shop.entities.Order.fields.qty.max",
        "is too large", "use a smaller one",
    ),
    "fastgen: 2": Bad(
        "fastgen: 2\n" + entities("B:\n  fields: {x: {type: str}}").split("\n", 1)[1],
        "1:10", "fastgen", "this fastgen reads spec format 1", "set `fastgen: 1`",
    ),
    "literal: id type": Bad(
        order("code: {type: str}", "id: integer"),
        "11:13", "domains.shop.entities.Order.id",
        "`integer` is not a valid primary key type", "did you mean `int`? Allowed: int, uuid",
    ),
    "enum: field type": Bad(
        order("code: {type: strng}"),
        "10:24", "domains.shop.entities.Order.fields.code.type",
        "`strng` is not a valid field type", "did you mean `str`?",
    ),
    # --- field constraints against the type ---------------------------------------------------
    "min on str": Bad(
        order("code: {type: str, min: 1}"),
        "10:29", "domains.shop.entities.Order.fields.code.min",
        "`min` applies only to int, bigint, float and decimal fields, not to str",
        "remove it, or use `min_length`",
    ),
    "bigint bound past what the API document states": Bad(
        order("views: {type: bigint, max: 9223372036854775807}"),
        "10:38", "domains.shop.entities.Order.fields.views.max",
        "`max` 9223372036854775807 is past 9223372036854775000, the largest bigint the API",
        "use a smaller bound or `type: decimal`",
    ),
    "url max_length shorter than any URL": Bad(
        order("site: {type: url, max_length: 10}"),
        "10:41", "domains.shop.entities.Order.fields.site.max_length",
        "`max_length` 10 leaves no room for a URL", "raise it",
    ),
    "url example the API would rewrite": Bad(
        order("site: {type: url, example: 'https://Example.com'}"),
        "10:38", "domains.shop.entities.Order.fields.site.example",
        "the API keeps `https://Example.com` as `https://example.com/`", "write it that way",
    ),
    "email the API refuses": Bad(
        order("mail: {type: email, example: 'x@y.local'}"),
        "10:40", "domains.shop.entities.Order.fields.mail.example",
        "`x@y.local` is not an email address", "write it like `name@example.com`",
    ),
    "email longer than the check takes": Bad(
        order("mail: {type: email, max_length: 300}"),
        "10:43", "domains.shop.entities.Order.fields.mail.max_length",
        "`max_length` 300 is more than the 254 characters", "use at most 254",
    ),
    "max_length on int": Bad(
        order("qty: {type: int, max_length: 5}"),
        "10:28", "domains.shop.entities.Order.fields.qty.max_length",
        "`max_length` applies only to str, text, email and url fields", "or use `max`",
    ),
    "pattern on bool": Bad(
        order("paid: {type: bool, pattern: x}"),
        "10:30", "domains.shop.entities.Order.fields.paid.pattern",
        "`pattern` applies only to str, text, email and url fields, not to bool", "remove it",
    ),
    "precision on float": Bad(
        order("rate: {type: float, precision: 5}"),
        "10:31", "domains.shop.entities.Order.fields.rate.precision",
        "`precision` applies only to decimal fields", "remove it",
    ),
    "unique on json": Bad(
        order("data: {type: json, unique: true}"),
        "10:30", "domains.shop.entities.Order.fields.data.unique",
        "`unique` is not supported on json fields", "remove it",
    ),
    "enum on a str field": Bad(
        order("code: {type: str, enum: Status}"),
        "10:29", "domains.shop.entities.Order.fields.code.enum",
        "`enum` applies only to fields of type enum", "set `type: enum`",
    ),
    "min greater than max": Bad(
        order("qty: {type: int, min: 5, max: 1}"),
        "10:41", "domains.shop.entities.Order.fields.qty.max",
        "no number satisfies both `min: 5` and `max: 1`", "make `min` smaller than `max`",
    ),
    "decimal without precision": Bad(
        order("total: {type: decimal, scale: 2}"),
        "10:11", "domains.shop.entities.Order.fields.total.precision",
        "a decimal field needs `precision`", "add e.g. `precision: 10` and `scale: 2`",
    ),
    "scale above precision": Bad(
        order("total: {type: decimal, precision: 3, scale: 5}"),
        "10:55", "domains.shop.entities.Order.fields.total.scale",
        "`scale` 5 is larger than `precision` 3", "lower `scale` or raise `precision`",
    ),
    "pattern without example": Bad(
        order("code: {type: str, pattern: '^[A-Z]+$'}"),
        "10:11", "domains.shop.entities.Order.fields.code.example",
        "a field with `pattern` needs an `example` that matches it", "add `example:`",
    ),
    "email pattern without example": Bad(
        order("contact: {type: email, pattern: '@example[.]com$'}"),
        "10:11", "domains.shop.entities.Order.fields.contact.example",
        "a field with `pattern` needs an `example` that matches it", "add `example:`",
    ),
    "min_length above the str default": Bad(
        order("code: {type: str, min_length: 300}"),
        "10:41", "domains.shop.entities.Order.fields.code.min_length",
        "`min_length` 300 is more than the default `str` length 255", "raise `max_length`",
    ),
    "bad regular expression": Bad(
        order("code: {type: str, pattern: '(', example: x}"),
        "10:38", "domains.shop.entities.Order.fields.code.pattern",
        "`pattern` is not a valid regular expression", "it is a Python `re` pattern",
    ),
    # --- enums and defaults -------------------------------------------------------------------
    "unknown enum": Bad(
        order("state: {type: enum, enum: Statuss}"),
        "10:37", "domains.shop.entities.Order.fields.state.enum",
        "unknown enum `Statuss`", "did you mean `Status`?",
    ),
    "enum without values": Bad(
        HEAD.replace("[draft, paid]", "[]") + ONE_ENTITY,
        "4:11", "enums.Status", "enum `Status` has no values", "add at least one",
    ),
    "enum default not a value": Bad(
        order("state: {type: enum, enum: Status, default: payed}"),
        "10:54", "domains.shop.entities.Order.fields.state.default",
        "`payed` is not a value of enum `Status`", "did you mean `paid`?",
    ),
    "str default too long": Bad(
        order("code: {type: str, max_length: 3, default: abcdef}"),
        "10:53", "domains.shop.entities.Order.fields.code.default",
        "default is 6 characters long, more than `max_length: 3`", "shorten it",
    ),
    "int default below min": Bad(
        order("qty: {type: int, min: 1, default: 0}"),
        "10:45", "domains.shop.entities.Order.fields.qty.default",
        "default 0 is outside `min: 1`", "use a value at least 1",
    ),
    "bad date default": Bad(
        order("due: {type: date, default: 2024-02-30}"),
        "10:38", "domains.shop.entities.Order.fields.due.default",
        "`2024-02-30` is not a valid date", "write an ISO date `YYYY-MM-DD`",
    ),
    "decimal default with too many digits": Bad(
        order("total: {type: decimal, precision: 5, scale: 2, default: 1.234}"),
        "10:67", "domains.shop.entities.Order.fields.total.default",
        "has 3 digits after the point but `scale` is 2", "round it to 2 decimal places",
    ),
    "naive datetime default": Bad(
        order("at: {type: datetime, default: '2024-01-31T09:30:00'}"),
        "10:41", "domains.shop.entities.Order.fields.at.default",
        "has no UTC offset, but datetime fields are timezone-aware", "`2024-01-31T09:30:00Z`",
    ),
    "time example with a UTC offset": Bad(
        order("opens: {type: time, example: '07:30+03:00'}"),
        "10:40", "domains.shop.entities.Order.fields.opens.example",
        "is not time text as the API takes it", "without a UTC offset",
    ),
    "datetime default with a space for the T": Bad(
        order("at: {type: datetime, default: '2024-01-31 09:30:00Z'}"),
        "10:41", "domains.shop.entities.Order.fields.at.default",
        "is not datetime text as the API takes it", "`2024-01-31T09:30:00Z`",
    ),
    "ip example with a zone": Bad(
        order("ip: {type: ip_address, example: 'fe80::1%eth0'}"),
        "10:43", "domains.shop.entities.Order.fields.ip.example",
        "is not ip_address text as the API takes it", "without an IPv6 zone",
    ),
    "braced uuid example": Bad(
        order("ref: {type: uuid, example: '{123e4567-e89b-12d3-a456-426614174000}'}"),
        "10:38", "domains.shop.entities.Order.fields.ref.example",
        "is not uuid text as the API takes it", "36 characters with hyphens",
    ),
    "url default without http": Bad(
        order("site: {type: url, default: 'ftp://example.com'}"),
        "10:38", "domains.shop.entities.Order.fields.site.default",
        "is not an http(s) URL", "write it like `https://example.com/`",
    ),
    "bad uuid default": Bad(
        order("ref: {type: uuid, default: abc}"),
        "10:38", "domains.shop.entities.Order.fields.ref.default",
        "`abc` is not a valid uuid", "write a UUID like",
    ),
    # --- names --------------------------------------------------------------------------------
    "keyword field": Bad(
        order("class: {type: str}"), "10:11", "domains.shop.entities.Order.fields.class",
        "`class` is a Python keyword", "rename the field, e.g. `order_class`",
    ),
    "metadata field": Bad(
        order("metadata: {type: json}"), "10:11", "domains.shop.entities.Order.fields.metadata",
        "`metadata` is reserved by SQLAlchemy's declarative base", "rename the field",
    ),
    "model_config field": Bad(
        order("model_config: {type: str}"),
        "10:11", "domains.shop.entities.Order.fields.model_config",
        "`model_config` is an attribute of Pydantic's `BaseModel`", "rename the field",
    ),
    "deprecated Pydantic method as a field": Bad(
        order("parse_obj: {type: str}"), "10:11", "domains.shop.entities.Order.fields.parse_obj",
        "`parse_obj` is an attribute of Pydantic's `BaseModel`", "e.g. `order_parse_obj`",
    ),
    "self field": Bad(
        order("self: {type: str}"), "10:11", "domains.shop.entities.Order.fields.self",
        "`self` is the first parameter of the model's constructor", "rename the field",
    ),
    "field named like an annotation type": Bad(
        order("date: {type: date}"), "10:11", "domains.shop.entities.Order.fields.date",
        "`date` is the type `date` the generated model and schema classes use",
        "e.g. `order_date`",
    ),
    "field named like a function of the class body": Bad(
        order("property: {type: str}"), "10:11", "domains.shop.entities.Order.fields.property",
        "`property` is the function `property` the generated model and schema classes call",
        "e.g. `order_property`",
    ),
    "field named like an association table": Bad(
        entities("""
            Order:
              fields:
                orders_tags: {type: str}
              relations:
                tags: {kind: many_to_many, to: Tag}
            Tag:
              fields: {label: {type: str}}
            """),
        "10:11", "domains.shop.entities.Order.fields.orders_tags",
        "`orders_tags` is also the name of the association table of the many_to_many relation "
        "`tags`", "rename the field",
    ),
    "many_to_many relations with the same ids": Bad(
        entities("""
            Order:
              fields: {code: {type: str}}
              relations:
                tag: {kind: many_to_many, to: Tag}
                tags: {kind: many_to_many, to: Tag}
            Tag:
              fields: {label: {type: str}}
            """),
        "12:11", "domains.shop.entities.Order.relations.tags",
        "many_to_many relations `tag` and `tags` would both add the list `tag_ids`",
        "rename one of them",
    ),
    "filter named like a list parameter": Bad(
        order("limit: {type: int}", "filters: [limit]"),
        "11:19", "domains.shop.entities.Order.filters[0]",
        "`limit` is also the query parameter of `list` that carries the page size",
        "remove it from `filters`, or rename the field",
    ),
    "enum value that is a str method": Bad(
        HEAD.replace("[draft, paid]", "[draft, count]") + ONE_ENTITY,
        "4:19", "enums.Status[1]", "enum value `count` is a method of `str`",
        "use e.g. `count_value`",
    ),
    "role that is a str method": Bad(
        auth_spec("{roles: [admin, title]}"),
        "3:25", "features.auth.roles[1]",
        "role `title` would be a member of the generated enum `Role`, but `title` is a method "
        "of `str`", "choose another role name, e.g. `title_role`",
    ),
    "entity named like an imported class": Bad(
        entities("Table:\n  fields: {x: {type: str}}"),
        "8:7", "domains.shop.entities.Table", "`Table` is a SQLAlchemy name",
        "choose another entity name, e.g. `ShopTable`",
    ),
    "entity named like a generic page": Bad(
        entities("Cursor:\n  fields: {x: {type: str}}"),
        "8:7", "domains.shop.entities.Cursor", "would name its page schema `CursorPage`",
        "choose another entity name",
    ),
    "entity name starting with Test": Bad(
        entities("Testimonial:\n  fields: {x: {type: str}}"),
        "8:7", "domains.shop.entities.Testimonial", "`Testimonial` starts with `Test`",
        "e.g. `ShopTestimonial`",
    ),
    "entity named like another entity's class": Bad(
        entities("Product:\n  fields: {x: {type: str}}\nProductPage:\n  fields: {x: {type: str}}"),
        "10:7", "domains.shop.entities.ProductPage",
        "`ProductPage` is also the name of the page schema fastgen generates for entity "
        "`Product`", "choose another name",
    ),
    "table named like a model module": Bad(
        order("x: {type: str}", "table: enums"),
        "11:16", "domains.shop.entities.Order.table",
        "table `enums` would also name the entity's model module `app/models/v1/enums.py`",
        "set `table:` to another name, e.g. `enums_items`",
    ),
    "entity whose table is a model module": Bad(
        entities("Enums:\n  fields: {x: {type: str}}"),
        "8:7", "domains.shop.entities.Enums", "which is already the module of the spec's enums",
        "set `table:` to another name",
    ),
    "table named like a service attribute": Bad(
        "fastgen: 1\nfeatures: {messaging: rabbitmq}\n" + HEAD.removeprefix("fastgen: 1\n")
        + "      Event:\n        fields: {x: {type: str}}\n        events: [created]\n",
        "9:7", "domains.shop.entities.Event",
        "table `events` would also name the attribute `self.events` in which `EventService` "
        "keeps the entity's data manager, but that attribute holds the event publisher",
        "set `table:` to another name, e.g. `event_records`",
    ),
    "many_to_many relation named like a service attribute": Bad(
        "fastgen: 1\nfeatures: {cache: redis}\n" + HEAD.removeprefix("fastgen: 1\n")
        + "      C:\n        fields: {x: {type: str}}\n        cache: {ttl: 1m}\n"
        + "        relations:\n          cache: {kind: many_to_many, to: B}\n"
        + "      B:\n        fields: {x: {type: str}}\n",
        "13:11", "domains.shop.entities.C.relations.cache",
        "many_to_many relation `cache` would name the attribute `self.cache`",
        "rename the relation, e.g. `c_cache`",
    ),
    "model_ prefix": Bad(
        order("model_name: {type: str}"), "10:11", "domains.shop.entities.Order.fields.model_name",
        "starts with `model_`, a prefix Pydantic reserves", "e.g. `order_name`",
    ),
    "non-ASCII field": Bad(
        order("цена: {type: int}"), "10:11", "domains.shop.entities.Order.fields.цена",
        "only ASCII identifiers are allowed", "use ASCII letters, digits and underscores",
    ),
    "camelCase field": Bad(
        order("unitPrice: {type: int}"), "10:11", "domains.shop.entities.Order.fields.unitPrice",
        "field name `unitPrice` is not snake_case", "e.g. `unit_price`",
    ),
    "entity not PascalCase": Bad(
        entities("order_line:\n  fields: {qty: {type: int}}"),
        "8:7", "domains.shop.entities.order_line",
        "entity name `order_line` is not PascalCase", "e.g. `OrderLine`",
    ),
    "reserved domain": Bad(
        HEAD.replace("  shop:", "  auth:") + ONE_ENTITY,
        "6:3", "domains.auth", "domain `auth` would put its modules beside `app/routes/v1/auth.py`",
        "choose another domain name",
    ),
    "domain beside a generated module": Bad(
        HEAD.replace("  shop:", "  files:") + ONE_ENTITY,
        "6:3", "domains.files", "domain `files` would put its modules beside "
        "`app/schemas/v1/files.py`", "choose another domain name",
    ),
    "domain beside a generated test module": Bad(
        HEAD.replace("  shop:", "  factories:") + ONE_ENTITY,
        "6:3", "domains.factories", "beside `tests/factories.py`", "choose another domain name",
    ),
    "test domain with consumers": Bad(
        "fastgen: 1\nfeatures: {messaging: rabbitmq}\n"
        + HEAD.removeprefix("fastgen: 1\n").replace("  shop:", "  testing:")
        + "      B:\n        fields: {x: {type: str}}\n        events: [created]\n"
        + "    consumers:\n      seen: {on: B.created}\n",
        "7:3", "domains.testing", "get the handler class `TestingEventHandler`",
        "choose a domain name that does not start with `test`",
    ),
    "underscore in the project name of a project with storage": Bad(
        "fastgen: 1\nfeatures: {storage: s3}\n"
        + HEAD.removeprefix("fastgen: 1\n").replace("name: shop", "name: my_shop") + ONE_ENTITY,
        "3:17", "project.name", "S3 bucket names cannot contain `_`",
        "use dashes instead, e.g. `my-shop`",
    ),
    "duplicate entity across domains": Bad(
        entities("Order:\n  fields: {x: {type: str}}")
        + "  billing:\n    entities:\n      Order:\n        table: bills\n"
        "        fields: {x: {type: str}}\n",
        "12:7", "domains.billing.entities.Order",
        "already defined at domains.shop.entities.Order", "rename one of them",
    ),
    "table collision": Bad(
        entities("""
            Customer:
              fields: {name: {type: str}}
            Client:
              table: customers
              fields: {name: {type: str}}
            """),
        "11:16", "domains.shop.entities.Client.table",
        "table `customers` is already used by domains.shop.entities.Customer",
        "set `table:` to a different name",
    ),
    "many_to_many table collision": Bad(
        entities("""
            Order:
              fields: {code: {type: str}}
              relations:
                tags: {kind: many_to_many, to: Tag}
            Tag:
              table: orders_tags
              fields: {label: {type: str}}
            """),
        "13:16", "domains.shop.entities.Tag.table",
        "table `orders_tags` is already used by the many_to_many relation "
        "domains.shop.entities.Order.relations.tags", "set `table:` to a different name",
    ),
    # --- relations ----------------------------------------------------------------------------
    "field collides with relation column": Bad(
        entities("""
            Order:
              fields:
                customer_id: {type: int}
              relations:
                customer: {kind: many_to_one, to: Customer}
            Customer:
              fields: {name: {type: str}}
            """),
        "10:11", "domains.shop.entities.Order.fields.customer_id",
        "collides with the `customer_id` that the many_to_one relation `customer` adds",
        "the relation already provides it",
    ),
    "field collides with many_to_many ids": Bad(
        entities("""
            Order:
              fields:
                tag_ids: {type: json}
              relations:
                tags: {kind: many_to_many, to: Tag}
            Tag:
              fields: {label: {type: str}}
            """),
        "10:11", "domains.shop.entities.Order.fields.tag_ids",
        "collides with the `tag_ids` that the many_to_many relation `tags` adds", "remove",
    ),
    "dangling relation": Bad(
        entities("""
            Order:
              fields: {code: {type: str}}
              relations:
                customer: {kind: many_to_one, to: Custmer}
            Customer:
              fields: {name: {type: str}}
            """),
        "11:45", "domains.shop.entities.Order.relations.customer.to",
        "no entity named `Custmer`", "did you mean `Customer`?",
    ),
    "target in another domain": Bad(
        entities("""
            Order:
              fields: {code: {type: str}}
              relations:
                customer: {kind: many_to_one, to: billing.Customer}
            Customer:
              fields: {name: {type: str}}
            """),
        "11:45", "domains.shop.entities.Order.relations.customer.to",
        "`Customer` is not in domain `billing`; it is defined in domain `shop`",
        "write `to: shop.Customer`",
    ),
    "one_to_many without inverse": Bad(
        entities("""
            Order:
              fields: {code: {type: str}}
              relations:
                lines: {kind: one_to_many, to: Line}
            Line:
              fields: {qty: {type: int}}
              relations:
                order: {kind: many_to_one, to: Order}
            """),
        "11:11", "domains.shop.entities.Order.relations.lines.inverse",
        "a one_to_many relation needs `inverse`", "add `inverse: order`",
    ),
    "inverse does not point back": Bad(
        entities("""
            Order:
              fields: {code: {type: str}}
              relations:
                lines: {kind: one_to_many, to: Line, inverse: product}
            Line:
              fields: {qty: {type: int}}
              relations:
                order: {kind: many_to_one, to: Order}
                product: {kind: many_to_one, to: Product}
            Product:
              fields: {sku: {type: str}}
            """),
        "11:57", "domains.shop.entities.Order.relations.lines.inverse",
        "`Line.product` points to `Product`, not back to `Order`",
        "name a many_to_one relation whose `to` is `Order`",
    ),
    "set_null on a required relation": Bad(
        entities("""
            Order:
              fields: {code: {type: str}}
              relations:
                customer: {kind: many_to_one, to: Customer, on_delete: set_null}
            Customer:
              fields: {name: {type: str}}
            """),
        "11:66", "domains.shop.entities.Order.relations.customer.on_delete",
        "`on_delete: set_null` needs an optional relation", "add `required: false`",
    ),
    "required relation to itself": Bad(
        order("name: {type: str}", "relations:\n  parent: {kind: many_to_one, to: Order}"),
        "12:11", "domains.shop.entities.Order.relations.parent",
        "a required many_to_one relation from `Order` to itself", "add `required: false`",
    ),
    "cycle of required relations": Bad(
        entities("""
            Order:
              fields: {code: {type: str}}
              relations:
                invoice: {kind: one_to_one, to: Invoice}
            Invoice:
              fields: {number: {type: str}}
              relations:
                order: {kind: many_to_one, to: Order}
            """),
        "11:11", "domains.shop.entities.Order.relations.invoice",
        "required relations form a cycle (Order.invoice → Invoice.order → Order)",
        "make one of them `required: false`",
    ),
    # --- list options, permissions, events ----------------------------------------------------
    "filter on unknown field": Bad(
        order("status: {type: str}", "filters: [statsu]"),
        "11:19", "domains.shop.entities.Order.filters[0]",
        "unknown field or relation `statsu`", "did you mean `status`?",
    ),
    "two one_to_many relations with the same inverse": Bad(
        entities("""
            Order:
              fields: {code: {type: str}}
              relations:
                lines: {kind: one_to_many, to: Line, inverse: order}
                items: {kind: one_to_many, to: Line, inverse: order}
            Line:
              fields: {qty: {type: int}}
              relations:
                order: {kind: many_to_one, to: Order}
            """),
        "12:57", "domains.shop.entities.Order.relations.items.inverse",
        "`Line.order` is already the inverse of domains.shop.entities.Order.relations.lines",
        "remove this relation, or add another many_to_one relation to `Order` on `Line`",
    ),
    "sort on json": Bad(
        order("data: {type: json}\nname: {type: str}", "sort: [name, data]"),
        "12:22", "domains.shop.entities.Order.sort[1]",
        "json fields cannot be sorted by", "remove it",
    ),
    "filters without list": Bad(
        order("name: {type: str}", "operations: [get, create]\nfilters: [name]"),
        "12:9", "domains.shop.entities.Order.filters",
        "`filters` needs the `list` operation", "add `list` to `operations`",
    ),
    "page_size above max_page_size": Bad(
        order("name: {type: str}", "page_size: 50\nmax_page_size: 20"),
        "11:20", "domains.shop.entities.Order.page_size",
        "`page_size` 50 is larger than `max_page_size` 20", "lower `page_size`",
    ),
    "owner without owned_by": Bad(
        with_auth(order("name: {type: str}", "permissions:\n  get: [owner]")),
        "13:17", "domains.shop.entities.Order.permissions.get[0]",
        "`owner` needs `owned_by: user`", "add it, or name a role",
    ),
    "permission for a disabled operation": Bad(
        with_auth(
            order("name: {type: str}", "operations: [list, get]\npermissions:\n  delete: [admin]")
        ),
        "14:11", "domains.shop.entities.Order.permissions.delete",
        "`delete` is not one of this entity's operations", "add it to `operations`",
    ),
    "empty role list": Bad(
        with_auth(order("name: {type: str}", "permissions:\n  get: []")),
        "13:16", "domains.shop.entities.Order.permissions.get",
        "an empty role list would allow `get` to nobody", "remove the operation from",
    ),
    "unknown role in permissions": Bad(
        with_auth(order("name: {type: str}", "permissions:\n  get: [admin, manger]")),
        "13:24", "domains.shop.entities.Order.permissions.get[1]",
        "`manger` is not a role of `features.auth.roles`", "did you mean `manager`?",
    ),
    "public write": Bad(
        with_auth(order("name: {type: str}", "permissions:\n  create: [public]")),
        "13:20", "domains.shop.entities.Order.permissions.create[0]",
        "`public` would let anyone create without logging in", "use `authenticated` or a role",
    ),
    "permissions without auth": Bad(
        order("name: {type: str}", "permissions:\n  get: [admin]"),
        "11:9", "domains.shop.entities.Order.permissions", "`permissions` needs `auth`",
        "switch auth on",
    ),
    "owned_by without auth": Bad(
        order("name: {type: str}", "owned_by: user"),
        "11:9", "domains.shop.entities.Order.owned_by", "`owned_by` needs `auth`",
        "or remove `owned_by`",
    ),
    "owner column on an owned entity": Bad(
        with_auth(order("owner_id: {type: uuid}", "owned_by: user")),
        "11:11", "domains.shop.entities.Order.fields.owner_id",
        "`owner_id` is added by `owned_by: user`", "rename the field",
    ),
    "event without its operation": Bad(
        order("name: {type: str}", "operations: [list, get, create]\nevents: [deleted]"),
        "12:18", "domains.shop.entities.Order.events[0]",
        "`deleted` is never published", "add `delete` to `operations`", count=2,
    ),
    "events without messaging": Bad(
        order("name: {type: str}", "events: [created]"),
        "11:9", "domains.shop.entities.Order.events",
        "`events` needs `messaging: rabbitmq` in `features`",
        "switch it on or remove `events` from the entity",
    ),
    "consumer without messaging": Bad(
        HEAD + "      B:\n        fields: {x: {type: str}}\n        events: [created]\n"
        + "    consumers:\n      on_a: {on: B.created}\n",
        "12:7", "domains.shop.consumers.on_a", "consumers need `messaging: rabbitmq`",
        "switch it on or remove the consumer", count=2,
    ),
    "consumer of an unknown entity": Bad(
        "fastgen: 1\nfeatures: {messaging: rabbitmq}\n" + HEAD.removeprefix("fastgen: 1\n")
        + ONE_ENTITY + "    consumers:\n      seen: {on: shop.Orders.created}\n",
        "12:18", "domains.shop.consumers.seen.on", "no entity `shop.Orders`",
        "use one of the entities: shop.B",
    ),
    "consumer of an event never published": Bad(
        "fastgen: 1\nfeatures: {messaging: rabbitmq}\n" + HEAD.removeprefix("fastgen: 1\n")
        + ONE_ENTITY + "    consumers:\n      seen: {on: B.deleted}\n",
        "12:18", "domains.shop.consumers.seen.on", "`B` does not publish `deleted`",
        "add `deleted` to domains.shop.entities.B.events",
    ),
    "consumer of something that is not an event": Bad(
        "fastgen: 1\nfeatures: {messaging: rabbitmq}\n" + HEAD.removeprefix("fastgen: 1\n")
        + ONE_ENTITY + "    consumers:\n      Seen: {on: B.touched}\n",
        "12:7", "domains.shop.consumers.Seen", "consumer name `Seen` must be snake_case",
        "e.g. `seen`", count=2,
    ),
    "file without storage": Bad(
        order("photo: {type: file}"),
        "10:25", "domains.shop.entities.Order.fields.photo.type",
        "file fields keep their files in S3", "add `storage: s3` to `features`",
    ),
    "required file": Bad(
        "fastgen: 1\nfeatures: {storage: s3}\n" + HEAD.removeprefix("fastgen: 1\n")
        + "      B:\n        fields: {photo: {type: file, required: true, unique: true}}\n",
        "10:38", "domains.shop.entities.B.fields.photo.required",
        "a file field is always optional", "remove `required`", count=2,
    ),
    "max_size on a string": Bad(
        order("code: {type: str, max_size: 5MB}"),
        "10:29", "domains.shop.entities.Order.fields.code.max_size",
        "`max_size` applies only to file fields", "remove it",
    ),
    "bad media type": Bad(
        "fastgen: 1\nfeatures: {storage: s3}\n" + HEAD.removeprefix("fastgen: 1\n")
        + "      B:\n        fields: {photo: {type: file, content_types: [png]}}\n",
        "10:54", "domains.shop.entities.B.fields.photo.content_types[0]",
        "is not a valid `content_types`", "write a media type `family/kind` in lowercase",
    ),
    "filter on a file": Bad(
        "fastgen: 1\nfeatures: {storage: s3}\n" + HEAD.removeprefix("fastgen: 1\n")
        + "      B:\n        fields: {photo: {type: file}}\n        filters: [photo]\n",
        "11:19", "domains.shop.entities.B.filters[0]", "file fields cannot be filtered on",
        "remove it",
    ),
    "cache without get": Bad(
        "fastgen: 1\nfeatures: {cache: redis}\n" + HEAD.removeprefix("fastgen: 1\n")
        + "      B:\n        fields: {x: {type: str}}\n        operations: [list]\n"
        + "        cache: {ttl: 1m}\n",
        "12:9", "domains.shop.entities.B.cache", "`cache` keeps `get` results",
        "add `get` to `operations` or remove `cache`",
    ),
    "cache without redis": Bad(
        order("name: {type: str}", "cache: {ttl: 5m}"),
        "11:9", "domains.shop.entities.Order.cache",
        "`cache` needs `cache: redis` in `features`",
        "switch it on or remove `cache` from the entity",
    ),
    # --- found by the spec generator (tests/properties) -----------------------------------------
    "table named like a keyword": Bad(
        entities("A:\n  fields: {x: {type: str}}"),
        "8:7", "domains.shop.entities.A", "`as`, the plural of `A`, would name its table",
        "set `table:`, e.g. `as_items`",
    ),
    "role named anonymous": Bad(
        auth_spec("{roles: [admin, anonymous, user]}"),
        "3:25", "features.auth.roles[1]", "`anonymous` names the caller without a token",
        "choose another role name",
    ),
    "ambiguous field name": Bad(
        order("l: {type: str}"),
        "10:11", "domains.shop.entities.Order.fields.l", "ruff refuses as ambiguous (E741",
        "rename the field, e.g. `order_l`",
    ),
    "ambiguous entity name": Bad(
        entities("O:\n  fields: {x: {type: str}}"),
        "8:7", "domains.shop.entities.O", "ruff refuses as ambiguous (E742", "choose a longer name",
    ),
    "ambiguous enum name": Bad(
        HEAD.replace("Status: [draft, paid]", "I: [draft, paid]")
        + "      Order:\n        fields: {x: {type: str}}\n",
        "4:3", "enums.I", "ruff refuses as ambiguous (E742", "choose a longer name",
    ),
    "int bounds without a whole number between": Bad(
        order("n: {type: int, gt: 0, lt: 1}"),
        "10:37", "domains.shop.entities.Order.fields.n.lt",
        "no value satisfies `gt: 0` and `lt: 1` in an int column", "widen the bounds",
    ),
    "decimal bound beyond the precision": Bad(
        order("n: {type: decimal, precision: 2, scale: 1, min: 10}"),
        "10:59", "domains.shop.entities.Order.fields.n.min",
        "holds numbers of 2 digits, 1 of them after the point", "raise `scale` or `precision`",
    ),
    "many_to_many to itself": Bad(
        entities(
            "Order:\n  fields: {x: {type: str}}\n  relations:\n"
            "    peers: {kind: many_to_many, to: Order}"
        ),
        "11:11", "domains.shop.entities.Order.relations.peers",
        "two columns named `order_id`", "two many_to_one relations to `Order`",
    ),
    "control character in a description": Bad(
        order('x: {type: str, description: "a\\u0007b"}'),
        "10:39", "domains.shop.entities.Order.fields.x.description",
        "the control character U+0007 (character 2)", "remove it",
    ),
    "line break in a title": Bad(
        entities('Order:\n  title: "a\\nb"\n  fields: {x: {type: str}}'),
        "9:16", "domains.shop.entities.Order.title", "a title is one line",
        "write it on one line",
    ),
    "unique bool": Bad(
        order("n: {type: bool, unique: true}"),
        "10:35", "domains.shop.entities.Order.fields.n.unique",
        "a unique bool field holds two values", "remove `unique`",
    ),
    "unique enum of fewer than four values": Bad(
        order("n: {type: enum, enum: Status, unique: true}"),
        "10:49", "domains.shop.entities.Order.fields.n.unique",
        "a unique field of enum `Status` holds 2 values", "give `Status` at least 4 values",
    ),
    "unique int whose bounds hold three values": Bad(
        order("n: {type: int, unique: true, min: 1, max: 3}"),
        "10:34", "domains.shop.entities.Order.fields.n.unique",
        "a unique int field within these bounds holds 3 values", "widen the bounds",
    ),
    "unique field whose pattern admits two values": Bad(
        order('n: {type: str, unique: true, pattern: "^(yes|no)$", example: "yes"}'),
        "10:34", "domains.shop.entities.Order.fields.n.unique",
        "admits only 2 values within its lengths (`yes`, `no`)", "widen the pattern",
    ),
}
# fmt: on


def problems_of(text: str) -> list[SpecProblem]:
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, "spec.yaml")
    return caught.value.problems


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_spec_is_reported_where_it_is_wrong(case: Bad) -> None:
    problems = problems_of(case.text)
    line, column = (int(part) for part in case.where.split(":"))
    here = [p for p in problems if (p.line, p.column, p.path) == (line, column, case.path)]
    assert here, "\n".join(str(p) for p in problems)
    what, _, todo = here[0].message.partition(" — ")
    assert case.what in what, here[0]
    assert case.todo in todo, here[0]
    assert len(problems) == case.count, "\n".join(str(p) for p in problems)
    assert all(" — " in p.message for p in problems)
