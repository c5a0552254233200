"""End to end: grow a hand-edited copy of the shop example on the real PostgreSQL.

The project is generated, edited by hand (a service, a route, a schema), migrated and given
rows; then a domain is added with ``add-domain`` and a field with ``update``. Each new revision
is applied from the previous head on the same database, ``alembic check`` finds nothing left to
migrate, the rows survive, the edits survive, and the project passes its full verification.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastgen.api import new_project
from fastgen.project.grow import add_domain, update_project
from fastgen.project.merge import Action
from fastgen.project.verify import verify_project
from fastgen.render.format import ruff_binary
from fastgen.spec.edit import read_domain_file

from .live import Project, live_database

ROOT = Path(__file__).resolve().parents[2]
SHOP_SPEC = ROOT / "examples" / "shop" / "fastgen.yaml"
DATABASE = f"fastgen_grow_{os.getpid()}"
OWNER = "00000000-0000-4000-8000-000000000001"
"""The user who owns the rows inserted by hand (addresses and payments have owners)."""

pytestmark = pytest.mark.e2e

BILLING = """\
description: Счета за платежи
entities:
  Invoice:
    title: Счёт
    fields:
      number: {type: str, max_length: 32, unique: true, example: INV-1}
      total: {type: decimal, precision: 12, scale: 2, gt: 0}
    relations:
      payment: {kind: many_to_one, to: payments.Payment, required: false, on_delete: set_null}
    filters: [payment]
"""

EDITS = {
    "app/services/v1/payments/service.py": (
        "    async def list_page(self, params: PaymentListParams, access: Access) -> PaymentPage:",
        '    def describe(self) -> str:\n        """Возвращает название сервиса для журналов."""\n'
        '        return "платежи"\n\n'
        "    async def list_page(self, params: PaymentListParams, access: Access) -> PaymentPage:",
    ),
    "app/routes/v1/payments.py": ('summary="Список записей «Платёж»"', 'summary="Список платежей"'),
    "app/schemas/v1/payments/request.py": (
        "    comment: Annotated[str, Field(max_length=1000)] | None = Field(None)\n",
        "    comment: Annotated[str, Field(max_length=1000)] | None = Field("
        'None, description="Комментарий.")\n',
    ),
}


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    root = tmp_path_factory.mktemp("grow") / "shop"
    new_project(SHOP_SPEC, root)
    for rel, (old, new) in EDITS.items():
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, rel
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # As an editor that formats on save leaves them (a shorter line may join its neighbours).
    subprocess.run([ruff_binary(), "format", "-q", *EDITS], cwd=root, check=True)
    with live_database(root, DATABASE) as project:
        yield project


def test_grow_a_hand_edited_project_on_a_live_database(shop: Project, tmp_path: Path) -> None:
    old_head = shop.run("alembic", "upgrade", "head")
    assert "Running upgrade  ->" in old_head
    shop.sql(
        "INSERT INTO users (id, email, password_hash, role, is_active, is_verified, "
        f"token_version) VALUES ('{OWNER}', 'owner@example.com', '-', 'user', true, true, 0)"
    )
    shop.sql(
        "INSERT INTO addresses (country, city, street, postal_code, is_default, owner_id) "
        f"VALUES ('RU', 'Москва', 'Тверская, 1', '101000', true, '{OWNER}')"
    )
    shop.sql(
        "INSERT INTO payments (amount, currency, status, attempts, address_id, owner_id) "
        f"VALUES (10.50, 'RUB', 'pending', 0, 1, '{OWNER}')"
    )

    # A new domain whose entity points at an existing one.
    source = tmp_path / "billing.yaml"
    source.write_text(BILLING, encoding="utf-8")
    added = add_domain(shop.root, "billing", read_domain_file(source, "billing"))
    assert added.conflicts == []
    assert added.revision is not None
    assert sorted(added.by_action(Action.KEEP)) == sorted(EDITS)
    for rel, (_, new) in EDITS.items():
        assert new in (shop.root / rel).read_text(encoding="utf-8"), rel
    upgraded = shop.run("alembic", "upgrade", "head")
    assert "Running upgrade  ->" not in upgraded
    assert f"-> {Path(added.revision).stem.split('_')[0]}" in upgraded
    assert "No new upgrade operations detected" in shop.run("alembic", "check")
    shop.sql("INSERT INTO invoices (number, total, payment_id) VALUES ('INV-1', 10.50, 1)")

    # A required field with a default, added to an entity that has rows.
    spec = shop.root / "fastgen.yaml"
    text = spec.read_text(encoding="utf-8")
    field = "          paid_at: {type: datetime, required: false}\n"
    assert field in text
    spec.write_text(
        text.replace(field, field + "          note: {type: str, max_length: 50, default: нет}\n"),
        encoding="utf-8",
    )
    updated = update_project(shop.root)
    assert updated.revision is not None
    assert updated.conflicts == []
    shop.run("alembic", "upgrade", "head")
    assert "No new upgrade operations detected" in shop.run("alembic", "check")
    assert shop.rows("SELECT amount, note, address_id FROM payments") == ["10.50|нет|1"]
    assert shop.rows("SELECT number, payment_id FROM invoices") == ["INV-1|1"]
    assert update_project(shop.root).writes == []

    # The downgrade path works too, back to the first revision and up again.
    shop.run("alembic", "downgrade", "-2")
    assert shop.rows("SELECT count(*) FROM payments") == ["1"]
    shop.run("alembic", "upgrade", "head")

    result = verify_project(shop.root)
    failures = {step.name: step.output[-3000:] for step in result.steps if not step.ok}
    assert result.ok, failures
