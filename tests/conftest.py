"""How the suite spreads over pytest-xdist's workers (``-n auto --dist loadgroup``).

An end-to-end test (marker ``e2e``) builds and checks a whole project in its own folder and
runs for minutes: each goes to whichever worker is free, and they come first, so that the
fast tests fill the gaps at the end instead of a long test starting last. Every other test
stays with the rest of its module, so a module-scoped fixture (a rendered project, a set of
copies) is built once, not once per worker.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run end-to-end tests first, ungrouped; put each fast test in its module's group."""
    for item in items:
        grouped = item.get_closest_marker("xdist_group") is not None
        if item.get_closest_marker("e2e") is None and not grouped:
            module = item.module.__name__ if item.module else item.nodeid
            item.add_marker(pytest.mark.xdist_group(module))
    items.sort(key=lambda item: item.get_closest_marker("e2e") is None)
