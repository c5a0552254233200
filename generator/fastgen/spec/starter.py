"""A starter spec for ``fastgen init``: answers in, commented and validated YAML out.

The answers (project name and title, optional parts, one domain with one entity and its
fields) come from options or from prompts; :func:`answer_problems` checks them with the spec's
own loader, so a bad name is refused with the loader's message, tied to the answer (or option)
that caused it. :func:`starter_text` renders the spec: a short header saying what the file is
and what to run next, a comment on each section, the same bytes for the same answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from fastgen.errors import ArgumentError, FastgenError, SpecError
from fastgen.spec.edit import parse_field
from fastgen.spec.loader import load_spec_text

FEATURES: dict[str, str] = {
    "auth": "users, JWT tokens, registration, role-based access",
    "cache": "Redis: connection pool, read-through entity cache",
    "rate-limit": "per-IP rate limits, counters in Redis (needs cache)",
    "messaging": "RabbitMQ through FastStream: entity events and consumers",
    "storage": "S3 storage for file fields (MinIO in docker-compose)",
    "mail": "SMTP mail with Jinja templates (Mailpit in docker-compose)",
    "http-client": "a shared httpx client with timeouts and retries",
    "metrics": "Prometheus /metrics: requests and latency by route",
    "docker": "Dockerfile, docker-compose.yml, .dockerignore",
    "github-ci": "a GitHub Actions pipeline: lint, types, migrations, tests",
    "gitlab-ci": "a GitLab CI pipeline: lint, types, migrations, tests",
}
"""Optional parts a starter spec can switch on, in the order they are asked, with what each
brings."""

FEATURE_NEEDS: dict[str, str] = {"rate-limit": "cache"}
"""A feature that works only together with another one."""

DEFAULT_FEATURES = ("docker", "github-ci")
"""What a spec gets when the answers name no features: the spec format's own defaults."""

DEFAULT_NAME = "my-service"
DEFAULT_DOMAIN = "catalog"
DEFAULT_ENTITY = "Item"
DEFAULT_FIELDS = ("name:str(200)", "note:text?")

SPEC_NAME = "fastgen.yaml"
"""The file ``fastgen init`` writes and the name problems are reported under."""

_COMMENT_COLUMN = 33
"""Column (1-based) where the comment of a commented line starts, as in the README."""


def choose_features(on: list[str], off: list[str]) -> tuple[str, ...]:
    """Return the features switched on: the defaults, plus ``on``, minus ``off``.

    Args:
        on: Features to switch on (``--with``), in the order given.
        off: Features to switch off (``--without``).

    Raises:
        ArgumentError: A feature is both switched on and off, or ``off`` names an unknown one.
    """
    unknown = [f for f in off if f not in FEATURES]
    if unknown:
        raise ArgumentError(
            f"--without {unknown[0]}: unknown feature — use one of {', '.join(FEATURES)}"
        )
    both = sorted(set(on) & set(off))
    if both:
        raise ArgumentError(f"--with and --without both name {', '.join(both)} — pick one")
    chosen = [*DEFAULT_FEATURES, *(f for f in on if f not in DEFAULT_FEATURES)]
    return tuple(dict.fromkeys(f for f in chosen if f not in off))


def default_title(name: str) -> str:
    """Return a title made from a project name: ``my-service`` gives ``My service``."""
    words = name.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "My service"


@dataclass(frozen=True)
class Answers:
    """What a starter spec is made of.

    Attributes:
        name: The project's distribution name (``project.name``).
        title: The human title (``project.title``), any language.
        description: What the service is for, or None.
        features: Names from :data:`FEATURES` to switch on; the rest are off.
        domain: The first domain (snake_case).
        entity: The domain's first entity (PascalCase).
        fields: The entity's fields in ``add-domain``'s syntax, e.g. ``price:decimal(12,2)``.
    """

    name: str = DEFAULT_NAME
    title: str = field(default_factory=lambda: default_title(DEFAULT_NAME))
    description: str | None = None
    features: tuple[str, ...] = DEFAULT_FEATURES
    domain: str = DEFAULT_DOMAIN
    entity: str = DEFAULT_ENTITY
    fields: tuple[str, ...] = DEFAULT_FIELDS


