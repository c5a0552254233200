"""fastgen: a YAML domain spec in, a layered, tested FastAPI service out."""

__version__ = "0.1.0"
