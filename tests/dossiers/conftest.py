"""Fixtures for the dossier tests: a small site with procedures that accept
online dossiers, files of each kind, and a client walking the wizard."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale, Page, Site

from cms_pages.models import (
    Agency,
    HomePage,
    ProcedureDocument,
    ProcedureFee,
    ProcedureIndexPage,
    ProcedurePage,
    Sector,
)
from portal.dossiers.calendar_data import load_calendar_days
from portal.dossiers.models import CalendarDay
from portal.dossiers.validators import mst_check_digit
from tests.files import jpeg_bytes, pdf_bytes, png_bytes

PDF_BYTES = pdf_bytes()
PNG_BYTES = png_bytes()
JPEG_BYTES = jpeg_bytes()
EXE_BYTES = b"MZ\x90\x00" + b"\x00" * 64

# A valid CCCD: Hà Nội (001), man born in the 20th century (0), 1990 (90).
CCCD = "001090004567"


def valid_mst(first_nine: str = "010010910") -> str:
    return first_nine + str(mst_check_digit(first_nine))


def pdf(name: str = "scan.pdf", size: int | None = None) -> SimpleUploadedFile:
    content = pdf_bytes(size)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    vi = Locale.objects.get_or_create(language_code="vi")[0]
    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        # A transactional test flushed the tree that Wagtail's migration made.
        Page.add_root(instance=Page(title="Root", slug="root", locale=vi))
    Page.objects.filter(depth=2).delete()
    root = Page.get_first_root_node()
    load_calendar_days(CalendarDay)
    home = root.add_child(
        instance=HomePage(
            title="Trang chủ", slug="trang-chu", locale=vi, hero_title="Xin chào"
        )
    )
    Site.objects.all().delete()
    Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True
    )
    catalogue = home.add_child(
        instance=ProcedureIndexPage(
            title="Thủ tục hành chính", slug="thu-tuc", locale=vi
        )
    )
    agency = Agency.objects.create(name="Sở Tư pháp", code_prefix="STP", locale=vi)
    sector = Sector.objects.create(name="Hộ tịch", locale=vi)
    return {
        "home": home,
        "catalogue": catalogue,
        "agency": agency,
        "sector": sector,
        "vi": vi,
    }


def make_procedure(
    site_tree,
    *,
    code="1.004227",
    title="Đăng ký khai sinh",
    online_service="full",
    for_individuals=True,
    for_organizations=True,
    days=Decimal(3),
    fees=(("Lệ phí", 8000),),
    postal=True,
) -> ProcedurePage:
    page = ProcedurePage(
        title=title,
        slug=code.replace(".", "-"),
        code=code,
        sector=site_tree["sector"],
        agency=site_tree["agency"],
        online_service=online_service,
        for_individuals=for_individuals,
        for_organizations=for_organizations,
        channel_online=True,
        channel_postal=postal,
        processing_time_days=days,
        result="Giấy khai sinh",
        locale=site_tree["vi"],
    )
    page.documents = [
        ProcedureDocument(
            name="Tờ khai đăng ký khai sinh", required=True, sort_order=0
        ),
        ProcedureDocument(name="Giấy chứng sinh", required=True, sort_order=1),
        ProcedureDocument(name="Giấy tờ khác (nếu có)", required=False, sort_order=2),
    ]
    page.fees = [
        ProcedureFee(label=label, amount_vnd=amount, sort_order=index)
        for index, (label, amount) in enumerate(fees)
    ]
    site_tree["catalogue"].add_child(instance=page)
    page.save_revision().publish()
    return ProcedurePage.objects.get(pk=page.pk)


@pytest.fixture
def procedure(site_tree) -> ProcedurePage:
    return make_procedure(site_tree)


class WizardWalker:
    """Posts the real wire format (`<step>-<field>`, `dossier_wizard-current_step`)."""

    def __init__(self, client, procedure, language="vi"):
        self.client = client
        self.procedure = procedure
        self.language = language
        self.base = None

    def start(self) -> str:
        response = self.client.post(
            f"/{self.language}/nop-ho-so/{self.procedure.code}/"
        )
        assert response.status_code == 302, response.status_code
        response = self.client.get(response["Location"])
        assert response.status_code == 302
        self.url = response["Location"]
        match = re.search(r"/([0-9a-f-]{36})/", self.url)
        self.instance_id = match.group(1)
        self.base = self.url.rsplit("/", 2)[0] + "/"
        return self.url

    def step_url(self, step: str) -> str:
        return f"{self.base}{step}/"

    def post(
        self, step: str, data: dict | None = None, files: dict | None = None, **extra
    ):
        payload = {"dossier_wizard-current_step": step}
        for key, value in (data or {}).items():
            payload[f"{step}-{key}"] = value
        for key, value in (files or {}).items():
            payload[f"{step}-{key}"] = value
        payload.update(extra)
        return self.client.post(self.step_url(step), payload)

    def document_fields(self) -> list[str]:
        return [f"doc_{document.pk}" for document in self.procedure.documents.all()]


@pytest.fixture
def walker(client, procedure):
    return WizardWalker(client, procedure)


APPLICANT = {
    "full_name": "Nguyễn Văn An",
    "id_number": CCCD,
    "birth_date": "27/03/1990",
    "phone": "0912 345 678",
    "email": "an@example.vn",
    "address": "12 Lê Lợi, phường Bến Nghé",
}


def walk_to_check(walker, *, organisation=False) -> None:
    """From a started wizard, answer every step up to "check your answers"."""
    response = walker.post(
        "applicant_type",
        {"applicant_type": "organisation" if organisation else "individual"},
    )
    assert response.status_code == 302 and response["Location"].endswith("/applicant/")
    response = walker.post("applicant", APPLICANT)
    expected = "/organisation/" if organisation else "/documents/"
    assert response.status_code == 302 and response["Location"].endswith(expected), (
        response
    )
    if organisation:
        response = walker.post(
            "organisation",
            {
                "organisation_name": "Công ty TNHH Ánh Dương",
                "tax_code": valid_mst(),
                "representative": "Trần Thị Bình",
            },
        )
        assert response["Location"].endswith("/documents/")
    first, second, _optional = walker.document_fields()
    response = walker.post(
        "documents", files={first: pdf("to-khai.pdf"), second: pdf("chung-sinh.pdf")}
    )
    assert response.status_code == 302 and response["Location"].endswith("/delivery/")
    response = walker.post("delivery", {"receipt_method": "at_centre"})
    assert response.status_code == 302 and response["Location"].endswith("/check/")


def submit(walker):
    response = walker.post("check")
    assert response.status_code == 302 and response["Location"].endswith(
        "/declaration/"
    )
    return walker.post("declaration", {"declaration": "on", "consent": "on"})
