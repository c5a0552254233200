"""The domain model: a validated spec normalised into immutable records, built once.

Every default is resolved and every name derived here (:func:`fastgen.model.build.build_context`);
the database schema (:mod:`fastgen.db`) and the render variables (:mod:`fastgen.view`) are
derived from these records and never from the spec itself.
"""
