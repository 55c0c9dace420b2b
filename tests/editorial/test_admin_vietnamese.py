"""The Vietnamese admin is Vietnamese: every admin page an editor opens is
rendered and checked for English left over (see admin_i18n.py)."""

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from tests.editorial.admin_i18n import english_left
from tests.editorial.pages import one_of_each

pytestmark = pytest.mark.django_db

# Admin URLs that do something on GET or answer something else than a page.
SKIP = ("logout", "jsi18n", "autocomplete", "icons", "password_reset", "failwhale")


def _walk(resolver, prefix="", namespaces=()):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            names = (
                (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            )
            yield from _walk(pattern, prefix + str(pattern.pattern), names)
        elif pattern.name and "<" not in prefix + str(pattern.pattern):
            yield ":".join((*namespaces, pattern.name))


def admin_urls_without_arguments() -> list[str]:
    urls = []
    for name in _walk(get_resolver()):
        try:
            url = reverse(name)
        except Exception:  # noqa: BLE001, S112 - a name needing arguments
            continue
        if url.startswith("/admin/") and not any(skip in url for skip in SKIP):
            urls.append(url)
    return sorted(set(urls))


def test_explore(admin_client, site_tree, home_en):
    one_of_each(site_tree)
    report = {}
    for url in admin_urls_without_arguments():
        response = admin_client.get(url)
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        with translation.override("vi"):
            left = english_left(response.content.decode())
        if left:
            report[url] = sorted(left)
    import json

    open("/tmp/explore.json", "w").write(
        json.dumps(report, ensure_ascii=False, indent=1)
    )
