"""Writes of the recommendations app, one module per responsibility."""

from .followup import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_MAX_FILES,
    REVIEW_NOTICE_JOB,
    recommendation_create,
    recommendation_number,
    update_accept,
    update_resubmit,
    update_return,
    update_submit,
)

__all__ = [
    "EVIDENCE_MAX_BYTES",
    "EVIDENCE_MAX_FILES",
    "REVIEW_NOTICE_JOB",
    "recommendation_create",
    "recommendation_number",
    "update_accept",
    "update_resubmit",
    "update_return",
    "update_submit",
]
