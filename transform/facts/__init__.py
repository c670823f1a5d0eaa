"""Statistics facts: the figures a statistics publication reports (`extract_facts`)."""
from plangap.transform.facts.extract import extract_facts

__all__ = ["extract_facts"]
