"""Бизнес-логика домена «catalog»: каталог товаров."""

from app.services.v1.catalog.service import (
    CategoryService,
    ProductService,
    TagService,
)

__all__ = [
    "CategoryService",
    "ProductService",
    "TagService",
]
