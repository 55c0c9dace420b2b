"""Count what people search for, per day, without personal data."""

import logging
import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import SearchQueryLog
from search.text import normalise

logger = logging.getLogger(__name__)
_DIGITS = re.compile(r"\d[\d .\-]{7,}\d")
_EMAIL = re.compile(r"\S+@\S+")
_SPACES = re.compile(r"\s+")


def clean_query(q: str) -> str:
    """Lower-cased, squeezed, with e-mails and long digit runs masked.

    Procedure codes ("1.004227") are kept; phone or ID numbers (9+ digits) are not.
    """
    text = _SPACES.sub(" ", normalise(q)).strip().lower()
    text = _EMAIL.sub("[email]", text)

    def mask(match: re.Match) -> str:
        digits = sum(ch.isdigit() for ch in match.group(0))
        return "[số]" if digits >= 9 else match.group(0)

    return _DIGITS.sub(mask, text)[:200]


def log_search(q: str, locale: str, result_count: int) -> None:
    """Add one search to today's counter for this query (never raises)."""
    query = clean_query(q)
    if not query:
        return
    today = timezone.localdate()
    values = {"last_result_count": result_count, "zero_results": result_count == 0}
    try:
        with transaction.atomic():
            updated = SearchQueryLog.objects.filter(
                day=today, query=query, locale=locale
            ).update(searches=F("searches") + 1, **values)
            if not updated:
                try:
                    with transaction.atomic():
                        SearchQueryLog.objects.create(
                            day=today, query=query, locale=locale, searches=1, **values
                        )
                except IntegrityError:
                    SearchQueryLog.objects.filter(
                        day=today, query=query, locale=locale
                    ).update(searches=F("searches") + 1, **values)
    except Exception:  # logging a search must never break it
        logger.exception("Could not log a search")
