"""Бизнес-логика домена «catalog»: каталог товаров."""

from app.services.v1.catalog.service import (
    CatalogEventHandler,
    CategoryService,
    ProductService,
    TagService,
)

__all__ = [
    "CatalogEventHandler",
    "CategoryService",
    "ProductService",
    "TagService",
]
