"""Demo content around the catalogue: news, a contact page with a feedback form,
an about page, the home page's tiles and popular procedures, menus and an alert
banner, in Vietnamese and English.

Runs after the catalogue and investment steps (see DEMO_STEPS): home tiles link
to sample sectors and the investment section. Each step is idempotent.
"""

import json
from datetime import date
from typing import TextIO

from wagtail.models import Locale

from cms_pages.models import (
    AlertBanner,
    ContactPage,
    FormPage,
    HomePage,
    InvestmentIndexPage,
    NavigationMenu,
    NewsIndexPage,
    NewsPage,
    ProcedureIndexPage,
    Sector,
    StandardPage,
)
from demo.site import (
    ensure_form_page,
    ensure_locales,
    procedure_id,
    rich,
    translate_form,
    translate_page,
)

NEWS = [
    (
        "lich-nghi-tet-dinh-mui-2027",
        "announcement",
        date(2026, 11, 20),
        (
            "Lịch nghỉ Tết Nguyên đán Đinh Mùi 2027",
            "Trung tâm nghỉ Tết từ ngày 04/02/2027 đến hết ngày 10/02/2027 và làm việc trở lại từ ngày 11/02/2027. Hồ sơ trực tuyến vẫn được tiếp nhận trong những ngày nghỉ.",
            "Hồ sơ nộp trực tuyến trong thời gian nghỉ được tiếp nhận và xử lý từ ngày làm việc đầu tiên sau Tết. Kết quả hẹn trả rơi vào ngày nghỉ được lùi sang ngày làm việc tiếp theo.",
        ),
        (
            "Tết holiday opening hours 2027",
            "The Centre is closed from 4 to 10 February 2027 and reopens on 11 February 2027. Online dossiers are still accepted during the holiday.",
            "Dossiers filed online during the holiday are received and processed from the first working day after Tết. Results due on a holiday are returned on the next working day.",
        ),
    ),
    (
        "45-thu-tuc-truc-tuyen-toan-trinh",
        "news",
        date(2026, 11, 10),
        (
            "Thêm 45 thủ tục được nộp hồ sơ trực tuyến",
            "Từ tháng 11/2026, người dân và doanh nghiệp có thể nộp hồ sơ trực tuyến cho 45 thủ tục tiếp nhận tại Trung tâm, trong đó có đăng ký doanh nghiệp và cấp phiếu lý lịch tư pháp.",
            "Người nộp hồ sơ trực tuyến được theo dõi tình trạng hồ sơ bằng mã hồ sơ và nhận thông báo khi có kết quả. Cán bộ Trung tâm hỗ trợ trực tiếp tại quầy hướng dẫn cho người lần đầu sử dụng.",
        ),
        (
            "45 more procedures can be filed online",
            "Since November 2026, citizens and businesses can file online for 45 procedures received at the Centre, including business registration and criminal record certificates.",
            "Online applicants follow their dossier with its code and are told when the result is ready. Staff at the help desk assist first-time users in person.",
        ),
    ),
    (
        "hoi-nghi-xuc-tien-dau-tu-2027",
        "news",
        date(2026, 10, 28),
        (
            "Hội nghị xúc tiến đầu tư năm 2027 nhận đăng ký tham dự",
            "Hội nghị giới thiệu 4 dự án kêu gọi đầu tư và lộ trình thủ tục một đầu mối cho nhà đầu tư, diễn ra ngày 15/3/2027.",
            "Nhà đầu tư đăng ký tham dự trực tuyến tại mục Đầu tư của Cổng. Ban tổ chức bố trí gặp riêng với các sở, ngành theo yêu cầu.",
        ),
        (
            "Registration open for the 2027 Investment Promotion Conference",
            "The conference on 15 March 2027 presents 4 projects calling for investment and the one-stop roadmap of procedures for investors.",
            "Investors register online in the Investment section of the portal. The organisers arrange meetings with departments on request.",
        ),
    ),
]


def _paragraph_body(text: str) -> str:
    return json.dumps([{"type": "paragraph", "value": rich(text)}], ensure_ascii=False)