@dataclass(frozen=True)
class AnswerProblem:
    """Why one answer cannot go into the spec.

    Attributes:
        answer: Which answer: ``name``, ``title``, ``description``, ``features``, ``domain``,
            ``entity`` or ``field``.
        value: The answer as given (for ``field``, the one field's text).
        message: What is wrong and what to do instead.
    """

    answer: str
    value: str
    message: str

    def for_option(self) -> str:
        """Return the message naming the command-line option the answer came from."""
        option = {"features": "--with", "field": "--field"}.get(self.answer, f"--{self.answer}")
        return f"{option} {self.value!r}: {self.message}"


def answer_problems(answers: Answers) -> list[AnswerProblem]:
    """Check every answer, each field as ``add-domain`` parses it, then the spec as a whole.

    Args:
        answers: The answers to check.

    Returns:
        The problems, each tied to the answer that caused it; empty when the spec is valid.

    Raises:
        FastgenError: The spec fails in a way no answer explains (a bug in fastgen).
    """
    problems: list[AnswerProblem] = []
    features: list[str] = []
    for name in answers.features:
        needed = FEATURE_NEEDS.get(name)
        if name not in FEATURES:
            message = f"unknown feature — use one of {', '.join(FEATURES)}"
            problems.append(AnswerProblem("features", name, message))
        elif needed is not None and needed not in answers.features:
            message = f"{name} needs {needed} — switch on {needed} too"
            problems.append(AnswerProblem("features", name, message))
        else:
            features.append(name)
    parsed: dict[str, dict[str, object]] = {}
    for text in answers.fields:
        try:
            _, name, body = parse_field(text)
        except ArgumentError as error:
            message = str(error).removeprefix(f"--field {text!r}: ")
            problems.append(AnswerProblem("field", text, message))
            continue
        if name in parsed:
            problems.append(AnswerProblem("field", text, f"field {name!r} is given twice"))
        parsed[name] = body
    if not answers.fields:
        problems.append(AnswerProblem("field", "", "an entity needs at least one field"))
    # The rest is checked with what was understood (a placeholder field if no field was).
    checked = replace(answers, features=tuple(features))
    if not parsed:
        parsed = {name: body for _, name, body in map(parse_field, DEFAULT_FIELDS)}
    try:
        load_spec_text(_render(checked, parsed), SPEC_NAME)
    except SpecError as error:
        problems += [_blame(answers, problem.path, problem.message) for problem in error.problems]
    return problems


def starter_text(answers: Answers) -> str:
    """Return the commented YAML of a starter spec, validated by the spec loader.

    Args:
        answers: The answers; the same answers always give the same text.

    Returns:
        The spec's text.

    Raises:
        ArgumentError: An answer is refused; the message names its option, e.g. ``--name``.
    """
    problems = answer_problems(answers)
    if problems:
        raise ArgumentError("\n".join(problem.for_option() for problem in problems))
    parsed = {name: body for _, name, body in map(parse_field, answers.fields)}
    return _render(answers, parsed)


def _blame(answers: Answers, path: str, message: str) -> AnswerProblem:
    """Tie a problem the loader found at the dotted ``path`` to the answer that caused it."""
    entity = f"domains.{answers.domain}.entities.{answers.entity}"
    if path.startswith(f"{entity}.fields."):
        name = path.removeprefix(f"{entity}.fields.").split(".", 1)[0]
        text = next((t for t in answers.fields if t.partition(":")[0] == name), name)
        if text.partition(":")[2].startswith("enum"):
            message += " (a starter spec has no `enums:`; add the field after init, with its enum)"
        return AnswerProblem("field", text, message)
    places = [
        ("project.name", "name", answers.name),
        ("project.title", "title", answers.title),
        ("project.description", "description", answers.description or ""),
        ("features", "features", ", ".join(answers.features)),
        (entity, "entity", answers.entity),
        (f"domains.{answers.domain}", "domain", answers.domain),
    ]
    for prefix, answer, value in places:
        if path == prefix or path.startswith(f"{prefix}."):
            return AnswerProblem(answer, value, message)
    raise FastgenError(  # pragma: no cover - the starter spec itself would be wrong
        f"internal error: the starter spec fails at {path}: {message} — this is a bug in fastgen"
    )


