"""The Q&A section of a procedure page ("Hỏi đáp": newest published
questions, a link to all of them and to the asking form), and the question
shown under a procedure in search results."""

from django import template

from ..queries import PROCEDURE_SECTION_SIZE, public_questions

register = template.Library()


@register.inclusion_tag(
    "questions/includes/procedure_questions.html", takes_context=True
)
def procedure_questions(context, page):
    """Newest published questions about `page`'s procedure (one query)."""
    rows = list(
        public_questions().filter(procedure__translation_key=page.translation_key)[
            : PROCEDURE_SECTION_SIZE + 1
        ]
    )
    return {
        "page": page,
        "questions": rows[:PROCEDURE_SECTION_SIZE],
        "more": len(rows) > PROCEDURE_SECTION_SIZE,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }
