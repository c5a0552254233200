"""The project on disk: writing it, its baseline, three-way merge, growing it, verifying it."""
