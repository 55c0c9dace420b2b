"""Guides (journeys) whose steps point at procedures that are gone.

A journey step may link to a procedure page; the guide then shows its time,
fee and agency and counts it in the total. When that procedure is unpublished
or deleted the step loses those facts and the total silently drops, so the
dashboard lists such guides and the unpublish screen warns before it happens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from cms_pages.blocks import JourneyBlock


@dataclass
class BrokenGuide:
    """A live page with journey steps whose procedure is not live."""

    page: Page
    steps: list[str] = field(default_factory=list)


def _journey_fields(model) -> list[str]:
    names = []
    for model_field in model._meta.get_fields():
        if isinstance(model_field, StreamField) and model_field.model is model:
            children = model_field.stream_block.child_blocks.values()
            if any(isinstance(child, JourneyBlock) for child in children):
                names.append(model_field.name)
    return names


def journey_steps(page: Page) -> list[tuple[str, int | None]]:
    """(step title, linked procedure id) of every journey on the page, read
    from the stored data so deleted procedures are seen too."""
    steps = []
    for name in _journey_fields(type(page)):
        for block in getattr(page, name).raw_data:
            if block.get("type") != "journey":
                continue
            for item in (block.get("value") or {}).get("steps") or []:
                value = item.get("value", item) if isinstance(item, dict) else {}
                steps.append((value.get("title") or "", value.get("procedure")))
    return steps


def broken_guides(pages=None) -> list[BrokenGuide]:
    """Live pages whose journeys link to procedures that are unpublished or
    deleted (`pages`: limit the check to these)."""
    if pages is None:
        pages = [
            page
            for model in get_page_models()
            if _journey_fields(model)
            for page in model.objects.live()
        ]
    found: dict[int, tuple[Page, list[tuple[str, int]]]] = {}
    for page in pages:
        linked = [(title, pk) for title, pk in journey_steps(page) if pk]
        if linked:
            found[page.pk] = (page, linked)
    ids = {pk for _page, steps in found.values() for _title, pk in steps}
    live = set(Page.objects.live().filter(pk__in=ids).values_list("pk", flat=True))
    result = []
    for page, steps in found.values():
        missing = [title for title, pk in steps if pk not in live]
        if missing:
            result.append(BrokenGuide(page, missing))
    return result


def guides_linking_to(procedure: Page) -> list[BrokenGuide]:
    """Live pages whose journeys have a step linking to `procedure`, with the
    titles of those steps: what unpublishing it would break."""
    result = []
    for model in get_page_models():
        if not _journey_fields(model):
            continue
        for page in model.objects.live():
            titles = [t for t, pk in journey_steps(page) if pk == procedure.pk]
            if titles:
                result.append(BrokenGuide(page, titles))
    return result
