"""Demo site skeleton: the home and catalogue pages in both languages, the
centre's details and the sample catalogue, plus the page helpers every demo
step uses (locales, translations, form fields)."""

from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from cms_pages.models import (
    CentreSettings,
    FormField,
    FormPage,
    HomePage,
    ProcedureIndexPage,
    ProcedurePage,
)

SAMPLE_CATALOGUE = Path(settings.BASE_DIR) / "demo" / "sample-procedures.json"


def ensure_locales() -> tuple[Locale, Locale]:
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return vi, en


def translate_page(page: Page, locale: Locale, **fields) -> Page:
    """The page's translation in `locale`, created and published if missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated.specific


def procedure_id(code: str, locale: Locale) -> int | None:
    """The id of the procedure page with this code in `locale` (None when missing)."""
    page = ProcedurePage.objects.filter(code=code, locale=locale).first()
    return page.pk if page else None


def rich(text: str) -> str:
    """One paragraph of rich text."""
    return f"<p>{text}</p>"


def add_form_fields(page: FormPage, locale: Locale, rows: list[tuple]) -> None:
    """Add (label, type, required, choices, help) rows to a form page and publish it."""
    for order, (label, kind, required, choices, help_text) in enumerate(rows):
        page.form_fields.add(
            FormField(
                label=label,
                field_type=kind,
                required=required,
                choices=choices,
                help_text=help_text,
                sort_order=order,
                locale=locale,
            )
        )
    page.save_revision().publish()


def ensure_form_page(
    parent: Page, locale: Locale, fields: list[tuple], **attrs
) -> tuple[FormPage, bool]:
    """The parent's form page, created with its fields when missing.

    Returns (page, created). `fields` are `add_form_fields()` rows.
    """
    page = FormPage.objects.child_of(parent).first()
    if page is not None:
        return page, False
    page = parent.add_child(instance=FormPage(**attrs))
    add_form_fields(page, locale, fields)
    return page, True


def translate_form(
    page: FormPage, locale: Locale, fields: list[tuple], choices: dict, **attrs
) -> FormPage:
    """The form's translation, with labels, hints and choices in that language."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    # Fresh from the database: fields added in memory carry no primary keys,
    # which Wagtail's copy needs to map them.
    page = FormPage.objects.get(pk=page.pk)
    translated = translate_page(page, locale, **attrs)
    rows = list(translated.form_fields.all())
    for index, (row, (label, help_text)) in enumerate(zip(rows, fields, strict=False)):
        row.label = label
        row.help_text = help_text
        if index in choices:
            row.choices = choices[index]
    # Hand the edited rows back to the page so the revision carries them.
    translated.form_fields = rows
    translated.save_revision().publish()
    return translated


def load_site(stdout: TextIO) -> None:
    """Home and catalogue pages in Vietnamese and English, and the centre's details."""
    vi, en = ensure_locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        # Replace Wagtail's "Welcome" page created by its initial migration.
        Page.objects.filter(depth=2, content_type__model="page").delete()
        home = root.add_child(
            instance=HomePage(
                title="Trang chủ",
                slug="trang-chu",
                locale=vi,
                hero_title="Tra cứu và nộp hồ sơ thủ tục hành chính",
                hero_text="<p>Tìm thủ tục, chuẩn bị hồ sơ, nộp trực tuyến và theo dõi kết quả tại một nơi.</p>",
            )
        )
        stdout.write("Created the Vietnamese home page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.root_page = home
    site.hostname = "localhost"
    site.port = 80
    site.site_name = "Cổng Hành chính công"
    site.save()

    translate_page(
        home,
        en,
        title="Home",
        hero_title="Find and file administrative procedures",
        hero_text="<p>Find a procedure, prepare your documents, file online and follow the result in one place.</p>",
    )

    catalogue = ProcedureIndexPage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=ProcedureIndexPage(
                title="Thủ tục hành chính",
                slug="thu-tuc",
                intro="<p>Danh mục thủ tục hành chính tiếp nhận tại Trung tâm. Lọc theo lĩnh vực, cơ quan, cấp thực hiện hoặc mức độ dịch vụ công trực tuyến.</p>",
            )
        )
        stdout.write("Created the procedure catalogue")
    translate_page(
        catalogue,
        en,
        title="Administrative procedures",
        intro="<p>Procedures received at the Centre. Filter by sector, agency, level or online-service level.</p>",
    )

    centre = CentreSettings.for_site(site)
    if not centre.address:
        centre.address = "Tầng 1, Trung tâm Hành chính tỉnh, số 1 đường Trần Hưng Đạo"
        centre.address_en = (
            "Ground floor, Provincial Administration Centre, 1 Tran Hung Dao Street"
        )
        centre.hotline = "0200 3 888 999"
        centre.email = "hanhchinhcong@example.gov.vn"
        centre.opening_hours = (
            "Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00\nSáng thứ Bảy: 7:30 – 11:30"
        )
        centre.opening_hours_en = "Monday – Friday: 7:30 – 11:30, 13:30 – 17:00\nSaturday morning: 7:30 – 11:30"
        centre.map_url = "https://www.openstreetmap.org/"
        centre.save()


# The centre's counters of the demo agencies (receipts say where to collect).
AGENCY_COUNTERS = {
    "Sở Tài chính": "5",
    "Sở Tư pháp": "6",
    "Sở Nội vụ": "7",
    "Sở Nông nghiệp và Môi trường": "8",
    "Sở Xây dựng": "10",
    "Sở Công Thương": "11",
    "Công an tỉnh": "12",
    "Sở Y tế": "14",
    "Sở Văn hóa, Thể thao và Du lịch": "15",
    "Sở Giáo dục và Đào tạo": "16",
}


def load_catalogue(stdout: TextIO) -> None:
    """Import the sample catalogue once (the importer itself is idempotent),
    then give the agencies their counters at the centre."""
    from cms_pages.models import Agency

    if not ProcedurePage.objects.exists():
        call_command("import_procedures", str(SAMPLE_CATALOGUE), stdout=stdout)
    for name, counter in AGENCY_COUNTERS.items():
        Agency.objects.filter(name=name, counter="").update(counter=counter)
