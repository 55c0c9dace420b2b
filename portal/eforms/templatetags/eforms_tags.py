"""Template helpers for e-form answers."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def entry(mapping: Any, key: str) -> Any:
    """`mapping[key]`, or None when it has no such key.

    For answers kept as JSON (the tracking page's masked answers):
    `{{ row.items }}` on a dict without an "items" key gives the dict's own
    `items` method, and a loop over it lists every letter of the row."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
