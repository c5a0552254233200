"""``fastgen init``: the bundled example specs, and writing a new spec file atomically.

The example specs travel inside the wheel as ``fastgen/_examples/<name>.yaml`` (see
``[tool.hatch.build.targets.wheel.force-include]``); in a clone they are read from
``examples/<name>/fastgen.yaml``, as the templates are read from ``templates/``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, ScalarNode

from fastgen.errors import (
    ArgumentError,
    FastgenError,
    FileAccessError,
    SpecError,
    SpecExistsError,
)
from fastgen.spec.loader import load_spec_text
from fastgen.spec.starter import SPEC_NAME, scalar

EXAMPLES = ("minimal", "shop")
"""The example specs ``init --example`` can copy."""

_NOTHING = "; nothing was written"


def example_path(name: str) -> Path:
    """Return the file of a bundled example spec, from an installed wheel or a clone.

    Args:
        name: One of :data:`EXAMPLES`.

    Raises:
        ArgumentError: ``name`` is not an example.
        FastgenError: The example is missing from this installation.
    """
    if name not in EXAMPLES:
        raise ArgumentError(
            f"--example {name!r}: there is no such example — use one of {', '.join(EXAMPLES)}"
        )
    package = Path(__file__).resolve().parents[1]
    for candidate in (
        package / "_examples" / f"{name}.yaml",
        package.parents[1] / "examples" / name / SPEC_NAME,
    ):
        if candidate.is_file():
            return candidate
    raise FastgenError(  # pragma: no cover - a broken installation
        f"the example spec {name!r} is missing — reinstall fastgen"
    )


def example_text(name: str, project_name: str | None = None) -> str:
    """Return the text of a bundled example spec, its project optionally renamed.

    Args:
        name: One of :data:`EXAMPLES`.
        project_name: A new ``project.name``; only that value changes, comments stay.

    Returns:
        The spec's text, validated by the spec loader.

    Raises:
        ArgumentError: ``name`` is not an example, or ``project_name`` is refused (the
            message names ``--name``).
    """
    path = example_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:  # pragma: no cover - a broken installation
        raise FileAccessError.from_os_error(error, path, "read", then=_NOTHING) from error
    if project_name is not None:
        text = _renamed(text, project_name)
    try:
        load_spec_text(text, SPEC_NAME)
    except SpecError as error:
        if project_name is None:  # pragma: no cover - the examples are checked in CI
            raise
        problems = "; ".join(p.message for p in error.problems if p.path == "project.name")
        raise ArgumentError(f"--name {project_name!r}: {problems or error}") from None
    return text


def _renamed(text: str, project_name: str) -> str:
    """Replace the value of ``project.name`` in a spec's text, byte for byte elsewhere."""
    root = YAML(typ="safe", pure=True).compose(text)
    project = _value(root, "project")
    value = _value(project, "name")
    if not isinstance(value, ScalarNode):  # pragma: no cover - the examples have a name
        raise FastgenError("the example spec has no project.name — this is a bug in fastgen")
    start, end = value.start_mark.index, value.end_mark.index
    return text[:start] + scalar(project_name) + text[end:]


def _value(node: object, key: str) -> object:
    """Return the value node under ``key`` of a mapping node, or None."""
    if not isinstance(node, MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)


def spec_target(directory: Path, *, force: bool = False) -> Path:
    """Return where ``init`` writes the spec, refusing to replace one without ``force``.

    Args:
        directory: The directory to hold ``fastgen.yaml`` (created if missing).
        force: Replace an existing spec.

    Raises:
        SpecExistsError: The spec exists and ``force`` is false.
        ArgumentError: ``directory`` is a file, or the target is not a regular file.
    """
    target = directory / SPEC_NAME
    if directory.exists() and not directory.is_dir():
        raise ArgumentError(f"{directory}: this is a file, not a directory — pass a directory")
    if target.exists() and not target.is_file():
        raise ArgumentError(f"{target}: this is not a regular file — remove it or pass another DIR")
    if target.exists() and not force:
        raise SpecExistsError(target)
    return target


def write_spec(directory: Path, text: str, *, force: bool = False) -> Path:
    """Write ``text`` to ``directory/fastgen.yaml`` atomically (temp file, then rename).

    Args:
        directory: The directory to hold the spec; created with its parents if missing.
        text: The spec's text.
        force: Replace an existing spec.

    Returns:
        The path written.

    Raises:
        SpecExistsError: The spec exists and ``force`` is false.
        FileAccessError: The system refused the write (the old file, if any, is unchanged).
    """
    target = spec_target(directory, force=force)
    scratch: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=f".{SPEC_NAME}.", suffix=".tmp", dir=directory)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(scratch).chmod(0o644)
        os.replace(scratch, target)
        scratch = None
    except OSError as error:
        raise FileAccessError.from_os_error(error, target, "write", then=_NOTHING) from error
    finally:
        if scratch is not None:
            with contextlib.suppress(OSError):
                Path(scratch).unlink()
    return target
