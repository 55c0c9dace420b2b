"""One page of every type, made with the factories of tests/factories."""

import importlib
import inspect
import pkgutil
from functools import cache

import wagtail_factories
from wagtail.models import Page, get_page_models

import tests.factories


def portal_page_models() -> list[type[Page]]:
    """Every page type of the project (Wagtail's own base Page excluded)."""
    return [model for model in get_page_models() if model is not Page]


@cache
def page_factories() -> dict[type[Page], type]:
    """The page factory of each page type, found in the modules of tests/factories."""
    found = {}
    for info in pkgutil.iter_modules(tests.factories.__path__):
        module = importlib.import_module(f"tests.factories.{info.name}")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, wagtail_factories.PageFactory):
                model = value._meta.model
                if model is not None and not value._meta.abstract:
                    found[model] = value
    return found


def parent_for(model, made: dict) -> Page:
    """A page `model` may be created under, made (with its own parents) if needed."""
    for parent_model in model.allowed_parent_page_models():
        if parent_model is Page:
            return Page.get_first_root_node()
        if parent_model in made:
            return made[parent_model]
    parent_model = next(
        m for m in model.allowed_parent_page_models() if m in page_factories()
    )
    made[parent_model] = page_factories()[parent_model](
        parent=parent_for(parent_model, made)
    )
    return made[parent_model]


def one_of_each(site_tree, **fields) -> dict[type[Page], Page]:
    """A page of every type under the (home, catalogue) tree, parents made as needed."""
    home, catalogue = site_tree
    made = {type(home): home, type(catalogue): catalogue}
    for model in portal_page_models():
        if model not in made:
            made[model] = page_factories()[model](
                parent=parent_for(model, made), **fields
            )
    return made
