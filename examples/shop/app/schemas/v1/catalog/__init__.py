"""Схемы домена «catalog»: каталог товаров."""

from app.schemas.v1.catalog.events import (
    ProductCreated,
    ProductDeleted,
    ProductUpdated,
)
from app.schemas.v1.catalog.request import (
    CategoryCreate,
    CategoryListParams,
    CategoryUpdate,
    ProductCreate,
    ProductListParams,
    ProductUpdate,
    TagCreate,
    TagListParams,
)
from app.schemas.v1.catalog.response import (
    CategoryPage,
    CategoryRead,
    ProductPage,
    ProductRead,
    TagPage,
    TagRead,
)

__all__ = [
    "CategoryCreate",
    "CategoryListParams",
    "CategoryPage",
    "CategoryRead",
    "CategoryUpdate",
    "ProductCreate",
    "ProductCreated",
    "ProductDeleted",
    "ProductListParams",
    "ProductPage",
    "ProductRead",
    "ProductUpdate",
    "ProductUpdated",
    "TagCreate",
    "TagListParams",
    "TagPage",
    "TagRead",
]
