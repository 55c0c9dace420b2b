"""Demo questions and answers (hỏi đáp): thirteen published answers across
several procedures, the centre itself and both languages, plus questions
that must stay hidden everywhere public: two waiting for an answer (one
overdue), one answered but kept private, one waiting for moderation.

Deterministic (dates counted back from today in working days), idempotent
(skipped when demo questions exist). Questions are routed and dated by the
app's own rules (portal.questions.services); the procedures they mention
are re-indexed after the commit so search finds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TextIO

from django.utils import timezone
from wagtail.models import Locale

from cms_pages.chrome import NavigationMenu
from cms_pages.models import ProcedurePage
from portal.dossiers.calendar import load_calendar
from portal.questions.models import (
    Publication,
    Question,
    QuestionKind,
    QuestionStatus,
    Topic,
)
from portal.questions.services import Asked, due_date_for, responsible_agency

PREFIX = "HD-DEMO-"


@dataclass
class DemoQuestion:
    """One demo question; `answered_after` None = not answered yet."""

    code: str  # procedure code, "" for the centre itself
    subject: str
    body: str
    answer: str = ""
    language: str = "vi"
    kind: str = QuestionKind.QUESTION
    asked_days_ago: int = 30
    answered_after: int | None = 3  # working days
    publication: str = Publication.PUBLISHED
    allow_publication: bool = True


PUBLISHED = [
    DemoQuestion(
        "1.001193",
        "Đăng ký khai sinh khi cha mẹ chưa đăng ký kết hôn",
        "Vợ chồng tôi chưa đăng ký kết hôn. Khi đăng ký khai sinh cho con, "
        "có ghi được tên người cha vào giấy khai sinh không?",
        "<p>Được. Khi cha mẹ chưa đăng ký kết hôn, cơ quan đăng ký hộ tịch "
        "giải quyết đồng thời việc đăng ký khai sinh và nhận cha con nếu người "
        "cha có yêu cầu; cha, mẹ cùng có mặt và nộp thêm chứng cứ chứng minh "
        "quan hệ cha con.</p><p>Căn cứ: Điều 15 Nghị định 123/2015/NĐ-CP.</p>",
        asked_days_ago=80,
        answered_after=4,
    ),
    DemoQuestion(
        "1.001193",
        "Đăng ký khai sinh quá 60 ngày có bị phạt không?",
        "Con tôi sinh được 70 ngày mà chưa đăng ký khai sinh. Bây giờ đi đăng "
        "ký có bị phạt tiền không, cần mang theo giấy tờ gì?",
        "<p>Việc đăng ký khai sinh quá hạn vẫn được giải quyết như đăng ký "
        "đúng hạn. Người có trách nhiệm đăng ký khai sinh mà không đăng ký "
        "đúng thời hạn có thể bị phạt cảnh cáo (Điều 37 Nghị định "
        "82/2020/NĐ-CP).</p><ul><li>Giấy chứng sinh;</li><li>Giấy tờ tùy thân "
        "của người đi đăng ký.</li></ul>",
        asked_days_ago=45,
        answered_after=2,
    ),
    DemoQuestion(
        "1.001193",
        "Registering the birth of a child whose father is a foreigner",
        "My husband is a foreign national and our baby was born here. Where do "
        "we register the birth, and which papers does my husband need?",
        "<p>The birth of a child with one Vietnamese and one foreign parent is "
        "registered at the People's Committee of the commune where the "
        "Vietnamese parent resides.</p><p>Bring the birth certificate from the "
        "hospital, both parents' identity papers (the father's passport) and, "
        "if the parents agree on the child's nationality, their written "
        "agreement.</p>",
        language="en",
        asked_days_ago=20,
        answered_after=5,
    ),
    DemoQuestion(
        "2.001612",
        "Một người có được thành lập hai doanh nghiệp tư nhân không?",
        "Tôi đang là chủ một doanh nghiệp tư nhân. Tôi có được thành lập thêm "
        "một doanh nghiệp tư nhân khác ở huyện bên cạnh không?",
        "<p>Không. Mỗi cá nhân chỉ được quyền thành lập một doanh nghiệp tư "
        "nhân; chủ doanh nghiệp tư nhân cũng không được đồng thời là chủ hộ "
        "kinh doanh hoặc thành viên hợp danh của công ty hợp danh (khoản 3 "
        "Điều 188 Luật Doanh nghiệp 2020).</p><p>Ông/bà có thể thành lập "
        "công ty trách nhiệm hữu hạn hoặc công ty cổ phần.</p>",
        asked_days_ago=60,
        answered_after=6,
    ),
    DemoQuestion(
        "2.001612",
        "Nộp hồ sơ đăng ký doanh nghiệp qua mạng có phải nộp lệ phí?",
        "Tôi muốn đăng ký doanh nghiệp tư nhân qua Cổng dịch vụ công. Nộp qua "
        "mạng thì lệ phí có khác nộp trực tiếp không?",
        "<p>Hồ sơ đăng ký doanh nghiệp nộp qua mạng điện tử được miễn lệ phí "
        "đăng ký doanh nghiệp. Mức phí, lệ phí khác được ghi tại mục "
        "<b>Phí, lệ phí</b> của trang thủ tục.</p>",
        asked_days_ago=15,
        answered_after=9,
    ),
    DemoQuestion(
        "2.000720",
        "Hộ kinh doanh được sử dụng bao nhiêu lao động?",
        "Trước đây hộ kinh doanh chỉ được dùng dưới 10 lao động. Quy định này "
        "hiện nay còn áp dụng không?",
        "<p>Không còn. Nghị định 01/2021/NĐ-CP về đăng ký doanh nghiệp không "
        "giới hạn số lao động của hộ kinh doanh (giới hạn dưới 10 lao động "
        "thuộc Nghị định 78/2015/NĐ-CP, đã hết hiệu lực).</p>",
        asked_days_ago=100,
        answered_after=3,
    ),
    DemoQuestion(
        "1.009995",
        "Sửa chữa bên trong nhà ở có cần giấy phép xây dựng?",
        "Tôi muốn sửa lại nhà vệ sinh và lát lại nền bên trong nhà, không đụng "
        "đến tường chịu lực. Có phải xin giấy phép xây dựng không?",
        "<p>Không. Sửa chữa, cải tạo bên trong công trình không làm thay đổi "
        "kết cấu chịu lực, công năng sử dụng và kiến trúc mặt ngoài thì được "
        "miễn giấy phép xây dựng (Điều 89 Luật Xây dựng 2014, sửa đổi năm "
        "2020).</p>",
        asked_days_ago=35,
        answered_after=4,
    ),
    DemoQuestion(
        "2.000488",
        "Làm phiếu lý lịch tư pháp mất bao lâu?",
        "Tôi cần phiếu lý lịch tư pháp số 1 để nộp hồ sơ xin việc. Thời gian "
        "cấp phiếu là bao lâu?",
        "<p>Không quá 10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp "
        "phải xác minh thì không quá 15 ngày (Điều 48 Luật Lý lịch tư pháp "
        "2009).</p>",
        asked_days_ago=25,
        answered_after=2,
    ),
    DemoQuestion(
        "2.000488",
        "Criminal record certificate for a foreigner who used to live here",
        "I worked in the province for three years and have now left Viet Nam. "
        "Can I still ask for a criminal record certificate?",
        "<p>Yes. A foreigner who resided in Viet Nam may ask the Department of "
        "Justice of the province where they resided. The request can be sent "
        "by post or through an authorised person, with a copy of the "
        "passport.</p>",
        language="en",
        asked_days_ago=12,
        answered_after=3,
    ),
    DemoQuestion(
        "1.000105",
        "How long is a work permit valid?",
        "Our company will hire a foreign engineer for a three-year project. "
        "For how long can a work permit be issued?",
        "<p>A work permit is valid for at most two years, and can be extended "
        "once for up to two more years (Decree 152/2020/ND-CP).</p>",
        language="en",
        asked_days_ago=55,
        answered_after=5,
    ),
    DemoQuestion(
        "1.012912",
        "Đổi giấy phép lái xe ở tỉnh khác nơi cư trú được không?",
        "Tôi thường trú ở tỉnh khác nhưng đang làm việc tại đây. Tôi có đổi "
        "giấy phép lái xe tại Trung tâm được không?",
        "<p>Được. Việc đổi giấy phép lái xe không phụ thuộc nơi cư trú: "
        "ông/bà nộp hồ sơ tại Trung tâm hoặc trực tuyến trên Cổng dịch vụ "
        "công.</p>",
        asked_days_ago=18,
        answered_after=1,
    ),
    DemoQuestion(
        "",
        "Trung tâm có làm việc sáng thứ Bảy không?",
        "Tôi đi làm cả tuần, chỉ rảnh sáng thứ Bảy. Trung tâm có nhận hồ sơ "
        "vào sáng thứ Bảy không?",
        "<p>Có. Trung tâm tiếp nhận và trả kết quả hồ sơ sáng thứ Bảy từ 7 "
        "giờ 30 đến 11 giờ 30.</p>",
        asked_days_ago=40,
        answered_after=1,
    ),
    DemoQuestion(
        "1.000894",
        "Phản ánh: chờ lâu tại quầy hộ tịch",
        "Sáng thứ Hai tôi chờ hơn một giờ tại quầy hộ tịch để nộp hồ sơ đăng "
        "ký kết hôn. Đề nghị Trung tâm bố trí thêm cán bộ vào đầu tuần.",
        "<p>Trung tâm cảm ơn phản ánh của ông/bà. Từ tháng này, quầy hộ tịch "
        "bố trí thêm một cán bộ vào sáng thứ Hai; ông/bà cũng có thể đặt lịch "
        "hẹn trước để không phải chờ.</p>",
        kind=QuestionKind.REPORT,
        asked_days_ago=28,
        answered_after=8,
    ),
]

HIDDEN = [
    DemoQuestion(
        "2.001612",
        "Vốn tối thiểu để mở doanh nghiệp tư nhân",
        "Doanh nghiệp tư nhân có phải góp vốn tối thiểu không?",
        asked_days_ago=2,
        answered_after=None,
    ),
    DemoQuestion(
        "1.001193",
        "Khai sinh cho con nuôi",
        "Tôi nhận nuôi một bé chưa có giấy khai sinh, thủ tục thế nào?",
        asked_days_ago=20,
        answered_after=None,
    ),
    DemoQuestion(
        "1.001193",
        "Sai tên mẹ trong giấy khai sinh",
        "Giấy khai sinh của con tôi ghi sai tên mẹ là Nguyễn Thị Hoa, số điện "
        "thoại của tôi là 0912 000 111, xin hướng dẫn sửa.",
        "<p>Ông/bà làm thủ tục cải chính hộ tịch tại UBND cấp xã.</p>",
        asked_days_ago=14,
        answered_after=2,
        publication=Publication.PRIVATE,
        allow_publication=False,
    ),
    DemoQuestion(
        "2.000488",
        "Phiếu lý lịch tư pháp số 2 dùng làm gì?",
        "Phiếu số 2 khác phiếu số 1 thế nào?",
        "<p>Phiếu số 2 ghi đầy đủ án tích, kể cả án tích đã được xóa.</p>",
        asked_days_ago=6,
        answered_after=1,
        publication=Publication.PENDING,
    ),
]


MENU_TEXT = {"vi": "Hỏi đáp", "en": "Questions and answers"}


def add_menu_links() -> None:
    """The Q&A index in each language's main menu (the general way in to
    asking), once: editors may move or remove it like any other link."""
    for menu in NavigationMenu.objects.filter(location="header").select_related(
        "locale"
    ):
        language = menu.locale.language_code
        url = f"/{language}/hoi-dap/"
        if language not in MENU_TEXT or any(
            block.value.get("url") == url for block in menu.links
        ):
            continue
        menu.links.append(("link", {"text": MENU_TEXT[language], "url": url}))
        menu.save()


def load_questions(stdout: TextIO) -> None:
    """Create the demo questions once; re-index their procedures after commit."""
    add_menu_links()
    if Question.objects.filter(reference__startswith=PREFIX).exists():
        stdout.write("Demo questions: already loaded.")
        return
    calendar = load_calendar()
    default = Locale.get_default()
    procedures = {
        page.code: page
        for page in ProcedurePage.objects.filter(locale=default).select_related(
            "agency", "sector"
        )
    }
    created = []
    for number, item in enumerate(PUBLISHED + HIDDEN, start=1):
        procedure = procedures.get(item.code)
        if item.code and procedure is None:
            continue
        created.append(_create(number, item, procedure, calendar))
    public = [q for q in created if q.is_public]
    stdout.write(
        f"Demo questions: {len(created)} ({len(public)} published, "
        f"{len(created) - len(public)} hidden)."
    )
    from search.signals import schedule

    schedule({q.procedure.translation_key for q in created if q.procedure_id})


def _create(number: int, item: DemoQuestion, procedure, calendar) -> Question:
    today = timezone.localdate()
    received = timezone.make_aware(
        datetime.combine(today - timedelta(days=item.asked_days_ago), time(9, 15))
    )
    topic = Topic.PROCEDURE if procedure else Topic.CENTRE
    asked = Asked(
        kind=item.kind,
        topic=topic,
        subject=item.subject,
        body=item.body,
        asker_name="Người hỏi (demo)",
        procedure=procedure,
        language=item.language,
    )
    question = Question(
        reference=f"{PREFIX}{number:03d}",
        kind=item.kind,
        topic=topic,
        procedure=procedure,
        procedure_code=procedure.code if procedure else "",
        sector=procedure.sector if procedure else None,
        agency=responsible_agency(asked),
        language=item.language,
        subject=item.subject,
        body=item.body,
        asker_name=asked.asker_name,
        asker_phone="0912000000",
        allow_publication=item.allow_publication,
        received_at=received,
        due_date=due_date_for(received, calendar=calendar),
    )
    if item.answered_after is not None:
        answered_on = calendar.add_working_days(
            calendar.receipt_day(received), item.answered_after
        )
        question.answered_at = min(
            timezone.make_aware(datetime.combine(answered_on, time(14, 30))),
            timezone.now() - timedelta(hours=1),
        )
        question.answer = item.answer
        question.status = QuestionStatus.ANSWERED
        question.answer_working_days = item.answered_after
        question.answered_on_time = answered_on <= question.due_date
        question.publication = item.publication
        if item.publication == Publication.PUBLISHED:
            question.public_subject = item.subject
            question.public_body = item.body
            question.published_at = min(
                question.answered_at + timedelta(hours=20), timezone.now()
            )
    question.save()
    return question
