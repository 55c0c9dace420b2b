"""Build the evaluation catalogue and judged queries from their plain-text sources.

    python benchmarks/evalset/build.py      # writes procedures.json, queries.json

Sources (hand-written, reviewed in diffs):
- `procedures.psv`: one generated procedure per line, in the national naming
  patterns (action + object + scope), with sector, agency, level, result and
  sometimes an English name. This script completes every record the way
  national exports look: dossier documents and steps from the action and the
  sector, fees, legal basis, a made-up national-format code.
- `queries.txt`: judged queries written the way citizens type them, with the
  procedures they want (by key of `procedures.psv`, or by sample code).

Outputs (what `benchmarks/relevance.py` and the tests read):
- `procedures.json`: the 45 sample procedures plus the generated ones, valid
  against `demo/procedures.schema.json`;
- `queries.json`: every query with its kind, grades and split (`dev` or
  `test`). The split is fixed by a hash of the query text, stratified by
  kind, so adding a query never moves another one between splits.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLE = ROOT / "demo" / "sample-procedures.json"

SECTOR_EN = {
    "Hộ tịch": "Civil status",
    "Chứng thực": "Certification",
    "Luật sư": "Lawyers",
    "Trợ giúp pháp lý": "Legal aid",
    "Quốc tịch": "Nationality",
    "Nuôi con nuôi": "Adoption",
    "Đăng ký, quản lý cư trú": "Residence",
    "Định danh và xác thực điện tử": "Electronic identification",
    "Quản lý xuất nhập cảnh": "Immigration",
    "Đăng ký, quản lý phương tiện giao thông": "Vehicle registration",
    "Đường bộ": "Road transport",
    "Đất đai": "Land",
    "Hoạt động xây dựng": "Construction activities",
    "Nhà ở": "Housing",
    "Kinh doanh bất động sản": "Real estate business",
    "Thành lập và hoạt động của doanh nghiệp": "Enterprise establishment and operation",
    "Thành lập và hoạt động của hợp tác xã": "Cooperatives",
    "Thuế": "Taxation",
    "Đầu tư tại Việt Nam": "Investment in Vietnam",
    "Lao động": "Labour",
    "Bảo hiểm xã hội": "Social insurance",
    "Bảo hiểm y tế": "Health insurance",
    "Bảo trợ xã hội": "Social protection",
    "Giáo dục và Đào tạo": "Education and training",
    "Văn bằng, chứng chỉ": "Diplomas and certificates",
    "Thi, tuyển sinh": "Examinations and admissions",
    "Khám bệnh, chữa bệnh": "Medical examination and treatment",
    "An toàn thực phẩm và Dinh dưỡng": "Food safety and nutrition",
    "Du lịch": "Tourism",
    "Văn hóa": "Culture",
    "Quảng cáo": "Advertising",
    "Phát thanh, truyền hình và thông tin điện tử": "Broadcasting and online information",
    "Bưu chính": "Postal services",
    "Tiêu chuẩn đo lường chất lượng": "Standards, metrology and quality",
    "Lưu thông hàng hóa trong nước": "Domestic trade",
    "Kinh doanh xăng dầu": "Petroleum trading",
    "Điện": "Electricity",
    "Xúc tiến thương mại": "Trade promotion",
    "Xuất nhập khẩu": "Import and export",
    "Tài nguyên nước": "Water resources",
    "Môi trường": "Environment",
    "Thú y": "Veterinary",
    "Thủy sản": "Fisheries",
    "Trồng trọt": "Crop production",
    "Quản lý con dấu": "Seals",
    "Tổ chức phi chính phủ": "Associations",
    "Lãnh sự": "Consular affairs",
    "Nghĩa vụ quân sự": "Military service",
    "Giải quyết khiếu nại": "Complaints",
}
AGENCY_EN = {
    "UBND cấp xã": "Commune-level People's Committee",
    "UBND tỉnh": "Provincial People's Committee",
    "Sở Tư pháp": "Department of Justice",
    "Công an cấp xã": "Commune Police",
    "Sở Xây dựng": "Department of Construction",
    "Sở Nông nghiệp và Môi trường": "Department of Agriculture and Environment",
    "Sở Tài chính": "Department of Finance",
    "Sở Nội vụ": "Department of Home Affairs",
    "Sở Y tế": "Department of Health",
    "Sở Giáo dục và Đào tạo": "Department of Education and Training",
    "Sở Văn hóa, Thể thao và Du lịch": "Department of Culture, Sports and Tourism",
    "Sở Khoa học và Công nghệ": "Department of Science and Technology",
    "Sở Công Thương": "Department of Industry and Trade",
    "Bảo hiểm xã hội tỉnh": "Provincial Social Security",
    "Thuế tỉnh": "Provincial Tax Department",
    "Văn phòng đăng ký đất đai": "Land Registration Office",
    "Ban Chỉ huy quân sự cấp xã": "Commune Military Command",
    "Sở Ngoại vụ": "Department of Foreign Affairs",
    "Thanh tra tỉnh": "Provincial Inspectorate",
    # "Công an tỉnh" keeps the English name the sample gave it.
}

# Documents every dossier of a sector asks for, besides the application.
SECTOR_DOCUMENTS = {
    "Hộ tịch": ["Giấy tờ tùy thân (thẻ căn cước, hộ chiếu) của người yêu cầu"],
    "Chứng thực": ["Giấy tờ tùy thân của người yêu cầu chứng thực"],
    "Đất đai": [
        "Giấy chứng nhận quyền sử dụng đất đã cấp (bản gốc)",
        "Trích lục bản đồ địa chính hoặc sơ đồ thửa đất",
    ],
    "Hoạt động xây dựng": [
        "Bản vẽ thiết kế xây dựng",
        "Giấy tờ chứng minh quyền sử dụng đất",
    ],
    "Thành lập và hoạt động của doanh nghiệp": [
        "Điều lệ công ty",
        "Danh sách thành viên, cổ đông sáng lập",
        "Bản sao giấy tờ pháp lý của cá nhân",
    ],
    "Thành lập và hoạt động của hộ kinh doanh": [
        "Bản sao giấy tờ pháp lý của chủ hộ kinh doanh"
    ],
    "Thuế": ["Tờ khai thuế theo mẫu", "Chứng từ liên quan đến nghĩa vụ thuế"],
    "Bảo hiểm xã hội": ["Sổ bảo hiểm xã hội", "Giấy tờ y tế liên quan (nếu có)"],
    "Khám bệnh, chữa bệnh": [
        "Danh sách người hành nghề",
        "Bản kê khai cơ sở vật chất, thiết bị y tế",
    ],
    "Đường bộ": ["Giấy khám sức khỏe của người lái xe", "Bản sao thẻ căn cước"],
    "Đăng ký, quản lý phương tiện giao thông": [
        "Chứng từ nguồn gốc xe",
        "Chứng từ lệ phí trước bạ",
    ],
    "Lao động": ["Phiếu lý lịch tư pháp", "Giấy chứng nhận sức khỏe", "Hộ chiếu"],
    "Phòng cháy chữa cháy": ["Hồ sơ thiết kế về phòng cháy và chữa cháy"],
    "Quản lý xuất nhập cảnh": ["Hộ chiếu", "Ảnh chân dung 4x6"],
}
DEFAULT_DOCUMENTS = ["Bản sao giấy tờ chứng minh đủ điều kiện theo quy định"]

# National naming patterns: the action a name starts with decides the form
# the applicant fills in.
ACTION_FORMS = [
    (r"^(Cấp lại|Cấp đổi|Cấp)\b", "Đơn đề nghị {lower}"),
    (r"^(Đăng ký|Đăng ký lại)\b", "Tờ khai {lower}"),
    (r"^(Thông báo|Khai báo|Trình báo)\b", "Văn bản {lower}"),
    (r"^(Gia hạn|Điều chỉnh|Thay đổi|Chỉnh sửa|Đính chính)\b", "Đơn đề nghị {lower}"),
    (r"^(Giải quyết|Thực hiện|Hỗ trợ|Trợ giúp)\b", "Đơn đề nghị {lower}"),
    (
        r"^(Thẩm định|Phê duyệt|Kiểm tra|Nghiệm thu|Kiểm định)\b",
        "Văn bản đề nghị {lower}",
    ),
]

STEPS_VI = [
    "Tổ chức, cá nhân nộp hồ sơ trực tiếp tại Trung tâm Phục vụ hành chính công, "
    "qua dịch vụ bưu chính hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.",
    "{agency} tiếp nhận, kiểm tra hồ sơ; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung "
    "một lần bằng văn bản.",
    "{agency} thẩm định, giải quyết và trả kết quả theo thời hạn quy định.",
]
STEPS_EN = [
    "Submit the dossier at the Public Administration Service Centre, by post or "
    "online on the National Public Service Portal.",
    "The agency checks the dossier and asks once, in writing, for anything missing.",
    "The agency decides and returns the result within the statutory time.",
]


def code_for(key: str, taken: set[str]) -> str:
    """A stable, unique national-format code ("1.01xxxx" / "2.002xxx") per key."""
    number = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16)  # noqa: S324
    while True:
        if number % 3:
            code = f"1.0{13000 + number % 3000:05d}"
        else:
            code = f"2.00{2100 + number % 900:04d}"
        if code not in taken:
            taken.add(code)
            return code
        number += 1


def application_form(name: str) -> str:
    lower = name[0].lower() + name[1:]
    for pattern, template in ACTION_FORMS:
        if re.match(pattern, name):
            return template.format(lower=lower)
    return f"Đơn đề nghị {lower}"


def record_for(fields: list[str], code: str) -> dict:
    key, name, sector, agency, level, online, days, result = fields[:8]
    keywords, en_name, en_result = (fields[8:] + ["", "", ""])[:3]
    number = int(hashlib.sha1(key.encode()).hexdigest()[8:12], 16)  # noqa: S324
    documents = [{"name": application_form(name), "originals": 1}]
    for i, doc in enumerate(SECTOR_DOCUMENTS.get(sector, DEFAULT_DOCUMENTS)):
        documents.append(
            {"name": doc, "copies": 1} if i else {"name": doc, "originals": 1}
        )
    documents.append(
        {
            "name": "Văn bản ủy quyền (trường hợp nộp thay)",
            "originals": 1,
            "required": False,
        }
    )
    fee = (number % 5) * 50_000
    record = {
        "code": code,
        "name": name,
        "sector": sector,
        "agency": agency,
        "level": level,
        "online_service": online,
        "applicant_types": ["individual", "organization"][: 1 + number % 2],
        "channels": ["in_person", "online", "postal"]
        if online != "none"
        else ["in_person", "postal"],
        "processing_time_days": float(days) if "." in days else int(days),
        "fees": [{"label": "Lệ phí giải quyết thủ tục", "amount_vnd": fee or None}]
        if number % 4
        else [],
        "documents": documents,
        "steps": [step.format(agency=agency) for step in STEPS_VI],
        "legal_basis": [f"Nghị định số {10 + number % 180}/2024/NĐ-CP của Chính phủ"],
        "result": result,
    }
    if keywords:
        record["keywords"] = [k.strip() for k in keywords.split(";") if k.strip()]
    if en_name:
        translation = {"name": en_name, "steps": STEPS_EN}
        if sector in SECTOR_EN:
            translation["sector"] = SECTOR_EN[sector]
        if agency in AGENCY_EN:
            translation["agency"] = AGENCY_EN[agency]
        if en_result:
            translation["result"] = en_result
        record["translations"] = {"en": translation}
    return record


def read_lines(path: Path) -> list[str]:
    return [
        line.rstrip("\n")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def build_procedures() -> tuple[list[dict], dict[str, str]]:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    taken = {record["code"] for record in sample}
    keys: dict[str, str] = {}
    generated = []
    for line in read_lines(HERE / "procedures.psv"):
        fields = [f.strip() for f in line.split("|")]
        if len(fields) != 11:
            raise SystemExit(f"{fields[0]}: {len(fields)} fields, 11 expected")
        if fields[0] in keys:
            raise SystemExit(f"duplicate key {fields[0]}")
        code = code_for(fields[0], taken)
        keys[fields[0]] = code
        generated.append(record_for(fields, code))
    return sample + generated, keys


def parse_grades(text: str, keys: dict[str, str], codes: set[str]) -> dict[str, int]:
    grades: dict[str, int] = {}
    for item in text.split():
        ref, _, grade = item.partition(":")
        code = keys.get(ref, ref)
        if code not in codes:
            raise SystemExit(f"unknown procedure {ref!r}")
        grades[code] = int(grade or 3)
    return grades


PLACEHOLDER = re.compile(r"\{(code|digits):(\w+)\}")


def _code_text(match: re.Match, keys: dict[str, str]) -> str:
    code = keys[match.group(2)]
    return code if match.group(1) == "code" else code.split(".", 1)[1]


def build_queries(keys: dict[str, str], codes: set[str]) -> list[dict]:
    """Queries from queries.txt: `kind | lang | query | key:grade ...`."""
    queries = []
    for line in read_lines(HERE / "queries.txt"):
        kind, lang, q, grades = (part.strip() for part in line.split("|"))
        q = PLACEHOLDER.sub(lambda m: _code_text(m, keys), q)
        queries.append(
            {
                "q": q,
                "lang": lang,
                "kind": kind,
                "relevant": parse_grades(grades, keys, codes),
            }
        )
    seen = set()
    for item in queries:
        ident = (item["q"], item["lang"])
        if ident in seen:
            raise SystemExit(f"duplicate query {ident}")
        seen.add(ident)
    # Stratified split: within each kind, order by a hash of the text and
    # alternate, so each split gets half of every kind.
    by_kind: dict[str, list[dict]] = {}
    for item in queries:
        by_kind.setdefault(item["kind"], []).append(item)
    for items in by_kind.values():
        items.sort(key=lambda i: hashlib.sha1(i["q"].encode()).hexdigest())  # noqa: S324
        for position, item in enumerate(items):
            item["split"] = "dev" if position % 2 == 0 else "test"
    return queries


def main() -> int:
    procedures, keys = build_procedures()
    codes = {record["code"] for record in procedures}
    queries = build_queries(keys, codes)
    for name, data in (("procedures.json", procedures), ("queries.json", queries)):
        (HERE / name).write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    splits = {s: sum(q["split"] == s for q in queries) for s in ("dev", "test")}
    print(f"{len(procedures)} procedures, {len(queries)} queries {splits}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
