"""Demo content of the investment section, in Vietnamese and English: the
investor roadmap guide, projects calling for investment and an event
registration form.

Runs after the catalogue import (see DEMO_STEPS): the investor roadmap links
to real procedures of demo/sample-procedures.json by code. Each step is
idempotent: it creates what is missing and leaves existing content alone.
The module is long because it is content in two languages, not logic.
"""

import json
import uuid
from typing import TextIO

from wagtail.models import Locale

from cms_pages.models import (
    HomePage,
    InvestmentGuidePage,
    InvestmentIndexPage,
    InvestmentProjectIndexPage,
    InvestmentProjectPage,
)
from demo.site import (
    ensure_form_page,
    ensure_locales,
    procedure_id,
    rich,
    translate_form,
    translate_page,
)

# The investor roadmap for a project outside the state budget, in order. Each
# step: procedure code, titles, how it stands to the others (cms_pages/roadmap.py)
# and, for a conditional step, when it applies (the box an investor ticks).
ROADMAP = [
    {
        "code": "1.009645",
        "vi": "Chấp thuận chủ trương đầu tư",
        "en": "Investment policy approval",
        "relation": "conditional",
        "if_vi": "Dự án phải được chấp thuận chủ trương đầu tư (ví dụ: xin giao đất, thuê đất không qua đấu giá, đấu thầu)",
        "if_en": "The project needs investment policy approval (for example: land without auction or tender)",
    },
    {
        "code": "2.001987",
        "vi": "Cấp Giấy chứng nhận đăng ký đầu tư",
        "en": "Investment registration certificate",
        "relation": "alternative",
        "alternative_to": 1,
    },
    {
        "code": "1.012763",
        "vi": "Giao đất, cho thuê đất",
        "en": "Land allocation or lease",
    },
    {
        "code": "1.010732",
        "vi": "Giấy phép môi trường",
        "en": "Environmental permit",
        "relation": "conditional",
        "if_vi": "Dự án phải có giấy phép môi trường",
        "if_en": "The project needs an environmental permit",
        "parallel_with": 3,
    },
    {
        "code": "1.009974",
        "vi": "Cấp giấy phép xây dựng",
        "en": "Construction permit",
    },
    {
        "code": "1.012418",
        "vi": "Thẩm định thiết kế phòng cháy và chữa cháy",
        "en": "Fire-safety design approval",
        "relation": "conditional",
        "if_vi": "Công trình thuộc danh mục phải thẩm định thiết kế phòng cháy và chữa cháy",
        "if_en": "The works are on the list that needs a fire-safety design approval",
    },
    {
        "code": "2.001601",
        "vi": "Đăng ký doanh nghiệp thực hiện dự án",
        "en": "Registering the project company",
        "relation": "conditional",
        "if_vi": "Nhà đầu tư thành lập doanh nghiệp mới để thực hiện dự án",
        "if_en": "You set up a new company to carry out the project",
        "parallel_with": 3,
    },
]

ROADMAP_TEXT_VI = [
    "Dự án đề nghị Nhà nước giao đất, cho thuê đất không qua đấu giá, đấu thầu hoặc thuộc danh mục phải chấp thuận chủ trương phải được Ủy ban nhân dân tỉnh chấp thuận trước khi thực hiện các bước sau.",
    "Dành cho dự án không phải chấp thuận chủ trương đầu tư: bắt buộc với nhà đầu tư nước ngoài và tổ chức kinh tế có vốn đầu tư nước ngoài; nhà đầu tư trong nước có thể đề nghị cấp để thuận lợi khi vay vốn, hưởng ưu đãi.",
    "Sau khi có quyết định chấp thuận chủ trương hoặc giấy chứng nhận đăng ký đầu tư, nhà đầu tư nộp hồ sơ xin giao đất, thuê đất; ký hợp đồng thuê đất và nhận bàn giao đất trên thực địa.",
    "Tùy quy mô và loại hình, dự án phải xin giấy phép môi trường (có thể làm song song với thủ tục đất đai). Hỏi Sở Nông nghiệp và Môi trường nếu chưa rõ dự án thuộc nhóm nào.",
    "Khi đã có quyền sử dụng đất và thiết kế được thẩm định, chủ đầu tư xin giấy phép xây dựng (trừ công trình được miễn phép).",
    "Công trình thuộc danh mục phải thẩm định thiết kế về phòng cháy và chữa cháy nộp hồ sơ tại Công an tỉnh trước khi thi công; khi hoàn thành phải được nghiệm thu.",
    "Nếu nhà đầu tư thành lập tổ chức kinh tế mới để thực hiện dự án, đăng ký doanh nghiệp tại Sở; bước này có thể làm song song với các bước trên.",
]
ROADMAP_TEXT_EN = [
    "Projects asking for land allocated or leased without auction or tender, or listed as needing approval, must have their investment policy approved by the Provincial People's Committee before the next steps.",
    "For projects that do not need investment policy approval: required for foreign investors and foreign-invested companies; domestic investors may also ask for one, which helps with loans and incentives.",
    "Once the policy approval or registration certificate is issued, apply for land allocation or lease, sign the lease contract and take over the site.",
    "Depending on size and type, the project needs an environmental permit (it can run alongside the land procedures). Ask the Department of Agriculture and Environment if you are unsure.",
    "With the land rights and an appraised design, apply for the construction permit (unless the works are exempt).",
    "Works on the fire-safety list have their design appraised by the Provincial Police before construction and are inspected on completion.",
    "If you set up a new company to carry out the project, register it with the Department; this can run alongside the steps above.",
]


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
    language = "en" if english else "vi"
    texts = ROADMAP_TEXT_EN if english else ROADMAP_TEXT_VI
    steps = []
    for row, text in zip(ROADMAP, texts, strict=True):
        steps.append(
            {
                "title": row[language],
                "text": rich(text),
                "procedure": procedure_id(row["code"], locale_vi),
                "relation": row.get("relation", "required"),
                "condition": row.get(f"if_{language}", ""),
                "alternative_to": row.get("alternative_to"),
                "parallel_with": row.get("parallel_with"),
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

    event, created = ensure_form_page(
        section,
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
        title="Đăng ký tham dự Hội nghị xúc tiến đầu tư 2027",
        slug="dang-ky-hoi-nghi-xuc-tien-dau-tu",
        intro="<p>Hội nghị diễn ra ngày 15/3/2027 tại Trung tâm Hội nghị tỉnh. Đăng ký trước ngày 01/3/2027.</p>",
        thank_you_text="<p>Cảm ơn quý vị đã đăng ký. Ban tổ chức sẽ gửi thư mời qua email trước ngày 05/3/2027.</p>",
        subject="Đăng ký Hội nghị xúc tiến đầu tư",
    )
    if created:
        stdout.write("Created the event registration form")
    translate_form(
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
