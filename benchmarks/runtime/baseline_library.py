"""Hand-written baseline of the library's book and review reads (issue 14 runtime benchmark).

The simplest correct FastAPI + SQLAlchemy 2 async (asyncpg) code that serves the same JSON as
the project generated from ``library.yaml`` for the benchmarked requests, from the same
tables: declarative models of the columns the responses need, Pydantic response models, one
session per request, each many-to-many list read from its link table alone (no join to the
target table), ids in ascending order. Pool sized like the generated app's default (10 + 10
overflow); uvicorn's defaults otherwise.

Run from the generated project's virtual environment (same library versions):
``python -m uvicorn baseline_library:create_app --factory --app-dir benchmarks/runtime``
with ``BASELINE_DATABASE_URL`` (``postgresql+asyncpg://…``) set.
"""

import base64
import binascii
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict
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
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    pass


class BookAuthor(Base):
    __tablename__ = "books_authors"

    book_id: Mapped[UUID] = mapped_column(ForeignKey("books.id"), primary_key=True)
    author_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class BookGenre(Base):
    __tablename__ = "books_genres"

    book_id: Mapped[UUID] = mapped_column(ForeignKey("books.id"), primary_key=True)
    genre_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class BookLabel(Base):
    __tablename__ = "books_labels"

    book_id: Mapped[UUID] = mapped_column(ForeignKey("books.id"), primary_key=True)
    label_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class Book(Base):
    __tablename__ = "books"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    isbn: Mapped[str] = mapped_column(String(20))
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    pages: Mapped[int]
    language: Mapped[str] = mapped_column(String(64))
    published_on: Mapped[date | None]
    rating: Mapped[float | None] = mapped_column(Double)
    publisher_id: Mapped[int] = mapped_column(BigInteger)
    series_id: Mapped[int | None] = mapped_column(BigInteger)
    editor_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    author_links: Mapped[list[BookAuthor]] = relationship(
        order_by=BookAuthor.author_id, lazy="raise"
    )
    genre_links: Mapped[list[BookGenre]] = relationship(order_by=BookGenre.genre_id, lazy="raise")
    label_links: Mapped[list[BookLabel]] = relationship(order_by=BookLabel.label_id, lazy="raise")

    @property
    def author_ids(self) -> list[int]:
        return [link.author_id for link in self.author_links]

    @property
    def genre_ids(self) -> list[int]:
        return [link.genre_id for link in self.genre_links]

    @property
    def label_ids(self) -> list[int]:
        return [link.label_id for link in self.label_links]


class ReviewLabel(Base):
    __tablename__ = "reviews_labels"

    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), primary_key=True)
    label_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class ReviewGenre(Base):
    __tablename__ = "reviews_genres"

    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), primary_key=True)
    genre_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    score: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
    book_id: Mapped[UUID]
    reviewer_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    label_links: Mapped[list[ReviewLabel]] = relationship(
        order_by=ReviewLabel.label_id, lazy="raise"
    )
    genre_links: Mapped[list[ReviewGenre]] = relationship(
        order_by=ReviewGenre.genre_id, lazy="raise"
    )

    @property
    def label_ids(self) -> list[int]:
        return [link.label_id for link in self.label_links]

    @property
    def genre_ids(self) -> list[int]:
        return [link.genre_id for link in self.genre_links]


class BookRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    title: str
    isbn: str
    price: Decimal
    pages: int
    language: str
    published_on: date | None
    rating: float | None
    publisher_id: int
    series_id: int | None
    editor_id: int | None
    author_ids: list[int]
    genre_ids: list[int]
    label_ids: list[int]
    created_at: datetime
    updated_at: datetime


class BookPage(BaseModel):
    items: list[BookRead]
    next_cursor: str | None
    limit: int


class ReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    score: int
    body: str
    book_id: UUID
    reviewer_id: int
    label_ids: list[int]
    genre_ids: list[int]
    created_at: datetime
    updated_at: datetime


class ReviewPage(BaseModel):
    items: list[ReviewRead]
    total: int
    limit: int
    offset: int


def encode_cursor(sort: str, value: object, key: object) -> str:
    """The generated project's cursor format: base64url of ``[sort, value, id]``, no padding."""
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


SessionDep = Annotated[AsyncSession, Depends(get_session)]

router = APIRouter(prefix="/api/v1")


def books() -> Select[Book]:
    return select(Book).options(
        selectinload(Book.author_links),
        selectinload(Book.genre_links),
        selectinload(Book.label_links),
    )


def reviews() -> Select[Review]:
    return select(Review).options(
        selectinload(Review.label_links), selectinload(Review.genre_links)
    )


@router.get("/books")
async def list_books(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: str | None = None,
) -> BookPage:
    statement = books()
    if cursor is not None:
        created_at, key = decode_cursor(cursor)
        statement = statement.where(tuple_(Book.created_at, Book.id) > (created_at, key))
    statement = statement.order_by(Book.created_at, Book.id).limit(limit + 1)
    rows = list(await session.scalars(statement))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor("created_at", rows[-1].created_at, rows[-1].id)
    items = [BookRead.model_validate(row) for row in rows]
    return BookPage(items=items, next_cursor=next_cursor, limit=limit)


@router.get("/books/{book_id}")
async def get_book(book_id: UUID, session: SessionDep) -> BookRead:
    book = await session.scalar(books().where(Book.id == book_id))
    if book is None:
        raise HTTPException(404, "book not found")
    return BookRead.model_validate(book)


@router.get("/reviews")
async def list_reviews(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ReviewPage:
    total = await session.scalar(select(func.count()).select_from(Review))
    statement = reviews().order_by(Review.id).limit(limit).offset(offset)
    items = [ReviewRead.model_validate(row) for row in await session.scalars(statement)]
    return ReviewPage(items=items, total=total or 0, limit=limit, offset=offset)


@router.get("/reviews/{review_id}")
async def get_review(review_id: int, session: SessionDep) -> ReviewRead:
    review = await session.scalar(reviews().where(Review.id == review_id))
    if review is None:
        raise HTTPException(404, "review not found")
    return ReviewRead.model_validate(review)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    engine = create_async_engine(os.environ["BASELINE_DATABASE_URL"], pool_size=10, max_overflow=10)
    app.state.sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    app.state.engine = engine
    yield
    await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="library baseline", lifespan=lifespan)
    app.include_router(router)
    return app
