"""Forms of the recommendations app, one module per responsibility."""

from .followup import (
    REPORTABLE_STATUSES,
    MultipleFileField,
    MultipleFileInput,
    ProgressUpdateForm,
    ReviewForm,
)

__all__ = [
    "MultipleFileField",
    "MultipleFileInput",
    "ProgressUpdateForm",
    "REPORTABLE_STATUSES",
    "ReviewForm",
]
