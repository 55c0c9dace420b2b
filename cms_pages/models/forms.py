"""Forms editors build themselves (contact, feedback, event registration).

Wagtail's form builder stores submissions (listed and exported in the admin)
and emails them; we add translation, spam protection and accessible markup.
"""

import logging

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin

from cms_pages import spam
from cms_pages.forms import PortalFormPageForm
from portal.security.ratelimit import check_rate, record_hit
from portal.text import ascii_slug

from .base import BasePage

logger = logging.getLogger(__name__)


class FormField(TranslatableMixin, AbstractFormField):
    """One question of an editor-built form; translated with its page."""

    page = ParentalKey(
        "cms_pages.FormPage", on_delete=models.CASCADE, related_name="form_fields"
    )

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")

    def get_field_clean_name(self) -> str:
        """Key of the answer in stored submissions: "Số điện thoại" → so_dien_thoai.

        Wagtail's default escapes đ as u0111; Vietnamese folding reads better in
        exports. Set once when the field is created, never renamed afterwards.
        """
        return (
            ascii_slug(self.label, 200).replace("-", "_")
            or super().get_field_clean_name()
        )


class FormPage(EmailFormMixin, FormMixin, BasePage):
    """A form built in the admin; submissions are stored and emailed."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    thank_you_text = RichTextField(
        _("thank-you message"), blank=True, features=["bold", "italic", "link", "ul"]
    )

    content_panels = BasePage.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields"), min_num=1),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email"),
            help_text=_(
                "Without a To address, submissions go to the centre's email address."
            ),
        ),
    ]

    base_form_class = PortalFormPageForm
    template = "pages/form_page.html"
    landing_page_template = "pages/form_page_landing.html"
    # Forms sit under the home page, the contact page, the investment section or
    # a content page; they have no children.
    parent_page_types = [
        "cms_pages.HomePage",
        "cms_pages.ContactPage",
        "cms_pages.StandardPage",
        "cms_pages.InvestmentIndexPage",
    ]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("form page")
        verbose_name_plural = _("form pages")

    def recipients(self) -> list[str]:
        """The To addresses, or the centre's address when none is set."""
        addresses = [a.strip() for a in (self.to_address or "").split(",") if a.strip()]
        if addresses:
            return addresses
        from .settings import CentreSettings

        site = self.get_site()
        centre = CentreSettings.for_site(site) if site else None
        return [centre.email] if centre and centre.email else []

    def process_form_submission(self, form):
        # Store first (FormMixin), then mail to recipients() rather than to_address only.
        submission = FormMixin.process_form_submission(self, form)
        recipients = self.recipients()
        if recipients:
            send_mail(
                self.subject or self.title,
                self.render_email(form),
                recipients,
                self.from_address,
            )
        return submission

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if spam.honeypot_filled(request):
            # Answer as if it worked so the bot moves on; store and send nothing.
            logger.info("Form %s: honeypot filled, submission dropped", self.pk)
            return self.render_landing_page(request, None, *args, **kwargs)
        refused = None
        if form.is_valid():
            # Only stored submissions count against the visitor's budget.
            refused = check_rate(request, "forms", increment=False)
            if refused is None:
                submission = self.process_form_submission(form)
                record_hit(request, "forms")
                return self.render_landing_page(request, submission, *args, **kwargs)
            form.add_error(
                None,
                _(
                    "You have sent this form several times in the last few minutes. "
                    "Please wait a few minutes and send it again: what you typed is kept below."
                ),
            )
        context = self.get_context(request)
        context["form"] = form
        response = TemplateResponse(
            request,
            self.get_template(request),
            context,
            status=429 if refused is not None else 200,
        )
        if refused is not None:
            response["Retry-After"] = refused["Retry-After"]
        return response

    def get_submissions_list_view_class(self):
        # Exports in local time with an ASCII file name, formula prefixes in
        # what visitors typed neutralised (views load after models).
        from cms_pages.submissions import FormSubmissionsView

        return FormSubmissionsView
