"""Admin screens: editors' synonyms, the search-terms log and the
search-quality report (admin_views.py), grouped under Search."""

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search.admin_views import SearchQualityViewSet
from search.models import SearchQueryLog, SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    """Synonym groups; saving one takes effect on the next search."""

    model = SearchSynonym
    icon = "resubmit"
    menu_label = _("Synonyms")
    list_display = ["terms", "note"]
    search_fields = ["terms", "note"]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The log is written by searches only; editors may look, not edit."""

    def user_has_permission(self, user, action):
        return action in ("view", "delete") and super().user_has_permission(
            user, action
        )


register_permission_policy(SearchQueryLog, ReadOnlyPolicy(SearchQueryLog))


class SearchQueryLogViewSet(SnippetViewSet):
    """What people searched for, per day; filter on "found nothing"."""

    model = SearchQueryLog
    icon = "search"
    menu_label = _("Search log")
    list_display = [
        "query",
        "locale",
        "day",
        "searches",
        "clicks",
        "last_result_count",
        "zero_results",
    ]
    list_filter = ["zero_results", "locale", "day"]
    list_export = [
        "day",
        "query",
        "locale",
        "searches",
        "clicks",
        "last_result_count",
        "zero_results",
    ]
    search_fields = ["query"]
    ordering = ["-day", "-searches"]


class SearchGroup(SnippetViewSetGroup):
    menu_label = _("Portal search")
    menu_icon = "search"
    menu_order = 250
    items = (SearchQualityViewSet, SearchSynonymViewSet, SearchQueryLogViewSet)


register_snippet(SearchGroup)
