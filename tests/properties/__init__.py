"""Property tests: if fastgen accepts a spec, the project it generates works (issue 13).

Strategies: ``specs.py`` draws whole specs as plain data (``entities.py`` their entities,
relations and API options, ``fields.py`` every field type with its options, ``names.py`` and
``texts.py`` awkward names and text), ``yaml_text.py`` writes them as YAML, ``coverage.py``
tags what a spec exercises. Checks: ``checks.py`` renders a spec and checks the project
without its own environment. Layers: ``test_render.py`` (fast: many specs per run),
``test_verify.py`` (slow, e2e: a few specs through ``fastgen verify``), ``test_regressions.py``
(each failure class found, kept under ``tests/spec/data/regressions/``).
"""
