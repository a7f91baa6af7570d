import datetime

import factory
from allauth.account.models import EmailAddress

from members.models import FocalPoint, MemberAdministration, Role, User

PASSWORD = "a-Strong-passw0rd-for-tests"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.EXPERT
    language = "fr"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class FocalPointFactory(factory.django.DjangoModelFactory):
    """A focal point of an existing member administration (loaded by the data migration)."""

    class Meta:
        model = FocalPoint

    class Params:
        iso2 = "SN"

    user = factory.SubFactory(UserFactory, role=Role.FOCAL_POINT)
    administration = factory.LazyAttribute(lambda o: MemberAdministration.objects.get(iso2=o.iso2))
    function = FocalPoint.Function.ICT_FOCAL_POINT
    job_title = "Chef du service informatique"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "recommendations.Meeting"

    kind = "gtr"
    number = factory.Sequence(lambda n: 100 + n)
    slug = factory.LazyAttribute(lambda o: f"gtr-{o.number}")
    start_date = datetime.date(2024, 5, 14)
    end_date = datetime.date(2024, 5, 16)
    city = "Dakar"
    theme_fr = "Thème de test"
    theme_en = "Test theme"
    status = "held"


def actor(code: str):
    from members.models import Actor

    if len(code) == 2:
        return Actor.objects.get(member__iso2=code)
    return Actor.objects.get(body__code=code)


def make_recommendation(meeting=None, *, lead=("SN",), others=(), deadline=None, **fields):
    """A recommendation numbered like the real ones (through the service)."""
    from recommendations.services import recommendation_create

    meeting = meeting or MeetingFactory()
    recommendation = recommendation_create(
        meeting=meeting,
        title_fr=fields.pop("title_fr", "Interconnecter les systèmes"),
        title_en=fields.pop("title_en", "Interconnect the systems"),
        text_fr=fields.pop("text_fr", "Le groupe recommande d'interconnecter les systèmes."),
        text_en=fields.pop("text_en", "The group recommends interconnecting the systems."),
        deadline=deadline or datetime.date(2026, 12, 31),
        lead_actors=[actor(c) for c in lead],
        other_actors=[actor(c) for c in others],
        **{k: v for k, v in fields.items() if k in ("commission", "priority")},
    )
    extra = {k: v for k, v in fields.items() if k not in ("commission", "priority")}
    if extra:
        type(recommendation).objects.filter(pk=recommendation.pk).update(**extra)
        recommendation.refresh_from_db()
    if extra.get("status") in ("in_progress", "partially_implemented", "implemented"):
        # As if the lead actors had reported it: the status follows the actors.
        recommendation.actor_links.filter(role="lead").update(
            status=recommendation.status,
            progress=recommendation.progress,
            implemented_on=recommendation.implemented_on,
        )
    return recommendation
