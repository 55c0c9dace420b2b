"""New back-office accounts speak the site's language."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.users.models import UserProfile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def set_admin_language(sender, instance, created: bool, raw: bool = False, **kwargs):
    """Give a new user Vietnamese (the site's language) as admin language.

    Without a choice Wagtail renders notification emails in the language of
    whoever triggered them; a stored preference makes a reviewer's email
    Vietnamese even when the editor who submitted uses the English admin.
    The user can change it in Account → Preferences.
    """
    if not created or raw:
        return
    UserProfile.objects.update_or_create(
        user=instance, defaults={"preferred_language": settings.LANGUAGE_CODE}
    )
