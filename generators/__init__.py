"""Output targets of `registry generate`, installed as `registry.generators`.

One folder per target holds its Jinja templates and a small manifest; the Python
view-models that compute every value the templates lay out live in the `registry`
package. Templates never run catalog text as code and never hold type-mapping logic.
"""
