"""The notices of the best-practice review: returned or published (to the practice's author),
submitted (to the secretariat, at once or in their daily digest)."""

from gtr_portal.notifications.registry import notification_kind_register
from gtr_portal.notifications.services import each_language, notify
from members.models import Role, User

from .models import BestPractice

PRACTICE_SUBMITTED = "best_practices.practice_submitted"
PRACTICE_RETURNED = "best_practices.practice_returned"
PRACTICE_PUBLISHED = "best_practices.practice_published"

notification_kind_register(
    PRACTICE_SUBMITTED, templates="best_practices/notifications/practice_submitted", can_wait=True
)
notification_kind_register(
    PRACTICE_RETURNED, templates="best_practices/notifications/practice_returned"
)
notification_kind_register(
    PRACTICE_PUBLISHED, templates="best_practices/notifications/practice_published"
)


def _params(practice: BestPractice) -> dict:
    return {
        "title": each_language(lambda: practice.title),
        "administration": each_language(lambda: practice.administration.name),
    }


def practice_submitted_notify(*, practice: BestPractice) -> None:
    notify(
        recipients=User.objects.filter(role=Role.SECRETARIAT, is_active=True),
        kind=PRACTICE_SUBMITTED,
        params=_params(practice),
        url=practice.get_absolute_url(),
    )


def practice_reviewed_notify(*, practice: BestPractice) -> None:
    """To its author, once returned (with the comment) or published."""
    if practice.state == BestPractice.State.RETURNED:
        kind, params = PRACTICE_RETURNED, _params(practice) | {"comment": practice.review_comment}
    else:
        kind, params = PRACTICE_PUBLISHED, _params(practice)
    notify(
        recipients=[practice.created_by], kind=kind, params=params, url=practice.get_absolute_url()
    )
