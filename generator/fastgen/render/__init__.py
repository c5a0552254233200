"""Rendering: the template tree and the render variables in, formatted project files out.

:mod:`fastgen.render.pipeline` runs the stages from a validated spec to files,
:mod:`fastgen.render.engine` is the Jinja side, :mod:`fastgen.render.format` the ruff pass.
"""
