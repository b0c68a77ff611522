"""Output targets of `registry generate`, installed as `registry.generators`.

One folder per templated target (python, markdown, html) holds its Jinja templates and a
small manifest (the jsonschema target builds its JSON as data, without templates); the Python
view-models that compute every value the templates lay out live in the `registry`
package. Templates never run catalog text as code and never hold type-mapping logic.
"""
