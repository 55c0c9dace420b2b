"""Asking a question, its confirmation, and following it with the reference
and verification codes.

Pages that POST a form send `Referrer-Policy: same-origin` (never a Referer
to another site; `no-referrer` would make browsers send `Origin: null`,
which CSRF protection refuses). Pages that show one asker's question send
`no-referrer`, and their URLs carry only the reference code: the browser
proves once, by POST, that it knows the verification code, and the session
remembers it.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from cms_pages.models import ProcedurePage
from cms_pages.spam import honeypot_filled
from portal.dossiers.views.session import remember
from portal.http import private_file

from .. import uploads
from ..forms import AskForm, FollowForm
from ..limits import ask_refused, follow_refused
from ..models import FileSource, Question, Topic
from ..queries import label_agencies
from ..services import answer_working_days, ask_question, verified_question

SESSION_ASKED = "questions_asked"
SESSION_VERIFIED = "questions_verified"


def same_origin(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    return response


def no_referrer(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "no-referrer"
    return response


def _initial(request) -> dict:
    """Prefill from the link that led here (a procedure page's "Ask about
    this procedure": `?procedure=CODE`)."""
    initial = {}
    code = request.GET.get("procedure", "").strip()[:32]
    if code:
        initial.update(procedure=code, topic=Topic.PROCEDURE)
    elif request.GET.get("topic") in Topic.values:
        initial["topic"] = request.GET["topic"]
    return initial


def procedure_named(code, language: str) -> ProcedurePage | None:
    """The live procedure page with this code, in `language` when translated."""
    code = str(code or "").strip()
    if not code or len(code) > 32:
        return None
    pages = ProcedurePage.objects.live().public().filter(code__iexact=code)
    return (
        pages.filter(locale__language_code=language).first()
        or pages.filter(locale=Locale.get_default()).first()
    )


def _render_ask(request, form, *, status: int = 200, retry_after: int = 0):
    language = (get_language() or "vi")[:2]
    context = {
        "form": form,
        "kept_file": uploads.kept(request),
        "retry_minutes": max(1, retry_after // 60) if retry_after else 0,
        "procedure_page": procedure_named(form["procedure"].value(), language),
        "answer_days": answer_working_days(),
    }
    response = render(request, "questions/ask.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return same_origin(response)


@never_cache
def ask(request):
    """Ask a question or send a report (one form); then the confirmation."""
    language = (get_language() or "vi")[:2]
    if request.method != "POST":
        # A fresh form: a file kept from an earlier, abandoned try goes.
        uploads.forget(request, delete=True)
        return _render_ask(
            request, AskForm(initial=_initial(request), language=language)
        )
    form = AskForm(request.POST, request.FILES, language=language)
    retry_after = ask_refused(request)
    if retry_after:
        form.is_valid()
        return _render_ask(request, form, status=429, retry_after=retry_after)
    if honeypot_filled(request):
        # Bots see a thank-you page; nothing is stored.
        return same_origin(render(request, "questions/received.html"))
    if request.POST.get("remove_file"):
        # "Remove the file" is not "send": the form comes back as it was.
        uploads.forget(request, delete=True)
        unbound = AskForm(initial=request.POST.dict(), language=language)
        return _render_ask(request, unbound)
    valid = form.is_valid()
    if form.checked is not None:
        uploads.forget(request, delete=True)
        uploads.keep(
            request, uploads.save_upload(form.cleaned_data["attachment"], form.checked)
        )
    if not valid:
        return _render_ask(request, form)
    question = ask_question(form.asked(), uploads.kept(request))
    uploads.forget(request)
    remember(request, SESSION_ASKED, question.reference)
    return HttpResponseRedirect(
        reverse("questions:confirmation", args=[question.reference]), status=303
    )


@never_cache
def confirmation(request, reference: str):
    """Reference and verification codes, for the browser that asked only."""
    if reference not in request.session.get(SESSION_ASKED, []):
        raise Http404
    question = (
        Question.objects.select_related("agency", "procedure")
        .filter(reference=reference)
        .first()
    )
    if question is None:
        raise Http404
    remember(request, SESSION_VERIFIED, question.reference)
    label_agencies([question], (get_language() or "vi")[:2])
    return no_referrer(
        render(request, "questions/confirmation.html", {"question": question})
    )


@never_cache
def follow(request):
    """The follow form: POST reference + verification code."""
    not_found = False
    if request.method == "POST":
        form = FollowForm(request.POST)
        refused = follow_refused(request)
        if refused is not None:
            return same_origin(refused)
        if form.is_valid():
            question = verified_question(
                form.cleaned_data["reference"], form.cleaned_data["verify"]
            )
            if question is not None:
                remember(request, SESSION_VERIFIED, question.reference)
                return HttpResponseRedirect(
                    reverse("questions:status", args=[question.reference]), status=303
                )
            not_found = True
    else:
        form = FollowForm(initial={"reference": request.GET.get("reference", "")[:24]})
    return same_origin(
        render(request, "questions/follow.html", {"form": form, "not_found": not_found})
    )


def _verified(request, reference: str) -> Question | None:
    if reference not in request.session.get(SESSION_VERIFIED, []):
        return None
    return (
        Question.objects.select_related("agency", "procedure", "duplicate_of")
        .filter(reference=reference)
        .first()
    )


@never_cache
def status(request, reference: str):
    """The asker's view of their question: status, due date, the answer."""
    question = _verified(request, reference)
    if question is None:
        follow_url = reverse("questions:follow")
        return HttpResponseRedirect(f"{follow_url}?reference={reference[:24]}")
    files = list(question.files.all())
    return no_referrer(
        render(
            request,
            "questions/status.html",
            {
                "question": question,
                "asker_files": [f for f in files if f.source == FileSource.ASKER],
                "answer_files": [f for f in files if f.source == FileSource.ANSWER],
            },
        )
    )


def stream(stored, *, disposition: bool = True) -> FileResponse:
    """A stored question file as a private download (inline without
    `disposition`)."""
    return private_file(stored, stored.file.name, as_attachment=disposition)


@never_cache
def own_file(request, reference: str, pk: int):
    """A file of the asker's own question (theirs, or the answer's)."""
    question = _verified(request, reference)
    if question is None:
        raise Http404
    stored = question.files.filter(pk=pk).first()
    if stored is None:
        raise Http404
    return no_referrer(stream(stored))
