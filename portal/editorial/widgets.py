"""Admin widgets for editors."""

import re

from wagtail.admin.widgets import SlugInput

from portal.text import vietnamese_letter_folds


def _fold_formatters() -> list[tuple[re.Pattern, str]]:
    """Regex replacements, run in the browser before Wagtail's own slug cleaning,
    that fold Vietnamese to ASCII as `portal.text.fold()` does on the server."""
    formatters: list[tuple[re.Pattern, str]] = [
        # Tone marks typed as separate combining characters (some keyboards).
        (re.compile("[\u0300-\u036f]"), ""),
    ]
    for plain, letters in vietnamese_letter_folds().items():
        formatters.append((re.compile(f"[{letters}]", re.IGNORECASE), plain))
    return formatters


class AsciiSlugInput(SlugInput):
    """Wagtail's slug input, folding Vietnamese letters ("Đăng ký" → "dang-ky")
    where Wagtail's transliteration would drop them ("ang-k")."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(
            attrs=attrs,
            formatters=[*_fold_formatters(), *(formatters or [])],
            locale=locale,
        )
