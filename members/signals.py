from allauth.account.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import translation

from .models import Actor, Body, MemberAdministration


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs):
    """The language the user signs in with becomes the language of their e-mails."""
    language = (translation.get_language() or "fr")[:2]
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@receiver(post_save, sender=MemberAdministration)
@receiver(post_save, sender=Body)
def ensure_actor(sender, instance, created, raw=False, **kwargs):
    """Every member and every body can be named as an actor."""
    if created and not raw:
        field = "member" if sender is MemberAdministration else "body"
        Actor.objects.get_or_create(**{field: instance})
