"""Demo content for the public site around the catalogue, in Vietnamese and English.

Runs after the catalogue import (see DEMO_STEPS): the investor roadmap links
to real procedures of demo/sample-procedures.json by code. Each step is
idempotent: it creates what is missing and leaves existing content alone.
"""

import json
import uuid
from datetime import date
from typing import TextIO

from wagtail.models import Locale

from cms_pages.demo import ensure_locales, translate_page
from cms_pages.models import (
    ContactPage,
    FormField,
    FormPage,
    HomePage,
    InvestmentGuidePage,
    InvestmentIndexPage,
    InvestmentProjectIndexPage,
    InvestmentProjectPage,
    NewsIndexPage,
    NewsPage,
    ProcedureIndexPage,
    ProcedurePage,
    StandardPage,
)
from cms_pages.site_snippets import AlertBanner, NavigationMenu
from cms_pages.snippets import Sector

# The investor roadmap for a project outside the state budget, in order:
# (procedure code, Vietnamese title, English title, only for some projects).
ROADMAP = [
    ("1.009645", "Chấp thuận chủ trương đầu tư", "Investment policy approval", True),
    (
        "2.001987",
        "Cấp Giấy chứng nhận đăng ký đầu tư",
        "Investment registration certificate",
        False,
    ),
    ("1.012763", "Giao đất, cho thuê đất", "Land allocation or lease", False),
    ("1.010732", "Thủ tục về môi trường", "Environmental procedures", True),
    ("1.009974", "Cấp giấy phép xây dựng", "Construction permit", False),
    (
        "1.012418",
        "Thẩm định thiết kế phòng cháy và chữa cháy",
        "Fire-safety design approval",
        False,
    ),
    (
        "2.001601",
        "Đăng ký doanh nghiệp thực hiện dự án",
        "Registering the project company",
        True,
    ),
]

ROADMAP_TEXT_VI = [
    "Dự án đề nghị Nhà nước giao đất, cho thuê đất không qua đấu giá, đấu thầu hoặc thuộc danh mục phải chấp thuận chủ trương phải được Ủy ban nhân dân tỉnh chấp thuận trước khi thực hiện các bước sau.",
    "Bắt buộc với nhà đầu tư nước ngoài và tổ chức kinh tế có vốn đầu tư nước ngoài; nhà đầu tư trong nước có thể đề nghị cấp để thuận lợi khi vay vốn, hưởng ưu đãi.",
    "Sau khi có quyết định chấp thuận chủ trương hoặc giấy chứng nhận đăng ký đầu tư, nhà đầu tư nộp hồ sơ xin giao đất, thuê đất; ký hợp đồng thuê đất và nhận bàn giao đất trên thực địa.",
    "Tùy quy mô và loại hình, dự án phải thực hiện đánh giá tác động môi trường, xin giấy phép môi trường hoặc đăng ký môi trường. Hỏi Sở Nông nghiệp và Môi trường nếu chưa rõ dự án thuộc nhóm nào.",
    "Khi đã có quyền sử dụng đất và thiết kế được thẩm định, chủ đầu tư xin giấy phép xây dựng (trừ công trình được miễn phép).",
    "Công trình thuộc danh mục phải thẩm định thiết kế về phòng cháy và chữa cháy nộp hồ sơ tại Công an tỉnh trước khi thi công; khi hoàn thành phải được nghiệm thu.",
    "Nếu nhà đầu tư thành lập tổ chức kinh tế mới để thực hiện dự án, đăng ký doanh nghiệp tại Sở; bước này có thể làm song song với các bước trên.",
]
ROADMAP_TEXT_EN = [
    "Projects asking for land allocated or leased without auction or tender, or listed as needing approval, must have their investment policy approved by the Provincial People's Committee before the next steps.",
    "Required for foreign investors and foreign-invested companies; domestic investors may also ask for one, which helps with loans and incentives.",
    "Once the policy approval or registration certificate is issued, apply for land allocation or lease, sign the lease contract and take over the site.",
    "Depending on size and type, the project needs an environmental impact assessment, an environmental permit or an environmental registration. Ask the Department of Agriculture and Environment if you are unsure.",
    "With the land rights and an appraised design, apply for the construction permit (unless the works are exempt).",
    "Works on the fire-safety list have their design appraised by the Provincial Police before construction and are inspected on completion.",
    "If you set up a new company to carry out the project, register it with the Department; this can run alongside the steps above.",
]


