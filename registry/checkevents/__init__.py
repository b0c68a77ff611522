"""`registry check-events`: emitted event streams checked against the catalog.

The pipeline, one module per step: `reader` (lines, bounded), `quick` (one compiled yes/no
test per event), `envelope` and `fieldchecks` (the detailed checks, with messages), `scan`
(personal data and secrets in values, recognisers in `registry.privacy.leaks`), `checker`
(the per-event assembly), `coverage` (counts), `run` (`StreamCheck`, the driver), `report`
(text and JSON), `codes` (the E codes).
"""
