"""Count what people search for and which results they open, per day, without
personal data (no address, user, session or time of day; e-mail addresses and
long digit runs masked).

Each search and each click is one `INSERT … ON CONFLICT DO UPDATE` (PostgreSQL
and SQLite alike): one round trip, and two workers counting the same query at
once never lose a count.
"""

import logging
import re

from django.db import connection
from django.utils import timezone

from search.models import SearchClick, SearchQueryLog
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


def _upsert(table: str, keys: dict, insert: dict, update: str) -> None:
    columns = [*keys, *insert]
    placeholders = ", ".join(["%s"] * len(columns))
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) "  # noqa: S608
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {update}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*keys.values(), *insert.values()])


def log_search(q: str, locale: str, result_count: int) -> None:
    """Add one search to today's counter for this query (never raises)."""
    query = clean_query(q)
    if not query:
        return
    table = SearchQueryLog._meta.db_table
    try:
        _upsert(
            table,
            {"day": timezone.localdate(), "query": query, "locale": locale},
            {
                "searches": 1,
                "clicks": 0,
                "last_result_count": result_count,
                "zero_results": result_count == 0,
            },
            f"searches = {table}.searches + 1, "
            "last_result_count = excluded.last_result_count, "
            "zero_results = excluded.zero_results",
        )
    except Exception:  # logging a search must never break it
        logger.exception("Could not log a search")


def log_click(q: str, locale: str, code: str) -> bool:
    """Count that a result was opened after a search logged today.

    Only queries searched today are counted, so the endpoint cannot be used
    to write arbitrary text into the report. Returns whether it counted.
    """
    query = clean_query(q)
    today = timezone.localdate()
    counted = SearchQueryLog.objects.filter(day=today, query=query, locale=locale)
    if not query or not code or not counted.exists():
        return False
    table = SearchClick._meta.db_table
    _upsert(
        table,
        {"day": today, "query": query, "locale": locale, "code": code[:32]},
        {"clicks": 1},
        f"clicks = {table}.clicks + 1",
    )
    SearchQueryLog.bump_clicks(today, query, locale)
    return True
