"""Admin forms for pages: slugs from titles, and the rules an editor must meet
on a procedure, in their language."""

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.models import Page

from cms_pages.keywords import normalise
from portal.text import ascii_slug


def unique_child_slug(parent: Page, title: str, page: Page | None = None) -> str:
    """An ASCII slug for `title`, not used by another child of `parent`
    ("gop-y", then "gop-y-2", …)."""
    base = ascii_slug(title) or "trang"
    siblings = parent.get_children().filter(slug__startswith=base)
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class PortalPageForm(WagtailAdminPageForm):
    """The admin form of every portal page.

    The browser fills the slug from the title as the editor types; when it did
    not (no JavaScript, or the field was emptied), the slug is made here from
    the title, so publishing never fails on an empty slug hidden on the
    Promote tab.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and "slug" in self.fields and self.parent_page is not None:
            self._fill_slug()

    def _fill_slug(self) -> None:
        slug_key, title_key = self.add_prefix("slug"), self.add_prefix("title")
        slug = (self.data.get(slug_key) or "").strip()
        title = (self.data.get(title_key) or "").strip()
        if slug.isascii() and (slug or not title):
            return
        self.data = self.data.copy()
        if slug:
            # Typed by hand with Vietnamese letters: fold rather than refuse.
            self.data[slug_key] = ascii_slug(slug, 255)
        else:
            self.data[slug_key] = unique_child_slug(
                self.parent_page, title, self.instance
            )


class PortalFormPageForm(PortalPageForm, WagtailAdminFormPageForm):
    """The form builder's page form (duplicate field labels are refused) with
    the portal's slug handling."""


def _live_forms(formset) -> list[forms.Form]:
    """Forms of an inline formset that are filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.has_changed() or form.instance.pk
        if not (formset.can_delete and formset._should_delete_form(form))
    ]


class ProcedurePageForm(PortalPageForm):
    """Checks that a procedure has at least one step and one document; keeps
    its keywords in their stored form (cms_pages/keywords.py)."""

    def clean_keywords(self) -> str:
        return normalise(self.cleaned_data.get("keywords", ""))

    def clean(self):
        cleaned_data = super().clean()
        for relation, message in (
            ("steps", _("Add at least one step.")),
            ("documents", _("Add at least one document to the dossier.")),
        ):
            formset = self.formsets.get(relation)
            if formset is None:
                continue
            # Validate the rows first (the result does not matter here: an
            # empty list also fails the panel's min_num, with a generic text).
            formset.is_valid()
            if not _live_forms(formset):
                self.add_error(None, message)
        return cleaned_data
