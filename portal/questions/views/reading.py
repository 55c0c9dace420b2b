"""Reading published questions: the Q&A index (filters, pages) and one
question's page (QAPage structured data). Both are cacheable views
(portal.cache_control.CACHEABLE_VIEWS) and purged when a question is
published, unpublished or edited (publishing.py). Anything not public
answers 404, exactly as a question that never existed.
"""

from __future__ import annotations

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from ..emails import question_url
from ..forms import QuestionFilterForm
from ..models import FileSource
from ..queries import filter_choices, label_agencies, paginate, public_questions
from ..seo import faq_page, qa_page
from .asking import procedure_named, stream

PAGE_SIZE = 20


def index(request):
    """All published questions, newest first, by sector, agency or procedure."""
    language = (get_language() or "vi")[:2]
    form = QuestionFilterForm(request.GET, default_page_size=PAGE_SIZE)
    error = ""
    if not form.is_valid():
        error = form.first_error()
        form = QuestionFilterForm(QueryDict(), default_page_size=PAGE_SIZE)
        form.is_valid()
    filters = form.filters()
    filters.page_size = PAGE_SIZE
    page_obj = paginate(filters)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context = {
        "page_obj": page_obj,
        "questions": label_agencies(list(page_obj.object_list), language),
        "filters": filters,
        "choices": filter_choices(language),
        "querystring": querystring.urlencode() if not error else "",
        "error": error,
    }
    context["jsonld"] = faq_page(context["questions"], request)
    return render(request, "questions/index.html", context)


def detail(request, pk: int):
    """One published question with its answer, in the language it was asked in."""
    question = get_object_or_404(public_questions(), pk=pk)
    language = (get_language() or "vi")[:2]
    label_agencies([question], language)
    files = list(question.files.filter(source=FileSource.ANSWER))
    related = list(
        public_questions()
        .filter(procedure_id=question.procedure_id)
        .exclude(pk=question.pk)[:5]
        if question.procedure_id
        else []
    )
    return render(
        request,
        "questions/detail.html",
        {
            "question": question,
            "answer_files": files,
            "related": related,
            "jsonld": qa_page(question, request),
            "procedure_page": procedure_named(question.procedure_code, language),
            # One page per question: its own language's URL.
            "canonical_url": question_url(question),
        },
    )


def answer_file(request, pk: int, file_pk: int):
    """A file published with an answer (only while the question is public)."""
    question = get_object_or_404(public_questions(), pk=pk)
    stored = question.files.filter(pk=file_pk, source=FileSource.ANSWER).first()
    if stored is None:
        raise Http404
    return stream(stored, disposition=False)
