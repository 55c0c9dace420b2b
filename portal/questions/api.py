"""`GET /api/questions/?procedure=CODE&sector=&agency=&page=&page_size=`:
published, answered questions only (the same query as the Q&A index).

Bad parameters answer 400 with `{"error": "…"}` in the visitor's language,
never a 500. Cacheable (CACHEABLE_VIEWS), purged with the Q&A pages.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from .emails import question_url
from .forms import QuestionFilterForm
from .models import Question
from .queries import filtered, label_agencies
from .text import plain_text


def _iso(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def question_record(question: Question) -> dict:
    """One published question as the API returns it (agency named in the
    language the question was asked in)."""
    return {
        "id": question.pk,
        "procedure": question.procedure_code or None,
        "title": question.public_subject,
        "question": question.public_body,
        "answer": plain_text(question.answer),
        "answer_html": question.answer,
        "agency": question.agency_label,
        "sector": question.sector.slug if question.sector_id else None,
        "language": question.language,
        "asked_at": _iso(question.received_at),
        "answered_at": _iso(question.answered_at),
        "url": question_url(question),
    }


@require_GET
def questions_api(request):
    form = QuestionFilterForm(request.GET)
    if not form.is_valid():
        return JsonResponse(
            {"error": form.first_error()},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    filters = form.filters()
    questions = filtered(filters)
    start = (filters.page - 1) * filters.page_size
    items = label_agencies(list(questions[start : start + filters.page_size]))
    return JsonResponse(
        {
            "count": questions.count(),
            "page": filters.page,
            "page_size": filters.page_size,
            "results": [question_record(question) for question in items],
        },
        json_dumps_params={"ensure_ascii": False},
    )
