"""Which kinds of notice exist, and how each is written. Apps register their kinds when they load
(in their AppConfig.ready()), so the web process and the worker know them alike.

A kind is a dotted name owned by the app that registers it ("best_practices.practice_returned");
its templates are `<templates>_subject.txt` and `<templates>_body.txt` for the e-mail and
`<templates>_line.html` for the in-portal list, each rendered with `params`, `recipient` and
`url` (absolute) in the reader's language.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NotificationKind:
    name: str
    templates: str
    # A notice that can wait (a new submission to review) follows the recipient's choice between
    # one e-mail at once and a daily digest; the others are always e-mailed at once.
    can_wait: bool = False
    # False for notices shown in the portal only.
    email: bool = True

    def template(self, part: str) -> str:
        return f"{self.templates}_{part}"


_kinds: dict[str, NotificationKind] = {}


def notification_kind_register(
    name: str, *, templates: str, can_wait: bool = False, email: bool = True
) -> NotificationKind:
    kind = NotificationKind(name=name, templates=templates, can_wait=can_wait, email=email)
    _kinds[name] = kind
    return kind


def get_kind(name: str) -> NotificationKind:
    try:
        return _kinds[name]
    except KeyError:
        raise LookupError(f"No notification kind registered as {name!r}") from None


def is_registered(name: str) -> bool:
    return name in _kinds
