"""Filing a dossier whose procedure has an e-form, in the browser: with
JavaScript in Vietnamese (conditional questions appear as they apply, the
commune list follows the province), without JavaScript in English (every
question shown with its condition, "Add another" as a button), and axe on
every e-form page."""

import re

from playwright.sync_api import Page, expect

from .axe import blocking, run_axe
from .test_dossier import upload_documents

APPLICANT = {
    "full_name": "Trần Thị Hoa",
    "id_number": "001190004567",  # Hà Nội, woman born in 1990
    "birth_date": "27/03/1990",
    "phone": "0912 345 678",
    "email": "hoa@example.vn",
    "address": "43 Tràng Thi, Hoàn Kiếm, Hà Nội",
}


def step_of(tab: Page) -> str:
    match = re.search(
        r"page-dossier--([\w-]+)", tab.locator("body").get_attribute("class") or ""
    )
    return match.group(1) if match else ""


def go_on(tab: Page) -> None:
    tab.locator("form .button-group button[type=submit]").click()
    tab.wait_for_load_state("domcontentloaded")


def axe_clean(tab: Page, axe_source: str) -> None:
    problems = blocking(run_axe(tab, axe_source))
    assert not problems, "\n".join(str(p) for p in problems)


def start(tab: Page, language: str, code: str) -> None:
    tab.goto(f"/{language}/nop-ho-so/{code}/")
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_load_state("domcontentloaded")
    assert step_of(tab) == "applicant", tab.url
    for name, value in APPLICANT.items():
        tab.locator(f"[name='applicant-{name}']").fill(value)
    go_on(tab)


def fill_address(tab: Page, prefix: str, commune: str, street: str) -> None:
    tab.locator(f"[name='{prefix}__province']").select_option("1")
    tab.locator(f"[name='{prefix}__commune']").fill(commune)
    tab.locator(f"[name='{prefix}__street']").fill(street)


def finish(tab: Page) -> None:
    """From "check your answers" (or before it), through the declaration."""
    finish_until_check(tab)
    go_on(tab)
    tab.locator("input[name='declaration-declaration']").check()
    tab.locator("input[name='declaration-consent']").check()
    go_on(tab)


