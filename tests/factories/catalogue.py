"""Factories for the catalogue: one per page type and per snippet."""

from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, Site

from cms_pages.models import (
    Agency,
    HomePage,
    ProcedureDocument,
    ProcedureFee,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedurePage,
    ProcedureStep,
    Sector,
)
from portal.text import ascii_slug

ROW_COUNTS = ("documents", "steps", "fees", "legal_bases")


def default_locale() -> Locale:
    return Locale.get_default()


class SectorFactory(DjangoModelFactory):
    """A Vietnamese sector (lĩnh vực)."""

    class Meta:
        model = Sector

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    slug = factory.LazyAttribute(lambda o: ascii_slug(o.name))
    locale = factory.LazyFunction(default_locale)


class AgencyFactory(DjangoModelFactory):
    """A Vietnamese implementing agency (cơ quan thực hiện)."""

    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Sở số {n}")
    slug = factory.LazyAttribute(lambda o: ascii_slug(o.name))
    code_prefix = "SO"
    locale = factory.LazyFunction(default_locale)


class HomePageFactory(wagtail_factories.PageFactory):
    """The Vietnamese home page; pass parent=Page root."""

    class Meta:
        model = HomePage

    title = "Trang chủ"
    slug = factory.Sequence(lambda n: f"trang-chu-{n}")
    locale = factory.LazyFunction(default_locale)


class ProcedureIndexPageFactory(wagtail_factories.PageFactory):
    """The procedure catalogue under a home page."""

    class Meta:
        model = ProcedureIndexPage

    title = "Thủ tục hành chính"
    slug = "thu-tuc"
    locale = factory.LazyFunction(default_locale)


class ProcedurePageFactory(wagtail_factories.PageFactory):
    """A published procedure with `documents`, `steps` rows (counts as params)."""

    class Meta:
        model = ProcedurePage

    code = factory.Sequence(lambda n: f"9.{n:06d}")
    title = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n}")
    slug = factory.LazyAttribute(lambda o: ascii_slug(f"{o.code} {o.title}"))
    locale = factory.LazyFunction(default_locale)
    sector = factory.SubFactory(SectorFactory)
    agency = factory.SubFactory(AgencyFactory)
    level = "province"
    online_service = "full"
    processing_time_days = Decimal(3)
    result = "Giấy chứng nhận"
    # How many child rows to make (popped before the page is built).
    documents = 2
    steps = 2
    fees = 1
    legal_bases = 1

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        for name in ROW_COUNTS:
            kwargs.pop(name, None)
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        counts = {name: kwargs.pop(name) for name in ROW_COUNTS if name in kwargs}
        instance = model_class(**kwargs)
        locale = instance.locale
        instance.documents = [
            ProcedureDocument(
                name=f"Tờ khai số {i + 1}",
                originals=1,
                copies=i,
                locale=locale,
                sort_order=i,
            )
            for i in range(counts.get("documents", 2))
        ]
        instance.steps = [
            ProcedureStep(
                text=f"Bước {i + 1}: nộp và kiểm tra hồ sơ", locale=locale, sort_order=i
            )
            for i in range(counts.get("steps", 2))
        ]
        instance.fees = [
            ProcedureFee(
                label=f"Lệ phí {i + 1}", amount_vnd=50_000, locale=locale, sort_order=i
            )
            for i in range(counts.get("fees", 1))
        ]
        instance.legal_bases = [
            ProcedureLegalBasis(
                text=f"Nghị định số {i + 1}/2021/NĐ-CP", locale=locale, sort_order=i
            )
            for i in range(counts.get("legal_bases", 1))
        ]
        parent.add_child(instance=instance)
        instance.save_revision().publish()
        return instance


def build_site() -> tuple[HomePage, ProcedureIndexPage]:
    """A Vietnamese home page (the default site's root) with a catalogue under it."""
    Locale.objects.get_or_create(language_code="en")
    # A transactional test may have flushed the root that Wagtail's migration made.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", live=True)
    )
    home = HomePageFactory(parent=root)
    site = Site.objects.filter(is_default_site=True).first() or Site(
        is_default_site=True
    )
    site.root_page = home
    site.hostname = "localhost"
    site.save()
    catalogue = ProcedureIndexPageFactory(parent=home)
    return home, catalogue


def marriage_record(**english) -> dict:
    """Marriage registration in the import format, fully in Vietnamese, with an
    English translation of its name, sector, agency, result, steps and
    documents only; `english` adds or replaces English fields."""
    return {
        "code": "1.000894",
        "name": "Đăng ký kết hôn",
        "sector": "Hộ tịch",
        "agency": "Ủy ban nhân dân cấp xã",
        "level": "commune",
        "online_service": "full",
        "channels": ["in_person", "online"],
        "processing_time_days": 0,
        "processing_time_note": "Ngay trong ngày tiếp nhận hồ sơ",
        "fees": [
            {"label": "Lệ phí đăng ký kết hôn", "amount_vnd": 0, "note": "Miễn lệ phí"}
        ],
        "documents": [
            {"name": "Tờ khai đăng ký kết hôn", "originals": 1, "note": "Theo mẫu"},
            {"name": "Giấy xác nhận tình trạng hôn nhân", "originals": 1},
            {"name": "Giấy tờ khác", "required": False},
        ],
        "steps": ["Hai bên nam, nữ nộp hồ sơ", "Công chức tư pháp kiểm tra hồ sơ"],
        "requirements": "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi trở lên; tự nguyện quyết định.",
        "legal_basis": ["Luật Hộ tịch số 60/2014/QH13"],
        "result": "Giấy chứng nhận kết hôn",
        "translations": {
            "en": {
                "name": "Marriage registration",
                "sector": "Civil status",
                "agency": "Commune People's Committee",
                "result": "Marriage certificate",
                "steps": [
                    "Both partners file the dossier",
                    "The justice officer checks it",
                ],
                "documents": [
                    "Marriage registration form",
                    "Certificate of marital status",
                    "Other documents",
                ],
                **english,
            }
        },
    }
