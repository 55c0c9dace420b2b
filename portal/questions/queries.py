"""Reading published questions: the Q&A index and API (filters, pages), the
procedure page's section, search (the text indexed with each procedure, the
question shown under a procedure in the results) and the sitemap.

Everything here starts from `Question.objects.public()`: answered and
published. Nothing else is ever read for the public.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Model, QuerySet
from wagtail.models import Locale

from cms_pages.models import Agency, ProcedurePage, Sector

from .models import Question
from .text import plain_text

PROCEDURE_SECTION_SIZE = 5
MAX_PAGE_SIZE = 100


@dataclass
class QuestionFilters:
    """The index's and the API's filters: slugs and a procedure code."""

    sector: str = ""
    agency: str = ""
    procedure: str = ""
    page: int = 1
    page_size: int = 20

    @property
    def any(self) -> bool:
        return bool(self.sector or self.agency or self.procedure)


def public_questions() -> QuerySet:
    """Published answered questions, newest first, with what listings show."""
    return (
        Question.objects.public()
        .select_related("procedure", "agency", "sector")
        .order_by("-published_at", "-pk")
    )


def filtered(filters: QuestionFilters) -> QuerySet:
    """The public questions that pass the filters."""
    questions = public_questions()
    if filters.sector:
        questions = questions.filter(sector__slug=filters.sector)
    if filters.agency:
        questions = questions.filter(agency__slug=filters.agency)
    if filters.procedure:
        questions = questions.filter(procedure_code__iexact=filters.procedure)
    return questions


def paginate(filters: QuestionFilters) -> PaginatorPage:
    """One page of filtered questions (the last page when `page` is too far)."""
    paginator = Paginator(filtered(filters), filters.page_size)
    return paginator.get_page(filters.page)


def for_procedure(page: ProcedurePage, limit: int = PROCEDURE_SECTION_SIZE):
    """(newest public questions about this procedure, how many there are),
    whatever the language of the page (questions point at the Vietnamese one)."""
    questions = public_questions().filter(
        procedure__translation_key=page.translation_key
    )
    items = list(questions[:limit])
    count = len(items) if len(items) < limit else questions.count()
    return items, count


def localised_names(
    model: type[Model], pks: Iterable[int], language: str
) -> dict[int, str]:
    """Names of default-locale sectors or agencies in `language`, by their pk
    (the default-locale name where no translation exists)."""
    rows = list(
        model.objects.filter(pk__in=set(pks)).values("pk", "name", "translation_key")
    )
    names = {row["pk"]: row["name"] for row in rows}
    if language == Locale.get_default().language_code:
        return names
    translated = dict(
        model.objects.filter(
            translation_key__in=[row["translation_key"] for row in rows],
            locale__language_code=language,
        ).values_list("translation_key", "name")
    )
    for row in rows:
        names[row["pk"]] = translated.get(row["translation_key"], row["name"])
    return names


def filter_choices(language: str) -> dict[str, list[tuple[str, str, int]]]:
    """(value, label, count) of every sector, agency and procedure that has
    public questions, for the index's filters."""
    public = Question.objects.public()
    choices: dict[str, list[tuple[str, str, int]]] = {}
    for field, model in (("sector", Sector), ("agency", Agency)):
        counts = dict(
            public.exclude(**{f"{field}__isnull": True})
            .values_list(field)
            .annotate(n=Count("pk"))
            .values_list(field, "n")
        )
        names = localised_names(model, counts, language)
        slugs = dict(model.objects.filter(pk__in=counts).values_list("pk", "slug"))
        choices[field] = sorted(
            ((slugs[pk], names[pk], n) for pk, n in counts.items()),
            key=lambda item: item[1],
        )
    codes = (
        public.exclude(procedure_code="")
        .values_list("procedure_code", "procedure__title")
        .annotate(n=Count("pk"))
        .order_by("procedure_code")
    )
    choices["procedure"] = [
        (code, f"{code} {title or ''}".strip(), n) for code, title, n in codes
    ]
    return choices


def question_texts(keys: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The published questions' subject, question and answer text of each
    procedure (by translation key), one paragraph per question: what search
    indexes with the procedure."""
    texts: dict[uuid.UUID, list[str]] = defaultdict(list)
    rows = (
        public_questions()
        .filter(procedure__translation_key__in=list(keys))
        .values_list(
            "procedure__translation_key", "public_subject", "public_body", "answer"
        )
    )
    for key, subject, body, answer in rows:
        texts[key].append(" ".join((subject, body, plain_text(answer))))
    return {key: "\n".join(parts) for key, parts in texts.items()}


def _tokens(text: str) -> set[str]:
    from search.text import search_tokens

    return set(search_tokens(text))


def best_matches(pages: Iterable[ProcedurePage], q: str) -> dict[int, Question]:
    """For search results: the published question that best matches `q`
    under each procedure page (by page pk), where one matches well enough
    (at least 60 % of the query's words, diacritics folded; ties: newest).
    One query for the whole result page."""
    wanted = _tokens(q)
    pages = list(pages)
    if not wanted or not pages:
        return {}
    by_key = {page.translation_key: page.pk for page in pages}
    needed = max(1, -(-len(wanted) * 3 // 5))
    best: dict[int, tuple[int, Question]] = {}
    for question in public_questions().filter(
        procedure__translation_key__in=list(by_key)
    ):
        text = " ".join(
            (question.public_subject, question.public_body, plain_text(question.answer))
        )
        score = len(wanted & _tokens(text))
        page_pk = by_key[question.procedure.translation_key]
        if score >= needed and score > best.get(page_pk, (0, None))[0]:
            best[page_pk] = (score, question)
    return {pk: question for pk, (_score, question) in best.items()}


def centre_name(language: str) -> str:
    """The centre's name in `language` (Centre details of the default site)."""
    from django.utils import translation
    from wagtail.models import Site

    from cms_pages.models import CentreSettings

    site = Site.objects.filter(is_default_site=True).first()
    settings_row = CentreSettings.for_site(site) if site else CentreSettings()
    with translation.override(language):
        return settings_row.display_name


def label_agencies(
    questions: list[Question], language: str | None = None
) -> list[Question]:
    """Set `agency_label` on each question: who answered, named in `language`
    (each question's own language when None); the centre when no agency."""
    languages = {language or q.language for q in questions}
    names = {
        lang: localised_names(
            Agency, [q.agency_id for q in questions if q.agency_id], lang
        )
        for lang in languages
    }
    centre: dict[str, str] = {}
    for question in questions:
        lang = language or question.language
        if question.agency_id:
            question.agency_label = names[lang].get(question.agency_id, "")
        else:
            if lang not in centre:
                centre[lang] = centre_name(lang)
            question.agency_label = centre[lang]
    return questions
