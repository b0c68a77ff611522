"""registry: an event-taxonomy schema registry and linter for application audit trails."""

__version__ = "0.1.0"
