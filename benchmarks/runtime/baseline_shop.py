"""Hand-written baseline of the shop's public catalog reads (issue 14 runtime benchmark).

The simplest correct FastAPI + SQLAlchemy 2 async (asyncpg) code that serves the same JSON as
the generated shop for the benchmarked requests, from the same tables: declarative models of
the columns the responses need, Pydantic response models, one session per request, the
many-to-many ids read from the link table alone (no join to ``tags``), a Redis read-through
cache of the product's JSON (same TTL as the spec: 10 minutes). Pools sized like the generated
app's defaults (PostgreSQL 10 + 10 overflow, Redis 50); uvicorn's defaults otherwise.

Run from the generated project's virtual environment (same library versions):
``python -m uvicorn baseline_shop:create_app --factory --app-dir benchmarks/runtime``.

Environment: ``BASELINE_DATABASE_URL`` (``postgresql+asyncpg://…``), ``BASELINE_REDIS_URL``,
``BASELINE_CACHE_PREFIX``; ``BASELINE_CACHE_MISS=1`` is the benchmark's knob for the uncached
product read: the cached value is still fetched, then ignored, so every request pays a miss
(GET, database, SET).
"""

import base64
import binascii
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict
from redis.asyncio import Redis
from sqlalchemy import (
    BigInteger,
    DateTime,
    Double,
    ForeignKey,
    Numeric,
    Select,
    String,
    Text,
    func,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload

PRODUCT_TTL = 600
"""Seconds a cached product lives (the spec's ``cache: {ttl: 10m}``)."""


class Base(DeclarativeBase):
    pass


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    slug: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProductTag(Base):
    __tablename__ = "products_tags"

    product_id: Mapped[UUID] = mapped_column(ForeignKey("products.id"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class Product(Base):
    __tablename__ = "products"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(64))
    stock: Mapped[int]
    weight_kg: Mapped[float | None] = mapped_column(Double)
    is_active: Mapped[bool]
    homepage: Mapped[str | None] = mapped_column(String(2083))
    released_on: Mapped[date | None]
    attributes: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    barcode_id: Mapped[UUID | None]
    keywords: Mapped[list[str] | None] = mapped_column(ARRAY(Text))
    image: Mapped[str | None] = mapped_column(String(1024))
    category_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    tag_links: Mapped[list[ProductTag]] = relationship(order_by=ProductTag.tag_id, lazy="raise")

    @property
    def tag_ids(self) -> list[int]:
        return [link.tag_id for link in self.tag_links]


class CategoryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    slug: str
    description: str | None
    created_at: datetime
    updated_at: datetime


class CategoryPage(BaseModel):
    items: list[CategoryRead]
    total: int
    limit: int
    offset: int


class ProductRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    sku: str
    title: str
    price: Decimal
    currency: str
    stock: int
    weight_kg: float | None
    is_active: bool
    homepage: str | None
    released_on: date | None
    attributes: dict[str, Any] | None
    barcode_id: UUID | None
    keywords: list[str] | None
    image: str | None
    category_id: int | None
    tag_ids: list[int]
    created_at: datetime
    updated_at: datetime


class ProductPage(BaseModel):
    items: list[ProductRead]
    next_cursor: str | None
    limit: int


def encode_cursor(sort: str, value: object, key: object) -> str:
    """The shop's cursor format: base64url of ``[sort, value, id]``, without padding."""
    raw = json.dumps([sort, str(value), str(key)], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, UUID]:
    try:
        sort, value, key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if sort != "created_at":
            raise ValueError(sort)
        return datetime.fromisoformat(value), UUID(key)
    except (ValueError, TypeError, binascii.Error) as error:
        raise HTTPException(400, "bad cursor") from error


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session:
        yield session


async def get_redis(request: Request) -> Redis:
    redis: Redis = request.app.state.redis
    return redis


SessionDep = Annotated[AsyncSession, Depends(get_session)]
RedisDep = Annotated[Redis, Depends(get_redis)]

router = APIRouter(prefix="/api/v1")


@router.get("/categories")
async def list_categories(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
    sort: Literal["id", "-id", "name", "-name"] = "id",
) -> CategoryPage:
    column = Category.name if sort.endswith("name") else Category.id
    order = (column.desc(), Category.id.desc()) if sort.startswith("-") else (column, Category.id)
    total = await session.scalar(select(func.count()).select_from(Category))
    rows = await session.scalars(select(Category).order_by(*order).limit(limit).offset(offset))
    items = [CategoryRead.model_validate(row) for row in rows]
    return CategoryPage(items=items, total=total or 0, limit=limit, offset=offset)


@router.get("/categories/{category_id}")
async def get_category(category_id: int, session: SessionDep) -> CategoryRead:
    category = await session.get(Category, category_id)
    if category is None:
        raise HTTPException(404, "category not found")
    return CategoryRead.model_validate(category)


def products() -> Select[Product]:
    return (
        select(Product).options(selectinload(Product.tag_links)).where(Product.deleted_at.is_(None))
    )


@router.get("/products")
async def list_products(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: str | None = None,
) -> ProductPage:
    statement = products()
    if cursor is not None:
        created_at, key = decode_cursor(cursor)
        statement = statement.where(tuple_(Product.created_at, Product.id) > (created_at, key))
    statement = statement.order_by(Product.created_at, Product.id).limit(limit + 1)
    rows = list(await session.scalars(statement))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor("created_at", rows[-1].created_at, rows[-1].id)
    items = [ProductRead.model_validate(row) for row in rows]
    return ProductPage(items=items, next_cursor=next_cursor, limit=limit)


@router.get("/products/{product_id}", response_model=ProductRead)
async def get_product(
    product_id: UUID, session: SessionDep, redis: RedisDep, request: Request
) -> Response:
    key = f"{request.app.state.cache_prefix}:product:{product_id}"
    cached = await redis.get(key)
    if cached is not None and not request.app.state.cache_miss:
        return Response(cached, media_type="application/json")
    product = await session.scalar(products().where(Product.id == product_id))
    if product is None:
        raise HTTPException(404, "product not found")
    body = ProductRead.model_validate(product).model_dump_json().encode()
    await redis.set(key, body, ex=PRODUCT_TTL)
    return Response(body, media_type="application/json")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    engine = create_async_engine(os.environ["BASELINE_DATABASE_URL"], pool_size=10, max_overflow=10)
    app.state.sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    app.state.engine = engine
    app.state.redis = Redis.from_url(os.environ["BASELINE_REDIS_URL"], max_connections=50)
    app.state.cache_prefix = os.environ.get("BASELINE_CACHE_PREFIX", "baseline-shop")
    app.state.cache_miss = os.environ.get("BASELINE_CACHE_MISS") == "1"
    yield
    await app.state.redis.aclose()
    await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="shop baseline", lifespan=lifespan)
    app.include_router(router)
    return app
