"""How the suite spreads over pytest-xdist's workers (``-n auto --dist loadgroup``).

An end-to-end test (marker ``e2e``) builds and checks a whole project in its own folder and
runs for minutes: each goes to whichever worker is free. Every other test stays with the
rest of its module, so a module-scoped fixture (a rendered project, a set of copies) is built
once, not once per worker.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put each fast test in its module's xdist group; leave end-to-end tests ungrouped."""
    for item in items:
        if (
            item.get_closest_marker("e2e") is None
            and item.get_closest_marker("xdist_group") is None
        ):
            item.add_marker(
                pytest.mark.xdist_group(item.module.__name__ if item.module else item.nodeid)
            )
