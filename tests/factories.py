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
