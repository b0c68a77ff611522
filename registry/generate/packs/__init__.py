"""Template packs: a user's own Jinja templates rendered from the catalog
(`registry generate --templates DIR`; docs/templates.md).

The pipeline, module by module: `manifest` reads and checks the pack's `pack.yaml` (located
errors); `paths` checks and fills the output path patterns (never outside `--out`); `model`
builds the versioned view the templates see from the docs targets' view of the resolved
catalog; `filters` holds the escaping filters; `render` renders every template in Jinja's
sandbox and turns template errors into located `PackError`s.
"""
