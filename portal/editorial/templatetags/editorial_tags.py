"""Template tags for the editors' admin screens."""

from django import template
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, ReferenceIndex

from ..guides import journey_steps

register = template.Library()


@register.simple_tag(takes_context=True)
def unpublish_consequences(context, page: Page) -> list[dict]:
    """What unpublishing `page` changes on the pages and snippets that refer to it."""
    finder = AdminURLFinder(context["request"].user)
    result = []
    for source, _references in ReferenceIndex.get_grouped_references_to(page):
        steps = []
        if isinstance(source, Page):
            source = source.specific
            steps = [title for title, pk in journey_steps(source) if pk == page.pk]
        if steps:
            what = _(
                "Step “%(steps)s” will show no time, fee or agency, and the guide's "
                "total time will leave it out."
            ) % {"steps": "”, “".join(steps)}
        else:
            what = _("Its link to this page will lead nowhere.")
        title = (
            source.get_admin_display_title()
            if isinstance(source, Page)
            else str(source)
        )
        result.append(
            {"title": title, "url": finder.get_edit_url(source), "what": what}
        )
    return result
