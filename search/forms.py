"""Parsing and validating search parameters (shared by the API and the page)."""

from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms_pages.models.catalogue import Level, OnlineService
from search.text import normalise

MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 200
FACETS = ("sector", "agency", "level", "online_service")


@dataclass
class SearchParams:
    """What one search asks for, already validated."""

    q: str = ""
    locale: str = "vi"
    sector: list[str] = field(default_factory=list)
    agency: list[str] = field(default_factory=list)
    level: list[str] = field(default_factory=list)
    online_service: list[str] = field(default_factory=list)
    page: int = 1
    page_size: int = 20

    def selected(self, facet: str) -> list[str]:
        return list(getattr(self, facet))

    @property
    def any_filter(self) -> bool:
        return any(getattr(self, facet) for facet in FACETS)


class SearchParamsForm(forms.Form):
    """Query-string parameters of /api/procedures/search/ and the search page."""

    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    locale = forms.ChoiceField(required=False, choices=settings.LANGUAGES)
    sector = forms.CharField(required=False, max_length=100)
    agency = forms.CharField(required=False, max_length=100)
    level = forms.MultipleChoiceField(required=False, choices=Level.choices)
    online_service = forms.MultipleChoiceField(
        required=False, choices=OnlineService.choices
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    error_messages = {
        "page": _("page must be a whole number of 1 or more."),
        "page_size": _("page_size must be a whole number from 1 to %(max)s."),
        "level": _("Unknown level: use province, district or commune."),
        "online_service": _("Unknown online_service: use full, partial or none."),
        "locale": _("Unknown locale: use vi or en."),
        "q": _("The search text is too long (at most %(max)s characters)."),
    }

    def __init__(
        self,
        data,
        *args,
        default_locale: str = "vi",
        default_page_size: int = 20,
        **kwargs,
    ):
        super().__init__(data, *args, **kwargs)
        self.default_locale = default_locale
        self.default_page_size = default_page_size
        self._lists = {
            name: [v for v in data.getlist(name) if v.strip()]
            for name in ("sector", "agency")
        }

    def clean(self):
        cleaned = super().clean()
        for name in ("sector", "agency"):
            if any(len(v) > 100 for v in self._lists[name]):
                self.add_error(name, _("Filter values are at most 100 characters."))
        return cleaned

    def first_error(self) -> str:
        """One sentence for a JSON error body."""
        for name in self.errors:
            message = self.error_messages.get(name)
            if message is not None:
                return str(message) % {
                    "max": MAX_PAGE_SIZE if name != "q" else MAX_QUERY_LENGTH
                }
            return f"{name}: {self.errors[name][0]}"
        return str(_("Invalid parameters."))

    def params(self) -> SearchParams:
        data = self.cleaned_data
        return SearchParams(
            q=normalise(data.get("q") or "").strip(),
            locale=(data.get("locale") or self.default_locale)[:2],
            sector=self._lists["sector"],
            agency=self._lists["agency"],
            level=list(data.get("level") or []),
            online_service=list(data.get("online_service") or []),
            page=data.get("page") or 1,
            page_size=data.get("page_size") or self.default_page_size,
        )
