"""Byte budget per page type: what a first visit downloads, as production serves it.

Sizes, not timings: each key page's HTML plus every static asset it pulls in
(stylesheets, scripts, images, and what the stylesheets import), fetched
through WhiteNoise with `Accept-Encoding: gzip, br` so compressed files count
at their compressed size. Budgets from the issue: 250 kB in total and 50 kB
of JavaScript per page (kB = 1000 bytes, as Lighthouse counts).
benchmarks/lighthouse.py measures the same pages in a real browser.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.test import Client

from . import key_pages

TOTAL_BUDGET = 250_000
JS_BUDGET = 50_000


class AssetParser(HTMLParser):
    """Collect the URLs of what a browser downloads to render the page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").lower().split()
        if tag == "script" and values.get("src"):
            self.urls.append(("script", values["src"]))
        elif (
            tag == "link"
            and values.get("href")
            and {"stylesheet", "preload", "icon"} & set(rel)
        ):
            kind = "script" if values.get("as") == "script" else "other"
            self.urls.append((kind, values["href"]))
        elif tag == "img" and values.get("src") and values.get("loading") != "lazy":
            self.urls.append(("other", values["src"]))


@dataclass
class PageWeight:
    """Bytes one page costs on a first visit."""

    url: str
    html: int
    assets: dict[str, int] = field(default_factory=dict)
    scripts: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())

    @property
    def javascript(self) -> int:
        return sum(size for url, size in self.assets.items() if url in self.scripts)

    def __str__(self) -> str:
        return (
            f"{self.url}: total {self.total / 1000:.1f} kB (HTML {self.html / 1000:.1f} kB), "
            f"JS {self.javascript / 1000:.1f} kB"
        )


def transferred(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def weigh(client: Client, url: str) -> PageWeight:
    """Fetch `url` and every same-site asset it needs, compressed where served so."""
    encoding = {"accept-encoding": "gzip, br"}
    response = client.get(url, headers=encoding)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    weight = PageWeight(url=url, html=len(transferred(response)))
    parser = AssetParser()
    parser.feed(response.content.decode())
    queue = [(kind, urljoin(url, href)) for kind, href in parser.urls]
    while queue:
        kind, asset = queue.pop()
        path = urlsplit(asset).path
        if urlsplit(asset).netloc or path in weight.assets:
            continue  # nothing is loaded from other sites; count each file once
        asset_response = client.get(path, headers=encoding)
        assert asset_response.status_code == 200, (
            f"{url} needs {path}: {asset_response}"
        )
        body = transferred(asset_response)
        weight.assets[path] = len(body)
        if kind == "script" or path.endswith((".js", ".mjs")):
            weight.scripts.add(path)
        if path.endswith(".css"):
            # Plain text of the stylesheet, to follow its url() and @import.
            plain = _plain(client, path)
            for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", plain):
                if not ref.startswith("data:"):
                    queue.append(("other", urljoin(path, ref)))
    return weight


def _plain(client: Client, path: str) -> str:
    return transferred(client.get(path)).decode("utf-8", "replace")


def wizard_step_url(client: Client) -> str:
    """Press "Start now" on an online procedure: the first question page."""
    response = client.post(key_pages.wizard_start_url("vi"), follow=True)
    assert response.status_code == 200, response
    return response.redirect_chain[-1][0]


PAGE_TYPES = {
    "home": lambda client: key_pages.home_url("vi"),
    "catalogue": lambda client: key_pages.catalogue_url("vi"),
    "procedure": lambda client: key_pages.procedure_url("vi"),
    "search": lambda client: key_pages.search_url("vi", "giấy phép"),
    "form step": wizard_step_url,
}


def test_each_page_type_fits_the_byte_budget(demo_site, production_static):
    """Measured on the shared demo content (see conftest), in-process."""
    client = Client()
    weights = [weigh(client, url_for(client)) for url_for in PAGE_TYPES.values()]
    report = "\n".join(f"{name}: {weight}" for name, weight in zip(PAGE_TYPES, weights))
    print(report)
    assert all(w.assets for w in weights), f"no static asset found:\n{report}"
    over = [w for w in weights if w.total > TOTAL_BUDGET or w.javascript > JS_BUDGET]
    assert not over, f"over budget (total {TOTAL_BUDGET}, JS {JS_BUDGET}):\n{report}"


def test_the_weighing_counts_compressed_assets_and_scripts():
    """The parser finds scripts, stylesheets and eager images, not lazy ones."""
    parser = AssetParser()
    parser.feed(
        '<link rel="stylesheet" href="/static/a.css"><script src="/static/b.js"></script>'
        '<img src="/media/c.png"><img src="/media/d.png" loading="lazy">'
        '<link rel="preload" as="script" href="/static/e.js">'
    )
    assert parser.urls == [
        ("other", "/static/a.css"),
        ("script", "/static/b.js"),
        ("other", "/media/c.png"),
        ("script", "/static/e.js"),
    ]
    weight = PageWeight(url="/", html=1000, assets={"/a.css": 2000, "/b.js": 3000})
    weight.scripts.add("/b.js")
    assert (weight.total, weight.javascript) == (6000, 3000)
