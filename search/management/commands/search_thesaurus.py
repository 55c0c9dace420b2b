"""`manage.py search_thesaurus check|mine`: look after the shipped vocabulary.

- `check`: read every source file (search/vocabulary/ and
  SEARCH_EXTRA_THESAURUS), print the number of groups and rules and the
  version the cluster's indices should carry (`search_index status`).
- `mine`: the head terms of the live catalogue's procedure names (frequent
  runs of two or three words) that no thesaurus group covers yet, most
  frequent first: where everyday words and abbreviations are worth adding.
"""

from collections import Counter

from django.core.management.base import BaseCommand

from search.models import ProcedureSearchText
from search.text import raw_tokens
from search.thesaurus import thesaurus


class Command(BaseCommand):
    help = "check: read the thesaurus files; mine: frequent name terms not covered yet."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "mine"])
        parser.add_argument("--limit", type=int, default=40)
        parser.add_argument("--locale", default="vi")

    def handle(self, *args, action: str, limit: int, locale: str, **options):
        words = thesaurus()
        if action == "check":
            self.stdout.write(
                f"{len(words.groups)} groups, {len(words.synonym_rules())} rules, "
                f"version {words.version}"
            )
            return
        covered = {" ".join(key) for key in words.keys}
        counts: Counter[str] = Counter()
        names = ProcedureSearchText.objects.filter(
            locale__language_code=locale
        ).values_list("name", flat=True)
        for name in names:
            tokens = raw_tokens(name)
            seen = set()
            for size in (2, 3):
                for i in range(len(tokens) - size + 1):
                    seen.add(" ".join(tokens[i : i + size]))
            counts.update(term for term in seen if term not in covered)
        for term, count in counts.most_common(limit):
            self.stdout.write(f"{count}\t{term}")
