"""Writes of a meeting's workspace: the meeting, its chair and participants, its documents.

The workspace pages and the admin call these, so the same rules hold wherever a meeting is
created or edited. Only the secretariat writes (`add_meeting` / `change_meeting`).
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.errors import DomainError
from gtr_portal.core.uploads import DOCUMENTS, MB, StoredFiles, validate_upload
from members.models import Actor, User

from ..models import Meeting, MeetingDocument, MeetingPerson

MEETING_DOCUMENT_MAX_BYTES = 20 * MB

# What the meeting form and the admin may set; the slug is given once, at creation.
MEETING_FIELDS = (
    "kind",
    "number",
    "commission",
    "start_date",
    "end_date",
    "mode",
    "city",
    "host",
    "theme_fr",
    "theme_en",
    "status",
    "participant_count",
    "agenda_fr",
    "agenda_en",
    "topics_fr",
    "topics_en",
    "conclusions_fr",
    "conclusions_en",
)

_SLUG_PREFIX = {
    Meeting.Kind.GTR: "gtr",
    Meeting.Kind.EXPERTS: "ce",
    Meeting.Kind.CONFERENCE: "cdg",
    Meeting.Kind.COMMISSION: "ct",
}


def _require(user: User, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def meeting_slug(*, meeting: Meeting) -> str:
    """A short, stable address: gtr-9, ce-2027, ct2-2026; a suffix when it is taken."""
    prefix = _SLUG_PREFIX.get(meeting.kind, "meeting")
    if meeting.kind == Meeting.Kind.COMMISSION and meeting.commission_id:
        prefix = f"ct{meeting.commission.number}"
    if meeting.number and meeting.kind != Meeting.Kind.COMMISSION:
        base = f"{prefix}-{meeting.number}"
    else:
        base = f"{prefix}-{meeting.start_date:%Y}"
    base = slugify(base)
    slug, suffix = base, 2
    while Meeting.objects.filter(slug=slug).exclude(pk=meeting.pk).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _apply(meeting: Meeting, data: dict[str, Any]) -> None:
    for name, value in data.items():
        if name not in MEETING_FIELDS:
            raise ValueError(f"{name} is not a field of the meeting form")
        setattr(meeting, name, value)


def _set_chair(meeting: Meeting, *, name: str, actor: Actor | None) -> None:
    """The chair is the meeting's person with the role "chair": one at most."""
    name = (name or "").strip()
    chair = meeting.persons.filter(role=MeetingPerson.Role.CHAIR).first()
    if not name:
        if chair is not None:
            chair.delete()
        return
    chair = chair or MeetingPerson(meeting=meeting, role=MeetingPerson.Role.CHAIR)
    chair.name, chair.actor = name, actor
    chair.full_clean()
    chair.save()


def _save(
    meeting: Meeting,
    *,
    participants: Iterable[Actor] | None,
    chair_name: str | None,
    chair_actor: Actor | None,
) -> Meeting:
    if not meeting.slug:
        meeting.slug = meeting_slug(meeting=meeting)
    meeting.full_clean()
    meeting.save()
    if participants is not None:
        meeting.participants.set(list(participants))
    if chair_name is not None:
        _set_chair(meeting, name=chair_name, actor=chair_actor)
    return meeting


@transaction.atomic
def meeting_create(
    *,
    user: User,
    data: dict[str, Any],
    participants: Iterable[Actor] | None = None,
    chair_name: str | None = None,
    chair_actor: Actor | None = None,
    meeting: Meeting | None = None,
) -> Meeting:
    """Create a meeting. `meeting` is an unsaved instance already filled in (the admin's form);
    its slug is made from its kind and number when it has none."""
    _require(user, "recommendations.add_meeting")
    meeting = meeting or Meeting()
    _apply(meeting, data)
    return _save(meeting, participants=participants, chair_name=chair_name, chair_actor=chair_actor)


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    user: User,
    data: dict[str, Any],
    participants: Iterable[Actor] | None = None,
    chair_name: str | None = None,
    chair_actor: Actor | None = None,
) -> Meeting:
    """Change a meeting. Participants and chair are left as they are when not given (None)."""
    _require(user, "recommendations.change_meeting", meeting)
    _apply(meeting, data)
    return _save(meeting, participants=participants, chair_name=chair_name, chair_actor=chair_actor)


@transaction.atomic
def meeting_person_add(
    *,
    meeting: Meeting,
    user: User,
    name: str,
    role: str,
    actor: Actor | None = None,
    organisation: str = "",
) -> MeetingPerson:
    _require(user, "recommendations.change_meeting", meeting)
    if role == MeetingPerson.Role.CHAIR and meeting.persons.filter(role=role).exists():
        raise DomainError(
            _("The meeting already has a chair: change it in the meeting's details."),
            field="role",
        )
    person = MeetingPerson(
        meeting=meeting, name=name.strip(), role=role, actor=actor, organisation=organisation
    )
    person.full_clean()
    person.save()
    return person


def meeting_person_remove(*, person: MeetingPerson, user: User) -> None:
    _require(user, "recommendations.change_meeting", person.meeting)
    person.delete()


@transaction.atomic
def meeting_document_add(
    *,
    meeting: Meeting,
    user: User,
    upload,
    kind: str,
    language: str,
    visibility: str = MeetingDocument.Visibility.MEMBERS,
    title_fr: str = "",
    title_en: str = "",
) -> MeetingDocument:
    """Store a document of the meeting after checking its size and its real type."""
    _require(user, "recommendations.change_meeting", meeting)
    try:
        content_type = validate_upload(
            upload, kinds=DOCUMENTS, max_bytes=MEETING_DOCUMENT_MAX_BYTES
        )
    except ValidationError as error:
        raise DomainError(error.messages[0], field="file") from None
    document = MeetingDocument(
        meeting=meeting,
        kind=kind,
        language=language,
        visibility=visibility,
        title_fr=title_fr,
        title_en=title_en,
        original_name=upload.name.rsplit("/", 1)[-1][:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    # The file exists once stored: it is removed again if the row is refused, and a disk that
    # cannot take it becomes a message on the form.
    with StoredFiles() as stored:
        stored.save(document.file, upload.name, upload)
        document.full_clean()
        document.save()
    return document


def meeting_document_change_visibility(
    *, document: MeetingDocument, user: User, visibility: str
) -> MeetingDocument:
    _require(user, "recommendations.change_meeting", document.meeting)
    document.visibility = visibility
    document.full_clean()
    document.save(update_fields=["visibility"])
    return document


def meeting_document_remove(*, document: MeetingDocument, user: User) -> None:
    """Delete the document, and its file once the deletion is committed."""
    _require(user, "recommendations.change_meeting", document.meeting)
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
