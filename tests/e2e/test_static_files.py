"""WhiteNoise serves the static files compressed, under hashed names, cached for long."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

YEAR = 365 * 24 * 60 * 60


def stylesheet_url(client: Client) -> str:
    html = client.get("/vi/").content.decode()
    match = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', html)
    assert match, "the home page does not link a hashed portal.css"
    return match.group(1)


def max_age(response) -> int:
    match = re.search(r"max-age=(\d+)", response.headers.get("Cache-Control", ""))
    return int(match.group(1)) if match else 0


def test_hashed_files_are_compressed_and_cached_for_a_year(
    production_static, home_page
):
    client = Client()
    url = stylesheet_url(client)
    response = client.get(url, headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] in {"gzip", "br"}
    assert "Accept-Encoding" in response.headers["Vary"]
    assert "immutable" in response.headers["Cache-Control"]
    assert "public" in response.headers["Cache-Control"]
    assert max_age(response) >= YEAR
    body = b"".join(response.streaming_content)
    plain = (production_static / "css" / "portal.css").read_bytes()
    assert len(body) < len(plain) / 2


def test_unhashed_names_are_not_cached_for_long(production_static):
    """Only a hashed name may be cached for a year: a plain name can change."""
    response = Client().get("/static/css/portal.css")
    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]
    assert max_age(response) <= 3600
