"""Plan targets: numeric targets and commitments of a plan (`extract_targets`)."""
from plangap.transform.targets.extract import extract_targets

__all__ = ["extract_targets"]