def test_birth_registration_with_javascript_in_vietnamese(new_tab, axe_source):
    tab = new_tab()
    start(tab, "vi", "1.001193")
    assert step_of(tab) == "eform-1"
    expect(tab.locator("h1")).to_have_text("Người được đăng ký khai sinh")
    axe_clean(tab, axe_source)
    go_on(tab)  # empty: the error summary names each question
    expect(tab.locator(".error-summary")).to_contain_text("Họ, chữ đệm, tên")
    axe_clean(tab, axe_source)
    tab.locator("[name='eform-1-child_name']").fill("Nguyễn Minh An")
    tab.locator("#id_eform-1-child_sex_0").check()
    tab.locator("[name='eform-1-child_birth_date']").fill("02/01/2026")
    fill_address(tab, "eform-1-birth_place", "Phường Ba Đình", "Bệnh viện Phụ sản")
    # The commune list of the chosen province came from the API.
    expect(tab.locator("datalist option[value='Phường Hoàn Kiếm']")).to_have_count(1)
    tab.locator("[name='eform-1-ethnicity']").fill("Kinh")
    tab.locator("[name='eform-1-nationality']").fill("Việt Nam")
    go_on(tab)
    assert step_of(tab) == "eform-2", tab.locator(".error-summary").all_inner_texts()
    # The father's questions appear only after "Có".
    tab.locator("[name='eform-2-mother__full_name']").fill("Trần Thị Hoa")
    tab.locator("[name='eform-2-mother__birth_date']").fill("27/03/1990")
    tab.locator("[name='eform-2-mother__id_number']").fill("001190004567")
    father = tab.locator("[data-show-if-name='eform-2-has_father']").first
    expect(father).to_be_hidden()
    tab.locator("#id_eform-2-has_father_0").check()
    expect(father).to_be_visible()
    fill_address(tab, "eform-2-mother_residence", "hoan kiem", "43 Tràng Thi")
    tab.locator("[name='eform-2-father__full_name']").fill("Nguyễn Văn Bình")
    tab.locator("[name='eform-2-father__birth_date']").fill("01/05/1988")
    fill_address(tab, "eform-2-father_residence", "Phường Hoàn Kiếm", "43 Tràng Thi")
    axe_clean(tab, axe_source)
    go_on(tab)
    assert step_of(tab) == "eform-3-1"
    expect(tab.locator("h1")).to_have_text("Quan hệ của bạn với trẻ")
    axe_clean(tab, axe_source)
    tab.locator("#id_eform-3-1-relation_0").check()
    go_on(tab)
    assert step_of(tab) == "eform-3-3"  # "Quan hệ khác" is not asked of the mother
    go_on(tab)
    assert step_of(tab) == "documents"
    expect(tab.locator("main")).to_contain_text("được điền trực tuyến")
    finish_until_check(tab)
    expect(tab.locator("main")).to_contain_text("Nguyễn Minh An")
    expect(tab.locator("main")).to_contain_text("Phường Ba Đình, Thành phố Hà Nội")
    axe_clean(tab, axe_source)
    finish(tab)
    expect(tab.locator("h1")).to_have_text("Đã nộp hồ sơ")
    link = tab.get_by_role("link", name="Tải tờ khai của bạn (PDF)")
    response = tab.request.get(link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")


def finish_until_check(tab: Page) -> None:
    """Documents and delivery, up to "check your answers"."""
    for _ in range(4):
        if step_of(tab) == "check":
            return
        if step_of(tab) == "documents":
            upload_documents(tab)
        elif step_of(tab) == "delivery":
            tab.locator("input[name='delivery-receipt_method']").first.check()
            fees = tab.locator("input[name='delivery-fee']")
            if fees.count():
                fees.first.check()
        go_on(tab)
    assert step_of(tab) == "check", tab.url


def to_household_members(tab: Page) -> None:
    start(tab, "en", "2.000720")
    assert step_of(tab) == "eform-1"
    tab.locator("[name='eform-1-business_name']").fill("Hộ kinh doanh Bình An")
    fill_address(tab, "eform-1-address", "Phuong Hoan Kiem", "5 Hàng Bạc")
    tab.locator("[name='eform-1-lines']").first.check()
    tab.locator("[name='eform-1-capital']").fill("50.000.000")
    go_on(tab)
    assert step_of(tab) == "eform-2", tab.locator(".error-summary").all_inner_texts()
    expect(tab.locator("[name='eform-2-owner__full_name']")).to_have_value(
        "Trần Thị Hoa"
    )
    fill_address(tab, "eform-2-owner_residence", "Phường Hoàn Kiếm", "5 Hàng Bạc")
    tab.locator("#id_eform-2-family_founded_0").check()
    go_on(tab)
    assert step_of(tab) == "eform-3"
    expect(tab.locator("h1")).to_have_text("Household members")


def test_group_page_in_english_passes_axe(new_tab, axe_source):
    tab = new_tab(locale="en-GB")
    to_household_members(tab)
    axe_clean(tab, axe_source)
    tab.get_by_role("button", name="Add another: Member").click()
    tab.wait_for_load_state("domcontentloaded")
    expect(tab.locator(".eform-group__item")).to_have_count(2)
    go_on(tab)  # the summary names the member each problem belongs to
    expect(tab.locator(".error-summary")).to_contain_text("Member 1:")
    axe_clean(tab, axe_source)


def test_household_business_without_javascript_in_english(new_tab):
    tab = new_tab(java_script_enabled=False, locale="en-GB")
    to_household_members(tab)
    tab.locator("[name='eform-3-members__0__person__full_name']").fill("Trần Thị Hoa")
    tab.locator("[name='eform-3-members__0__person__birth_date']").fill("27/03/1990")
    tab.locator("[name='eform-3-members__0__person__id_number']").fill("001190004567")
    tab.locator("[name='eform-3-members__0__person__relationship']").fill("Owner")
    tab.locator("[name='eform-3-members__0__contribution']").fill("30.000.000")
    tab.get_by_role("button", name="Add another: Member").click()
    tab.wait_for_load_state("domcontentloaded")
    expect(tab.locator("[name='eform-3-members__0__person__full_name']")).to_have_value(
        "Trần Thị Hoa"
    )
    tab.locator("[name='eform-3-members__1__person__full_name']").fill(
        "Nguyễn Văn Bình"
    )
    tab.locator("[name='eform-3-members__1__person__birth_date']").fill("01/05/1988")
    tab.locator("[name='eform-3-members__1__person__id_number']").fill("001088004567")
    tab.locator("[name='eform-3-members__1__person__relationship']").fill("Husband")
    tab.locator("[name='eform-3-members__1__contribution']").fill("20.000.000")
    go_on(tab)
    assert step_of(tab) == "documents", tab.locator(".error-summary").all_inner_texts()
    finish_until_check(tab)
    expect(tab.locator("main")).to_contain_text("Member 2")
    expect(tab.locator("main")).to_contain_text("Nguyễn Văn Bình")
    finish(tab)
    expect(tab.locator(".receipt__code")).to_be_visible()
    code = tab.locator(".receipt__code").inner_text().strip()
    verify = tab.locator(".receipt__verify").inner_text().strip()
    tab.goto(f"/en/tra-cuu-ho-so/?code={code}&verify={verify}")
    main = tab.locator("main")
    expect(main).to_contain_text("Application for registration of a household business")
    expect(main).not_to_contain_text("Nguyễn Văn Bình")
