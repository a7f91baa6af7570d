"""Forms of the recommendations app, one module per responsibility."""

from .decisions import (
    DecisionRowForm,
    actor_choices,
    decision_formset,
)
from .followup import (
    REPORTABLE_STATUSES,
    MultipleFileField,
    MultipleFileInput,
    OnBehalfUpdateForm,
    ProgressUpdateForm,
    ReviewForm,
)
from .meetings import (
    MeetingDocumentForm,
    MeetingForm,
    MeetingParticipantsForm,
    MeetingPersonForm,
)
from .proposals import (
    ProposalDecisionForm,
    ProposalFollowUpForm,
    ProposalForm,
    ProposalSendForm,
)

__all__ = [
    "DecisionRowForm",
    "actor_choices",
    "decision_formset",
    "OnBehalfUpdateForm",
    "MeetingDocumentForm",
    "MeetingForm",
    "MeetingParticipantsForm",
    "MeetingPersonForm",
    "MultipleFileField",
    "MultipleFileInput",
    "ProgressUpdateForm",
    "REPORTABLE_STATUSES",
    "ReviewForm",
    "ProposalDecisionForm",
    "ProposalFollowUpForm",
    "ProposalForm",
    "ProposalSendForm",
]
