"""The render context of caching and events: stale reads on delete, consumers, platform tables."""

from __future__ import annotations

from fastgen.db.history import advance
from fastgen.db.tables import schema_of
from fastgen.model.build import build_context
from fastgen.model.project import ProjectCtx
from fastgen.spec import load_spec_text
from fastgen.view import revision_contexts

HEAD = """\
fastgen: 1
project: {name: chain, title: Цепочка}
features: {cache: redis, messaging: rabbitmq, docker: false, ci: []}
domains:
"""

CHAIN = """\
  shop:
    entities:
      Shelf:
        fields: {name: {type: str}}
      Box:
        fields: {name: {type: str}}
        relations:
          shelf: {kind: many_to_one, to: Shelf, on_delete: cascade}
      Item:
        fields: {name: {type: str}}
        relations:
          box: {kind: many_to_one, to: Box, on_delete: cascade}
          label: {kind: many_to_one, to: Label, required: false, on_delete: set_null}
          labels: {kind: many_to_many, to: Label}
        cache: {ttl: 1m}
        events: [created, deleted]
      Label:
        fields: {name: {type: str}}
      Sticker:
        fields: {name: {type: str}}
        relations:
          label: {kind: many_to_one, to: Label, on_delete: restrict}
        cache: {ttl: 30s}
"""

CONSUMERS = """\
    consumers:
      item_gone: {on: shop.Item.deleted, description: Забывает удалённую вещь}
      item_new: {on: Item.created}
"""


def context(domains: str) -> ProjectCtx:
    text = HEAD + domains
    return build_context(load_spec_text(text, "spec.yaml"))


def stale(ctx: ProjectCtx, name: str) -> list[tuple[str, str, str, bool]]:
    [entity] = [e for e in ctx.entities if e.name == name]
    return [(s.entity, s.relation.name, s.effect, s.direct) for s in entity.stale_on_delete]


def test_a_delete_stales_cached_reads_through_cascades() -> None:
    ctx = context(CHAIN)
    # Shelf → Box (cascade) → Item (cascade): the cached Item goes, two steps away.
    assert stale(ctx, "Shelf") == [("Item", "box", "deleted", False)]
    assert stale(ctx, "Box") == [("Item", "box", "deleted", True)]
    # Label: Item's link is set to NULL and its many-to-many ids lose the label; Sticker
    # restricts the delete, so its reads never change.
    assert stale(ctx, "Label") == [
        ("Item", "label", "unlinked", True),
        ("Item", "labels", "detached", True),
    ]
    [item] = [e for e in ctx.entities if e.name == "Item"]
    assert item.cache_ttl == 60
    label = next(e for e in ctx.entities if e.name == "Label")
    assert label.stale_entities == ["Item"]


def test_soft_deleted_parents_stale_nothing() -> None:
    ctx = context(CHAIN.replace("      Box:\n", "      Box:\n        soft_delete: true\n"))
    assert stale(ctx, "Box") == []
    assert stale(ctx, "Shelf") == [("Item", "box", "deleted", False)]


def test_consumers_resolve_to_the_publishing_entity() -> None:
    ctx = context(CHAIN + CONSUMERS)
    assert [(c.qualified, c.event_class, c.routing_key) for c in ctx.consumers] == [
        ("shop.item_gone", "ItemDeleted", "shop.item.deleted"),
        ("shop.item_new", "ItemCreated", "shop.item.created"),
    ]
    assert ctx.consumers[0].description == "Забывает удалённую вещь"
    assert ctx.consumers[1].description == "Обрабатывает событие Item.created"
    assert ctx.consumers[0].handler_class == "ShopEventHandler"
    assert ctx.integrations == ["cache", "messaging"]


def test_consumers_add_the_processed_messages_table_in_a_new_revision() -> None:
    before, _ = advance(None, schema_of(context(CHAIN)))
    assert "processed_messages" not in [t.name for t in schema_of(context(CHAIN)).tables]
    after, problems = advance(before, schema_of(context(CHAIN + CONSUMERS)))
    assert problems == []
    newest = revision_contexts(after)[-1]
    assert newest.upgrade == [
        'op.create_table(\n    "processed_messages",\n'
        '    sa.Column("consumer", sa.String(200), nullable=False),\n'
        '    sa.Column("message_id", sa.String(200), nullable=False),\n'
        '    sa.Column("processed_at", sa.DateTime(timezone=True), '
        'server_default=sa.text("now()"), nullable=False),\n'
        '    sa.PrimaryKeyConstraint("consumer", "message_id", '
        'name=op.f("pk_processed_messages")),\n)'
    ]


def test_events_add_the_outbox_table_the_models_declare() -> None:
    quiet = CHAIN.replace("        events: [created, deleted]\n", "")
    assert "outbox_messages" not in [t.name for t in schema_of(context(quiet)).tables]
    before, _ = advance(None, schema_of(context(quiet)))
    after, problems = advance(before, schema_of(context(CHAIN)))
    assert problems == []
    (upgrade,) = revision_contexts(after)[-1].upgrade[:1]
    assert upgrade.startswith('op.create_table(\n    "outbox_messages",\n')
    assert 'sa.UniqueConstraint("event_id", name=op.f("uq_outbox_messages_event_id"))' in upgrade
    assert "OutboxMessage" in context(CHAIN).model_names
    assert "OutboxMessage" not in context(quiet).model_names