def _procedure_id(code: str, locale: Locale) -> int | None:
    page = ProcedurePage.objects.filter(code=code, locale=locale).first()
    return page.pk if page else None


def _rich(text: str) -> str:
    return f"<p>{text}</p>"


def _items(values: list) -> list[dict]:
    """ListBlock items in the stored block format (with ids), which wagtail-localize
    needs to extract and translate them."""
    return [
        {"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values
    ]


def _table(rows: list[list[str]]) -> list[dict]:
    return _items([_items(row) for row in rows])


def roadmap_body(locale_vi: Locale, english: bool = False) -> str:
    """The roadmap guide's StreamField as raw JSON (procedures linked by code)."""
    titles_index = 2 if english else 1
    texts = ROADMAP_TEXT_EN if english else ROADMAP_TEXT_VI
    steps = []
    for row, text in zip(ROADMAP, texts, strict=True):
        steps.append(
            {
                "title": row[titles_index],
                "text": _rich(text),
                "procedure": _procedure_id(row[0], locale_vi),
                "optional": row[3],
            }
        )
    if english:
        callout = {
            "tone": "tip",
            "title": "One-stop support for investors",
            "text": "<p>The Investment Promotion Office at the Centre checks your documents before you file and follows your project through every step, free of charge.</p>",
        }
        journey = {
            "title": "Roadmap for a project outside the state budget",
            "intro": "<p>The main procedures in the usual order. Each step links to the procedure with its documents, fees and processing time.</p>",
            "steps": _items(steps),
            "show_total": True,
        }
        table = {
            "caption": "Where to file",
            "rows": _table(
                [
                    ["Step", "Agency", "Where"],
                    [
                        "Policy approval, registration certificate",
                        "Department of Finance",
                        "Public Administration Centre, counter 5",
                    ],
                    [
                        "Land, environment",
                        "Department of Agriculture and Environment",
                        "Counter 8",
                    ],
                    ["Construction permit", "Department of Construction", "Counter 10"],
                    ["Fire safety", "Provincial Police", "Counter 12"],
                ]
            ),
        }
        faq = {
            "title": "Frequently asked questions",
            "items": _items(
                [
                    {
                        "question": "Can steps run at the same time?",
                        "answer": "<p>Yes. Environmental procedures and company registration often run alongside land procedures, which shortens the total.</p>",
                    },
                    {
                        "question": "Can I file online?",
                        "answer": "<p>Most of these procedures accept dossiers online on the national public service portal; the procedure page says which.</p>",
                    },
                ]
            ),
        }
        contact = {
            "name": "Investment Promotion Office",
            "role": "Support for investors",
            "phone": "0200 3 888 777",
            "email": "xuctiendautu@example.gov.vn",
            "address": "Public Administration Centre, counter 5",
            "hours": "Monday – Friday, 7:30 – 17:00",
        }
    else:
        callout = {
            "tone": "tip",
            "title": "Hỗ trợ nhà đầu tư một đầu mối",
            "text": "<p>Phòng Xúc tiến đầu tư tại Trung tâm kiểm tra hồ sơ trước khi nộp và theo dõi dự án qua từng bước, không thu phí.</p>",
        }
        journey = {
            "title": "Lộ trình dự án đầu tư không sử dụng vốn ngân sách",
            "intro": "<p>Các thủ tục chính theo thứ tự thường gặp. Mỗi bước dẫn tới thủ tục với thành phần hồ sơ, lệ phí và thời hạn giải quyết.</p>",
            "steps": _items(steps),
            "show_total": True,
        }
        table = {
            "caption": "Nơi nộp hồ sơ",
            "rows": _table(
                [
                    ["Bước", "Cơ quan", "Nơi nộp"],
                    [
                        "Chủ trương đầu tư, đăng ký đầu tư",
                        "Sở Tài chính",
                        "Trung tâm Phục vụ hành chính công, quầy số 5",
                    ],
                    [
                        "Đất đai, môi trường",
                        "Sở Nông nghiệp và Môi trường",
                        "Quầy số 8",
                    ],
                    ["Giấy phép xây dựng", "Sở Xây dựng", "Quầy số 10"],
                    ["Phòng cháy và chữa cháy", "Công an tỉnh", "Quầy số 12"],
                ]
            ),
        }
        faq = {
            "title": "Câu hỏi thường gặp",
            "items": _items(
                [
                    {
                        "question": "Các bước có làm song song được không?",
                        "answer": "<p>Được. Thủ tục môi trường và đăng ký doanh nghiệp thường làm song song với thủ tục đất đai, giúp rút ngắn tổng thời gian.</p>",
                    },
                    {
                        "question": "Tôi có thể nộp hồ sơ trực tuyến không?",
                        "answer": "<p>Phần lớn các thủ tục này nhận hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia; trang của từng thủ tục ghi rõ mức độ.</p>",
                    },
                ]
            ),
        }
        contact = {
            "name": "Phòng Xúc tiến đầu tư",
            "role": "Hỗ trợ nhà đầu tư",
            "phone": "0200 3 888 777",
            "email": "xuctiendautu@example.gov.vn",
            "address": "Trung tâm Phục vụ hành chính công, quầy số 5",
            "hours": "Thứ Hai – Thứ Sáu, 7:30 – 17:00",
        }
    return json.dumps(
        [
            {"type": "callout", "value": callout},
            {"type": "journey", "value": journey},
            {"type": "table", "value": table},
            {"type": "faq", "value": faq},
            {"type": "contact", "value": contact},
        ],
        ensure_ascii=False,
    )


PROJECTS = [
    {
        "slug": "kcn-tan-phu-mo-rong",
        "vi": (
            "Khu công nghiệp Tân Phú mở rộng giai đoạn 2",
            "Đầu tư xây dựng và kinh doanh hạ tầng khu công nghiệp đa ngành, ưu tiên cơ khí chính xác, điện tử và chế biến nông sản.",
            "Huyện Tân Phú",
            "Xã Phú Lộc và xã Phú Thịnh",
            "100% vốn nhà đầu tư",
        ),
        "en": (
            "Tan Phu Industrial Park, phase 2 extension",
            "Building and running the infrastructure of a multi-sector industrial park, focused on precision engineering, electronics and farm-produce processing.",
            "Huyện Tân Phú",
            "Phu Loc and Phu Thinh communes",
            "100% private capital",
        ),
        "sector": "industry",
        "area": "320",
        "vnd": "4500",
        "usd": "180",
        "status": "calling",
    },
    {
        "slug": "khu-du-lich-ho-dong-xanh",
        "vi": (
            "Khu du lịch sinh thái hồ Đồng Xanh",
            "Khu nghỉ dưỡng, du lịch sinh thái và thể thao dưới nước quanh hồ Đồng Xanh, gắn với bảo tồn rừng phòng hộ.",
            "Huyện Đồng Xanh",
            "Ven hồ Đồng Xanh, xã Xuân Sơn",
            "Vốn nhà đầu tư; có thể liên doanh",
        ),
        "en": (
            "Dong Xanh Lake eco-tourism area",
            "Resort, eco-tourism and water sports around Dong Xanh Lake, together with protection of the watershed forest.",
            "Huyện Đồng Xanh",
            "Dong Xanh lakeside, Xuan Son commune",
            "Private capital; joint ventures welcome",
        ),
        "sector": "tourism",
        "area": "85",
        "vnd": "1200",
        "usd": "48",
        "status": "calling",
    },
    {
        "slug": "trung-tam-logistics-kho-lanh",
        "vi": (
            "Trung tâm logistics và kho lạnh nông sản",
            "Trung tâm phân phối, kho lạnh và sơ chế nông sản phục vụ xuất khẩu, kết nối cao tốc và ga hàng hóa.",
            "Thành phố Phú Lâm",
            "Phường Bắc Lâm, cạnh nút giao cao tốc",
            "100% vốn nhà đầu tư",
        ),
        "en": (
            "Logistics centre and cold storage for farm produce",
            "Distribution centre, cold storage and pre-processing of farm produce for export, next to the expressway and the freight station.",
            "Thành phố Phú Lâm",
            "Bac Lam ward, by the expressway junction",
            "100% private capital",
        ),
        "sector": "trade",
        "area": "25",
        "vnd": "650",
        "usd": "26",
        "status": "selecting",
    },
    {
        "slug": "dien-mat-troi-mai-nha-xuong",
        "vi": (
            "Điện mặt trời mái nhà xưởng khu công nghiệp Tân Phú",
            "Lắp đặt điện mặt trời trên mái các nhà xưởng, cung cấp điện cho doanh nghiệp trong khu công nghiệp.",
            "Huyện Tân Phú",
            "Khu công nghiệp Tân Phú",
            "Hợp đồng mua bán điện trực tiếp",
        ),
        "en": (
            "Rooftop solar power at Tan Phu Industrial Park",
            "Solar panels on factory roofs supplying power to the companies in the industrial park.",
            "Huyện Tân Phú",
            "Tan Phu Industrial Park",
            "Direct power purchase agreement",
        ),
        "sector": "energy",
        "area": "12",
        "vnd": "280",
        "usd": "11",
        "status": "awarded",
    },
]

INCENTIVES_VI = "<ul><li>Miễn tiền thuê đất trong thời gian xây dựng cơ bản, tối đa 3 năm.</li><li>Ưu đãi thuế thu nhập doanh nghiệp theo địa bàn có điều kiện kinh tế - xã hội khó khăn.</li><li>Hỗ trợ giải phóng mặt bằng và đào tạo lao động địa phương.</li></ul>"
INCENTIVES_EN = "<ul><li>No land rent during construction, up to 3 years.</li><li>Corporate income tax incentives for areas with difficult socio-economic conditions.</li><li>Help with site clearance and training local workers.</li></ul>"


def load_investment(stdout: TextIO) -> None:
    """The investment section: roadmap guide, projects and an event registration form."""
    vi, en = ensure_locales()
    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        return
    section = InvestmentIndexPage.objects.child_of(home).first()
    if section is None:
        section = home.add_child(
            instance=InvestmentIndexPage(
                title="Đầu tư",
                slug="dau-tu",
                intro="<p>Thông tin cho nhà đầu tư: môi trường đầu tư của tỉnh, lộ trình thủ tục cho dự án ngoài ngân sách và các dự án đang kêu gọi đầu tư.</p>",
                search_description="Hướng dẫn thủ tục đầu tư, lộ trình dự án và danh mục dự án kêu gọi đầu tư của tỉnh.",
            )
        )
        stdout.write("Created the investment section")
    translate_page(
        section,
        en,
        title="Investment",
        intro="<p>For investors: the province's investment climate, the roadmap of procedures for projects outside the state budget and the projects calling for investment.</p>",
        search_description="Investment procedures, the project roadmap and the projects calling for investment in the province.",
    )

    guide = InvestmentGuidePage.objects.child_of(section).first()
    if guide is None:
        guide = section.add_child(
            instance=InvestmentGuidePage(
                title="Lộ trình thủ tục cho dự án đầu tư ngoài ngân sách",
                slug="lo-trinh-du-an-dau-tu",
                summary="Bảy bước từ chấp thuận chủ trương đầu tư đến đăng ký doanh nghiệp, với thời hạn, lệ phí và cơ quan giải quyết của từng thủ tục.",
                body=roadmap_body(vi),
            )
        )
        stdout.write("Created the investor roadmap")
    translate_page(
        guide,
        en,
        title="Roadmap for a project outside the state budget",
        summary="Seven steps from investment policy approval to company registration, with each procedure's processing time, fee and agency.",
        body=roadmap_body(vi, english=True),
    )

    projects = InvestmentProjectIndexPage.objects.child_of(section).first()
    if projects is None:
        projects = section.add_child(
            instance=InvestmentProjectIndexPage(
                title="Dự án kêu gọi đầu tư",
                slug="du-an-keu-goi-dau-tu",
                intro="<p>Danh mục dự án tỉnh kêu gọi đầu tư. Lọc theo lĩnh vực, địa bàn và tình trạng; liên hệ đầu mối của từng dự án để được cung cấp hồ sơ chi tiết.</p>",
                search_description="Danh mục dự án kêu gọi đầu tư: lĩnh vực, địa điểm, diện tích, vốn dự kiến và ưu đãi.",
            )
        )
    translate_page(
        projects,
        en,
        title="Projects calling for investment",
        intro="<p>Projects the province invites investors to carry out. Filter by sector, location and status; contact each project's office for the full file.</p>",
        search_description="Projects calling for investment: sector, location, area, indicative capital and incentives.",
    )
    for data in PROJECTS:
        project = (
            InvestmentProjectPage.objects.child_of(projects)
            .filter(slug=data["slug"])
            .first()
        )
        title, summary, location, address, form = data["vi"]
        if project is None:
            project = projects.add_child(
                instance=InvestmentProjectPage(
                    title=title,
                    slug=data["slug"],
                    summary=summary,
                    sector=data["sector"],
                    location=location,
                    address=address,
                    area_ha=data["area"],
                    capital_billion_vnd=data["vnd"],
                    capital_million_usd=data["usd"],
                    status=data["status"],
                    form_of_investment=form,
                    incentives=INCENTIVES_VI,
                    contact_name="Phòng Xúc tiến đầu tư",
                    contact_phone="0200 3 888 777",
                    contact_email="xuctiendautu@example.gov.vn",
                )
            )
        title, summary, location, address, form = data["en"]
        translate_page(
            project,
            en,
            title=title,
            summary=summary,
            location=location,
            address=address,
            form_of_investment=form,
            incentives=INCENTIVES_EN,
            contact_name="Investment Promotion Office",
        )

    event = FormPage.objects.child_of(section).first()
    if event is None:
        event = section.add_child(
            instance=FormPage(
                title="Đăng ký tham dự Hội nghị xúc tiến đầu tư 2027",
                slug="dang-ky-hoi-nghi-xuc-tien-dau-tu",
                intro="<p>Hội nghị diễn ra ngày 15/3/2027 tại Trung tâm Hội nghị tỉnh. Đăng ký trước ngày 01/3/2027.</p>",
                thank_you_text="<p>Cảm ơn quý vị đã đăng ký. Ban tổ chức sẽ gửi thư mời qua email trước ngày 05/3/2027.</p>",
                subject="Đăng ký Hội nghị xúc tiến đầu tư",
            )
        )
        _add_fields(
            event,
            vi,
            [
                ("Họ và tên", "singleline", True, "", ""),
                ("Doanh nghiệp hoặc tổ chức", "singleline", True, "", ""),
                ("Email", "email", True, "", "Thư mời được gửi tới địa chỉ này."),
                ("Số điện thoại", "singleline", False, "", ""),
                ("Số người tham dự", "number", True, "", "Tối đa 3 người mỗi đơn vị."),
                (
                    "Lĩnh vực quan tâm",
                    "checkboxes",
                    False,
                    "Công nghiệp\nDu lịch\nNông nghiệp công nghệ cao\nLogistics\nNăng lượng",
                    "",
                ),
            ],
        )
        stdout.write("Created the event registration form")
    _translate_form(
        event,
        en,
        title="Register for the 2027 Investment Promotion Conference",
        intro="<p>The conference takes place on 15 March 2027 at the Provincial Conference Centre. Please register before 1 March 2027.</p>",
        thank_you_text="<p>Thank you for registering. The organisers will email your invitation before 5 March 2027.</p>",
        subject="Investment Promotion Conference registration",
        fields=[
            ("Full name", ""),
            ("Company or organisation", ""),
            ("Email", "We send the invitation to this address."),
            ("Phone number", ""),
            ("Number of participants", "At most 3 people per organisation."),
            ("Sectors of interest", ""),
        ],
        choices={5: "Industry\nTourism\nHigh-tech agriculture\nLogistics\nEnergy"},
    )


def _add_fields(page: FormPage, locale: Locale, rows: list[tuple]) -> None:
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


def _translate_form(
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
    return json.dumps([{"type": "paragraph", "value": _rich(text)}], ensure_ascii=False)


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
    feedback = FormPage.objects.child_of(contact).first()
    if feedback is None:
        feedback = contact.add_child(
            instance=FormPage(
                title="Góp ý, phản ánh",
                slug="gop-y",
                intro="<p>Góp ý về chất lượng phục vụ hoặc phản ánh về thủ tục hành chính. Trung tâm trả lời trong 3 ngày làm việc.</p>",
                thank_you_text="<p>Cảm ơn ông/bà đã gửi ý kiến. Trung tâm sẽ trả lời qua email trong 3 ngày làm việc.</p>",
                subject="Góp ý, phản ánh từ Cổng",
            )
        )
        _add_fields(
            feedback,
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
        )
    _translate_form(
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
        for pid in (_procedure_id(code, vi) for code in popular_codes)
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
