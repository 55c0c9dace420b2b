"""schema.org data of the Q&A pages: QAPage for one question and its
accepted answer, FAQPage for a page of the index. Only public fields: no
asker, no contact details."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from cms_pages.seo import json_ld

from .emails import question_url
from .models import Question
from .queries import label_agencies
from .text import plain_text


def _question(question: Question) -> dict[str, Any]:
    if not hasattr(question, "agency_label"):
        label_agencies([question])
    answer: dict[str, Any] = {
        "@type": "Answer",
        "text": plain_text(question.answer),
        "url": question_url(question),
        "author": {"@type": "GovernmentOrganization", "name": question.agency_label},
    }
    if question.answered_at:
        answer["dateCreated"] = timezone.localtime(question.answered_at).isoformat()
    return {
        "@type": "Question",
        "name": question.public_subject,
        "text": question.public_body,
        "inLanguage": question.language,
        "dateCreated": timezone.localtime(question.received_at).isoformat(),
        "answerCount": 1,
        "acceptedAnswer": answer,
    }


def qa_page(question: Question, request: HttpRequest | None = None) -> str:
    """QAPage JSON-LD for a published question's page (escaped for <script>)."""
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "QAPage",
            "inLanguage": question.language,
            "mainEntity": _question(question),
        }
    )


def faq_page(questions: list[Question], request: HttpRequest | None = None) -> str:
    """FAQPage JSON-LD for a page of the index ("" when it lists nothing)."""
    if not questions:
        return ""
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [_question(question) for question in questions],
        }
    )