def load_content(stdout: TextIO) -> None:
    """News, contact page with a feedback form, an about page, home tiles, menus, a banner."""
    vi, en = ensure_locales()
    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        return

    news_index = NewsIndexPage.objects.child_of(home).first()
    if news_index is None:
        news_index = home.add_child(
            instance=NewsIndexPage(title="Tin tức – Thông báo", slug="tin-tuc")
        )
        stdout.write("Created the news section")
    translate_page(news_index, en, title="News and announcements")
    for slug, kind, day, text_vi, text_en in NEWS:
        item = NewsPage.objects.child_of(news_index).filter(slug=slug).first()
        if item is None:
            item = news_index.add_child(
                instance=NewsPage(
                    title=text_vi[0],
                    slug=slug,
                    kind=kind,
                    date=day,
                    intro=text_vi[1],
                    body=_paragraph_body(text_vi[2]),
                )
            )
        translate_page(
            item,
            en,
            title=text_en[0],
            intro=text_en[1],
            body=_paragraph_body(text_en[2]),
        )

    contact = ContactPage.objects.child_of(home).first()
    if contact is None:
        contact = home.add_child(
            instance=ContactPage(
                title="Liên hệ",
                slug="lien-he",
                intro="<p>Đến Trung tâm trong giờ làm việc, gọi đường dây nóng hoặc gửi góp ý, phản ánh qua biểu mẫu dưới đây.</p>",
            )
        )
    translate_page(
        contact,
        en,
        title="Contact us",
        intro="<p>Visit the Centre during opening hours, call the hotline or send us feedback with the form below.</p>",
    )
    feedback, _created = ensure_form_page(
        contact,
        vi,
        [
            ("Họ và tên", "singleline", True, "", ""),
            ("Email", "email", True, "", "Chúng tôi trả lời qua địa chỉ này."),
            ("Số điện thoại", "singleline", False, "", ""),
            ("Loại ý kiến", "radio", True, "Góp ý\nPhản ánh\nHỏi đáp", ""),
            (
                "Nội dung",
                "multiline",
                True,
                "",
                "Ghi rõ tên thủ tục hoặc mã hồ sơ nếu có.",
            ),
        ],
        title="Góp ý, phản ánh",
        slug="gop-y",
        intro="<p>Góp ý về chất lượng phục vụ hoặc phản ánh về thủ tục hành chính. Trung tâm trả lời trong 3 ngày làm việc.</p>",
        thank_you_text="<p>Cảm ơn ông/bà đã gửi ý kiến. Trung tâm sẽ trả lời qua email trong 3 ngày làm việc.</p>",
        subject="Góp ý, phản ánh từ Cổng",
    )
    translate_form(
        feedback,
        en,
        title="Feedback and complaints",
        intro="<p>Tell us about the quality of our service or report a problem with a procedure. We answer within 3 working days.</p>",
        thank_you_text="<p>Thank you for your message. We will answer by email within 3 working days.</p>",
        subject="Feedback from the portal",
        fields=[
            ("Full name", ""),
            ("Email", "We answer to this address."),
            ("Phone number", ""),
            ("Kind of message", ""),
            ("Message", "Give the procedure name or dossier code if you have one."),
        ],
        choices={3: "Suggestion\nComplaint\nQuestion"},
    )

    about = StandardPage.objects.child_of(home).filter(slug="gioi-thieu").first()
    if about is None:
        about = home.add_child(
            instance=StandardPage(
                title="Giới thiệu Trung tâm",
                slug="gioi-thieu",
                intro="Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ, trả kết quả thủ tục hành chính của các sở, ngành tại một địa điểm.",
                body=_paragraph_body(
                    "Trung tâm hướng dẫn, tiếp nhận, số hóa hồ sơ và trả kết quả cho người dân, doanh nghiệp; theo dõi, đôn đốc việc giải quyết hồ sơ đúng hạn; hỗ trợ nhà đầu tư thực hiện thủ tục đầu tư."
                ),
            )
        )
    translate_page(
        about,
        en,
        title="About the Centre",
        intro="The Provincial Public Administration Service Centre receives dossiers and returns results of the departments' procedures in one place.",
        body=_paragraph_body(
            "The Centre advises on, receives and digitises dossiers and returns results to citizens and businesses; it follows up so that dossiers are settled on time, and supports investors through the investment procedures."
        ),
    )

    _load_home_tiles(home, vi, en)
    _load_menus(home, vi, en)
    _load_banner(vi, en)


def _sector_id(name: str, locale: Locale) -> int | None:
    sector = Sector.objects.filter(name=name, locale=locale).first()
    return sector.pk if sector else None


