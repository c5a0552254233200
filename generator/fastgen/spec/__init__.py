"""The spec: its models, loading and validation.

``load_spec`` reads a YAML spec file and returns the validated :class:`Spec`, or raises
:class:`~fastgen.errors.SpecError` carrying every problem found, each with its position.
"""

from fastgen.spec.loader import load_spec, load_spec_text, read_spec
from fastgen.spec.model import Spec, json_schema

__all__ = ["Spec", "json_schema", "load_spec", "load_spec_text", "read_spec"]
