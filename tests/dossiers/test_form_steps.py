"""Form steps as GOV.UK would have them: the error summary in field order,
dates that do not exist, fees that add up, the postal address revealed only
for post (without JavaScript)."""

import re

import pytest

from .conftest import APPLICANT, make_procedure, pdf

pytestmark = pytest.mark.django_db


def summary_links(html: str) -> list[str]:
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    return re.findall(r'href="#([^"]+)"', summary)


def test_error_summary_follows_the_order_of_the_fields(walker):
    walker.start()
    walker.post("applicant_type", {"applicant_type": "individual"})
    response = walker.post(
        "applicant",
        {
            "full_name": "",
            "id_number": "123",  # checked in clean(), after the other fields
            "birth_date": "27/03/1990",
            "phone": "abc",
            "email": "",
            "address": "",
        },
    )
    assert response.status_code == 200
    assert summary_links(response.content.decode()) == [
        "id_applicant-full_name",
        "id_applicant-id_number",
        "id_applicant-phone",
        "id_applicant-address",
    ]


@pytest.mark.parametrize(
    ("language", "message"),
    [("vi", "Ngày 31/02/1990 không tồn tại"), ("en", "31/02/1990 does not exist")],
)
def test_a_date_that_does_not_exist_says_so(client, procedure, language, message):
    from .conftest import WizardWalker

    walker = WizardWalker(client, procedure, language=language)
    walker.start()
    walker.post("applicant_type", {"applicant_type": "individual"})
    data = dict(APPLICANT, birth_date="31/02/1990")
    html = walker.post("applicant", data).content.decode()
    assert message in html
    assert "ngày/tháng/năm, ví dụ" not in html and "as day/month/year" not in html
    # A badly written date still gets the format message.
    html = walker.post("applicant", dict(APPLICANT, birth_date="1990")).content.decode()
    assert "không tồn tại" not in html and "does not exist" not in html
    assert "ngày/tháng/năm, ví dụ" in html or "as day/month/year" in html


def walk_to_delivery(walker):
    walker.start()
    walker.post("applicant_type", {"applicant_type": "individual"})
    walker.post("applicant", APPLICANT)
    first, second, _ = walker.document_fields()
    walker.post("documents", files={first: pdf(), second: pdf()})
    return walker.client.get(walker.step_url("delivery")).content.decode()


def test_fees_that_add_up_are_a_total_not_a_question(client, site_tree):
    from .conftest import WizardWalker

    procedure = make_procedure(
        site_tree,
        code="2.000010",
        fees=(("Lệ phí đăng ký", 50000), ("Phí công bố", 100000)),
    )
    html = walk_to_delivery(WizardWalker(client, procedure))
    assert 'name="delivery-fee"' not in html
    assert "150.000 đ" in html
    # Each fee is listed once.
    assert html.count("Phí công bố") == 1


def test_alternative_fees_are_one_question_listed_once(client, site_tree):
    from cms_pages.models import ProcedureFee

    from .conftest import WizardWalker

    procedure = make_procedure(
        site_tree,
        code="2.000011",
        fees=(("Khu vực thành phố", 2200000), ("Khu vực khác", 1100000)),
    )
    ProcedureFee.objects.filter(page=procedure).update(applies="alternative")
    html = walk_to_delivery(WizardWalker(client, procedure))
    assert html.count('name="delivery-fee"') == 2
    assert html.count("Khu vực khác") == 1


def test_postal_address_is_revealed_under_the_post_choice(walker):
    html = walk_to_delivery(walker)
    post_item = re.search(
        r'<div class="radios__item[^"]*">\s*<input[^>]*value="post".*?</div>\s*</div>',
        html,
        re.S,
    ).group(0)
    # The address field sits inside the "by post" choice, in a block that CSS
    # hides until the choice is checked (no JavaScript needed).
    assert 'class="radios__conditional"' in post_item
    assert 'name="delivery-postal_address"' in post_item
    assert html.count('name="delivery-postal_address"') == 1
    response = walker.post("delivery", {"receipt_method": "post"})
    html = response.content.decode()
    assert "Nhập địa chỉ để gửi kết quả qua bưu chính." in html
    assert re.search(r'value="post"[^>]*checked', html)