def _render(answers: Answers, fields: dict[str, dict[str, object]]) -> str:
    """Write the spec's text for answers whose fields are already parsed."""
    return "".join(line + "\n" for line in _lines(answers, fields))


def _lines(answers: Answers, fields: dict[str, dict[str, object]]) -> Iterator[str]:
    """Yield the spec's lines, without line ends."""
    on = set(answers.features)
    yield f"# {SPEC_NAME}: the spec of a FastAPI service, read by fastgen (spec format 1)."
    yield "# Edit it, then generate the project and prove that it works:"
    yield f"#   fastgen new {SPEC_NAME} -o {answers.name} --verify"
    yield f"# The project keeps a copy as {answers.name}/{SPEC_NAME}: edit that one later and run"
    yield f"# `fastgen update {answers.name}`. fastgen's README lists every key, type and option."
    yield "fastgen: 1"
    yield ""
    yield _commented("project:", "the service as a whole")
    yield _commented(f"  name: {scalar(answers.name)}", "distribution name; the package is `app`")
    yield _commented(f"  title: {scalar(answers.title)}", "shown in OpenAPI and the README")
    if answers.description is not None:
        yield f"  description: {scalar(answers.description)}"
    yield _commented('  python: "3.12"', "3.11 | 3.12 | 3.13")
    yield ""
    yield _commented("features:", "optional parts; one switched off leaves no trace")
    yield from _feature_lines(on)
    yield ""
    yield _commented("domains:", "bounded contexts: one folder per layer each")
    yield f"  {scalar(answers.domain)}:"
    yield "    entities:"
    yield _commented(
        f"      {scalar(answers.entity)}:", "a table with list/get/create/update/delete"
    )
    if "auth" in on:
        yield _commented("        owned_by: user", "rows belong to the user who created them")
        yield _commented(
            "        permissions: {list: [owner], get: [owner], create: [user], "
            "update: [owner], delete: [owner]}",
            "",
        )
    yield _commented("        fields:", "name: {type: ...}; add more as you need them")
    for name, body in fields.items():
        yield f"          {name}: {_flow(body)}"


def _feature_lines(on: set[str]) -> Iterator[str]:
    """Yield the ``features:`` section's entries for the features switched on."""
    if "auth" in on:
        yield _commented("  auth:", FEATURES["auth"])
        yield _commented("    roles: [admin, user]", "the first is the superuser role")
        verify = "true" if "mail" in on else "false"
        yield _commented(f"    email_verification: {verify}", "confirm the address by mail")
    else:
        yield _commented("  auth: false", FEATURES["auth"])
    values = [
        ("cache", "cache", "redis"),
        ("messaging", "messaging", "rabbitmq"),
        ("storage", "storage", "s3"),
        ("mail", "mail", "smtp"),
        ("http-client", "http_client", "true"),
        ("rate-limit", "rate_limit", "{default: 100/minute}"),
        ("metrics", "metrics", "prometheus"),
        ("docker", "docker", "true"),
    ]
    for name, key, value in values:
        yield _commented(f"  {key}: {value if name in on else 'false'}", FEATURES[name])
    pipelines = [ci for ci in ("github", "gitlab") if f"{ci}-ci" in on]
    yield _commented(f"  ci: [{', '.join(pipelines)}]", "CI pipelines: github, gitlab")


def _commented(line: str, comment: str) -> str:
    """Return ``line`` with ``# comment`` at the comment column (or two spaces after it)."""
    if not comment:
        return line
    return f"{line.ljust(_COMMENT_COLUMN - 2)}  # {comment}"


def _flow(body: dict[str, object]) -> str:
    """Return a field's mapping in flow style: ``{type: str, max_length: 200}``."""
    items = (f"{key}: {scalar(value)}" for key, value in body.items())
    return "{" + ", ".join(items) + "}"


def scalar(value: object) -> str:
    """Return a YAML scalar that reads back as ``value``: plain when it can be, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = text.strip() == text and "{" not in text and "," not in text and "}" not in text
    if plain and text:
        try:
            if YAML(typ="safe", pure=True).load(f"key: {text}") == {"key": text}:
                return text
        except YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a double-quoted YAML one
