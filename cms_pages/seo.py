"""What search engines read: language alternates and schema.org data."""

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from wagtail.models import Page

from portal.page_queries import live_versions, public_page_url

# Escape what could end a <script> element early (as Django's json_script does).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass
class Alternate:
    """One language version of a page, for <link rel="alternate" hreflang>."""

    language: str
    url: str


def page_alternates(page: Page, request: HttpRequest | None = None) -> list[Alternate]:
    """Every live, public language version of `page` (itself included), by
    language, on PUBLIC_BASE_URL. Shares its query with the language switcher."""
    alternates = []
    for language, version in live_versions(page, request).items():
        url = public_page_url(version, request)
        if url:
            alternates.append(Alternate(language, url))
    return alternates


def iso_duration_days(days: Decimal | float | int | None) -> str | None:
    """A processing time in days as an ISO 8601 duration: 3 → P3D, 0.5 → P0.5D."""
    if days is None:
        return None
    value = Decimal(days).normalize()
    text = format(value, "f")
    return f"P{text}D"


def government_service(page: Any, request: HttpRequest | None = None) -> dict:
    """schema.org GovernmentService for a procedure page (JSON-LD as a dict)."""
    url = public_page_url(page, request)
    agency = page.agency
    provider: dict[str, Any] = {"@type": "GovernmentOrganization", "name": agency.name}
    for key, value in (
        ("address", agency.address),
        ("telephone", agency.phone),
        ("email", agency.email),
        ("url", agency.website),
    ):
        if value:
            provider[key] = value
    channel: dict[str, Any] = {"@type": "ServiceChannel", "serviceUrl": url}
    duration = iso_duration_days(page.processing_time_days)
    if duration:
        channel["processingTime"] = duration
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.name,
        "identifier": page.code,
        "url": url,
        "inLanguage": page.locale.language_code,
        "serviceType": page.sector.name,
        "provider": provider,
        "serviceOperator": provider,
        "availableChannel": channel,
    }
    description = page.search_description or page.result
    if description:
        data["description"] = description
    offers = [
        {
            "@type": "Offer",
            "name": fee.label,
            "price": str(fee.amount_vnd),
            "priceCurrency": "VND",
        }
        for fee in page.fees.all()
        if fee.amount_vnd is not None
    ]
    if offers:
        data["offers"] = offers
    return data


def json_ld(data: dict) -> str:
    """Serialise for a <script type="application/ld+json"> element, safely escaped."""
    return json.dumps(data, ensure_ascii=False, sort_keys=False).translate(
        _JSON_SCRIPT_ESCAPES
    )
