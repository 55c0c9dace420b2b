"""The labels the project defines for the admin, as they read in English."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation
from wagtail import blocks
from wagtail.admin.panels import InlinePanel, get_edit_handler
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from tests.editorial.admin_i18n import translated_messages


def project_models() -> list[type[models.Model]]:
    """Models of the project's own apps (not of installed packages)."""
    root = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if root in path.parents and "site-packages" not in path.parts:
            found.extend(config.get_models())
    return found


def admin_models() -> list[type[models.Model]]:
    """Project models an editor or official meets in the admin: pages,
    snippets, settings and every registered listing (and their child rows)."""
    from django.urls import get_resolver
    from modelcluster.fields import ParentalKey
    from wagtail.admin.viewsets import viewsets
    from wagtail.contrib.settings.registry import registry as settings_registry

    get_resolver().url_patterns  # noqa: B018 - the admin registers its viewsets

    shown = {m for m in get_page_models()} | set(get_snippet_models())
    shown |= set(settings_registry)
    shown |= {vs.model for vs in viewsets.viewsets if getattr(vs, "model", None)}
    own = set(project_models())
    found = [m for m in project_models() if m in shown]
    # Orderable child rows edited inside their page (fees, documents, steps…).
    for model in list(found):
        for relation in model._meta.related_objects:
            if relation.related_model in own and relation.related_model not in found:
                if isinstance(relation.field, ParentalKey):
                    found.append(relation.related_model)
    return found


def _block_labels(block: blocks.Block, found: list) -> None:
    found += [block.label, getattr(block.meta, "help_text", None)]
    found.append(getattr(block.meta, "description", None))
    children = getattr(block, "child_blocks", None) or {}
    for child in children.values():
        _block_labels(child, found)
    if isinstance(block, blocks.ListBlock):
        _block_labels(block.child_block, found)


def _field_labels(model, found: list) -> None:
    found += [model._meta.verbose_name, model._meta.verbose_name_plural]
    # Fields Wagtail's base classes add (Page, Orderable, TranslatableMixin).
    upstream = {field.name for field in Page._meta.get_fields()} | {"sort_order"}
    for field in model._meta.get_fields():
        if not hasattr(field, "verbose_name") or field.auto_created:
            continue
        automatic = field.verbose_name == field.name.replace("_", " ")
        if not (automatic and (field.name in upstream or field.name.endswith("_ptr"))):
            found.append(field.verbose_name)
        found.append(getattr(field, "help_text", None))
        found += [label for _value, label in getattr(field, "flatchoices", ()) or ()]
        if isinstance(field, StreamField):
            _block_labels(field.stream_block, found)


def _panel_labels(panel, found: list) -> None:
    found += [getattr(panel, "heading", None), getattr(panel, "help_text", None)]
    if isinstance(panel, InlinePanel):
        found.append(panel.label)
    for child in getattr(panel, "children", ()):
        _panel_labels(child, found)


def project_labels() -> frozenset[str]:
    """Project labels with no Vietnamese translation, in English."""
    found: list = []
    for model in admin_models():
        _field_labels(model, found)
    edited = [m for m in admin_models() if issubclass(m, Page)]
    edited += [m for m in get_snippet_models() if m in admin_models()]
    for model in edited:
        _panel_labels(get_edit_handler(model), found)
    with translation.override("en"):
        english = {" ".join(str(label).split()) for label in found if label}
    known = translated_messages()
    return frozenset(
        text for text in english if text not in known and any(c.isalpha() for c in text)
    )