def _load_home_tiles(home: HomePage, vi: Locale, en: Locale) -> None:
    if home.entry_points:
        return
    investment = InvestmentIndexPage.objects.child_of(home).first()
    tiles = [
        (
            "Thành lập doanh nghiệp",
            "Đăng ký doanh nghiệp, hộ kinh doanh",
            "Starting a business",
            "Registering a company or household business",
            {"sector": _sector_id("Thành lập và hoạt động của doanh nghiệp", vi)},
        ),
        (
            "Xây nhà",
            "Giấy phép xây dựng, chứng chỉ hành nghề",
            "Building a house",
            "Construction permits and practising certificates",
            {"sector": _sector_id("Hoạt động xây dựng", vi)},
        ),
        (
            "Đầu tư dự án",
            "Lộ trình thủ tục, dự án kêu gọi đầu tư",
            "Investing in a project",
            "Roadmap of procedures, projects calling for investment",
            {"page": investment.pk if investment else None},
        ),
        (
            "Khai sinh, kết hôn",
            "Đăng ký hộ tịch tại UBND cấp xã",
            "Births and marriages",
            "Civil status registration at the commune",
            {"sector": _sector_id("Hộ tịch", vi)},
        ),
        (
            "Đất đai",
            "Giấy chứng nhận, giao đất, cho thuê đất",
            "Land",
            "Land-use certificates, allocation and lease",
            {"sector": _sector_id("Đất đai", vi)},
        ),
        (
            "Lý lịch tư pháp",
            "Cấp Phiếu lý lịch tư pháp",
            "Criminal record certificate",
            "Getting a criminal record certificate",
            {"sector": _sector_id("Lý lịch tư pháp", vi)},
        ),
    ]

    def stream(english: bool) -> str:
        blocks = []
        for title_vi, text_vi, title_en, text_en, target in tiles:
            value = {
                "title": title_en if english else title_vi,
                "text": text_en if english else text_vi,
                "page": None,
                "sector": None,
                "search": "",
            }
            value.update(target)
            if not value["page"] and not value["sector"]:
                value["search"] = title_en if english else title_vi
            blocks.append({"type": "entry_point", "value": value})
        return json.dumps(blocks, ensure_ascii=False)

    popular_codes = [
        "1.001193",
        "2.001612",
        "1.009995",
        "2.000488",
        "1.000894",
        "1.012805",
    ]
    popular = [
        {"type": "procedure", "value": pid}
        for pid in (procedure_id(code, vi) for code in popular_codes)
        if pid
    ]
    home.entry_points = stream(english=False)
    home.popular_procedures = json.dumps(popular)
    home.save_revision().publish()
    home_en = home.get_translation_or_none(en)
    if home_en is not None:
        home_en = home_en.specific
        home_en.entry_points = stream(english=True)
        home_en.popular_procedures = json.dumps(popular)
        home_en.save_revision().publish()


def _load_menus(home: HomePage, vi: Locale, en: Locale) -> None:
    if NavigationMenu.objects.exists():
        return
    pages = [
        ProcedureIndexPage.objects.child_of(home).first(),
        InvestmentIndexPage.objects.child_of(home).first(),
        NewsIndexPage.objects.child_of(home).first(),
        ContactPage.objects.child_of(home).first(),
    ]
    header_links = [
        {"type": "link", "value": {"text": "", "page": p.pk, "url": ""}}
        for p in pages
        if p
    ]
    header = NavigationMenu.objects.create(
        location="header", title="Menu chính", links=json.dumps(header_links), locale=vi
    )
    header_en = header.copy_for_translation(en)
    header_en.title = "Main menu"
    header_en.save()

    about = StandardPage.objects.child_of(home).filter(slug="gioi-thieu").first()
    contact = ContactPage.objects.child_of(home).first()
    feedback = FormPage.objects.child_of(contact).first() if contact else None

    def footer_links(english: bool) -> str:
        links = [
            {"text": "", "page": about.pk if about else None, "url": ""},
            {"text": "", "page": feedback.pk if feedback else None, "url": ""},
            {
                "text": "National Public Service Portal"
                if english
                else "Cổng Dịch vụ công quốc gia",
                "page": None,
                "url": "https://dichvucong.gov.vn",
            },
        ]
        return json.dumps(
            [{"type": "link", "value": v} for v in links if v["page"] or v["url"]],
            ensure_ascii=False,
        )

    footer = NavigationMenu.objects.create(
        location="footer", title="Liên kết", links=footer_links(False), locale=vi
    )
    footer_en = footer.copy_for_translation(en)
    footer_en.title = "Links"
    footer_en.links = footer_links(True)
    footer_en.save()


def _load_banner(vi: Locale, en: Locale) -> None:
    if AlertBanner.objects.exists():
        return
    banner = AlertBanner.objects.create(
        title="Lịch làm việc dịp Tết Nguyên đán",
        message='<p>Trung tâm nghỉ Tết từ 04/02/2027 đến hết 10/02/2027. Hồ sơ trực tuyến vẫn được tiếp nhận. <a href="/vi/tin-tuc/lich-nghi-tet-dinh-mui-2027/">Xem chi tiết</a></p>',
        tone="warning",
        active=True,
        locale=vi,
    )
    banner_en = banner.copy_for_translation(en)
    banner_en.title = "Tết holiday opening hours"
    banner_en.message = '<p>The Centre is closed from 4 to 10 February 2027. Online dossiers are still accepted. <a href="/en/tin-tuc/lich-nghi-tet-dinh-mui-2027/">Details</a></p>'
    banner_en.save()
