"""Factories for the public site around the catalogue: one per page type and snippet."""

import json
import uuid
from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from cms_pages.chrome import AlertBanner, NavigationMenu
from cms_pages.models import (
    ContactPage,
    FormField,
    FormPage,
    InvestmentGuidePage,
    InvestmentIndexPage,
    InvestmentProjectIndexPage,
    InvestmentProjectPage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)


def default_locale() -> Locale:
    return Locale.get_default()


def journey_body(procedures, title="Lộ trình") -> str:
    """A guide body (raw StreamField JSON) with one journey linking `procedures`."""
    steps = [
        {
            "title": f"Bước {i + 1}",
            "text": "<p>Nộp hồ sơ.</p>",
            "procedure": p.pk if p is not None else None,
            "relation": "required",
        }
        for i, p in enumerate(procedures)
    ]
    # ListBlock items in the stored block format, as the admin saves them.
    steps = [{"type": "item", "value": step, "id": str(uuid.uuid4())} for step in steps]
    return json.dumps(
        [
            {
                "type": "journey",
                "value": {
                    "title": title,
                    "intro": "",
                    "steps": steps,
                    "show_total": True,
                },
            }
        ],
        ensure_ascii=False,
    )


class LocalePageFactory(wagtail_factories.PageFactory):
    """Base for our page factories: Vietnamese by default, published."""

    locale = factory.LazyFunction(default_locale)

    class Meta:
        abstract = True


class InvestmentIndexPageFactory(LocalePageFactory):
    class Meta:
        model = InvestmentIndexPage

    title = "Đầu tư"
    slug = "dau-tu"
    intro = "<p>Thông tin cho nhà đầu tư.</p>"


class InvestmentGuidePageFactory(LocalePageFactory):
    class Meta:
        model = InvestmentGuidePage

    title = factory.Sequence(lambda n: f"Hướng dẫn đầu tư {n}")
    slug = factory.Sequence(lambda n: f"huong-dan-{n}")
    summary = "Các bước thực hiện dự án."
    body = "[]"


class InvestmentProjectIndexPageFactory(LocalePageFactory):
    class Meta:
        model = InvestmentProjectIndexPage

    title = "Dự án kêu gọi đầu tư"
    slug = "du-an"


class InvestmentProjectPageFactory(LocalePageFactory):
    class Meta:
        model = InvestmentProjectPage

    title = factory.Sequence(lambda n: f"Dự án số {n}")
    slug = factory.Sequence(lambda n: f"du-an-{n}")
    summary = "Khu công nghiệp đa ngành."
    sector = "industry"
    location = "Huyện Tân Phú"
    area_ha = Decimal("120.5")
    capital_billion_vnd = Decimal("1500")
    status = "calling"
    contact_name = "Phòng Xúc tiến đầu tư"
    contact_phone = "0200 3 888 777"


class StandardPageFactory(LocalePageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Trang nội dung {n}")
    slug = factory.Sequence(lambda n: f"trang-{n}")
    intro = "Giới thiệu ngắn."


class NewsIndexPageFactory(LocalePageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Tin tức"
    slug = "tin-tuc"


class NewsPageFactory(LocalePageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Tin số {n}")
    slug = factory.Sequence(lambda n: f"tin-{n}")
    intro = "Tóm tắt tin."
    body = json.dumps([{"type": "paragraph", "value": "<p>Nội dung.</p>"}])


class ContactPageFactory(LocalePageFactory):
    class Meta:
        model = ContactPage

    title = "Liên hệ"
    slug = "lien-he"


class FormPageFactory(LocalePageFactory):
    """A form page with a name, an email and a message field."""

    class Meta:
        model = FormPage

    title = factory.Sequence(lambda n: f"Góp ý {n}")
    slug = factory.Sequence(lambda n: f"gop-y-{n}")
    to_address = "hopthu@example.gov.vn"
    subject = "Góp ý mới"

    @factory.post_generation
    def fields(obj, create, extracted, **kwargs):
        if not create:
            return
        rows = extracted or [
            ("Họ và tên", "singleline", True),
            ("Email", "email", True),
            ("Nội dung", "multiline", True),
        ]
        for order, (label, kind, required) in enumerate(rows):
            FormField.objects.create(
                page=obj,
                label=label,
                field_type=kind,
                required=required,
                sort_order=order,
                locale=obj.locale,
            )


class AlertBannerFactory(DjangoModelFactory):
    class Meta:
        model = AlertBanner

    title = "Lịch nghỉ Tết"
    message = "<p>Trung tâm nghỉ Tết từ 04/02.</p>"
    tone = "warning"
    active = True
    locale = factory.LazyFunction(default_locale)


class NavigationMenuFactory(DjangoModelFactory):
    class Meta:
        model = NavigationMenu

    location = "header"
    title = "Menu chính"
    links = "[]"
    locale = factory.LazyFunction(default_locale)
