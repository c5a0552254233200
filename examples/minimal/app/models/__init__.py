"""ORM-модели SQLAlchemy."""
