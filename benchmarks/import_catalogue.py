"""Catalogue import benchmark: a generated 2,000-procedure catalogue.

Generates a realistic catalogue (deterministic seed: same file every run),
imports it into a fresh database, imports it again unchanged, then with one
record in ten changed, and prints the timings, the CPU time of this process
and the number of SQL queries (the repeatable measure on a busy machine).
Targets on PostgreSQL (2-core machine): first import ≤ 120 s, unchanged
re-import ≤ 30 s, 200 changed ≤ 60 s.

    .venv/bin/python benchmarks/import_catalogue.py [--count 2000] [--translated 0.3]
        [--database-url postgres://portal@127.0.0.1:5433/portal_bench_catalogue]

Without --database-url a new SQLite file in a temporary folder is used. A
PostgreSQL database given by URL must be empty (or not yet migrated); it is
migrated here. Results go to docs/benchmarks.md ("Catalogue import").

With --profile FILE the first import runs under cProfile and its statistics
are written to FILE (read them with `python -m pstats FILE`); the shares of
the import's work are steadier than its timings on a busy machine.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECTORS = [
    ("Đất đai", "Land"),
    ("Hộ tịch", "Civil status"),
    ("Xây dựng", "Construction"),
    ("Đầu tư", "Investment"),
    ("Thành lập và hoạt động của doanh nghiệp", "Enterprise establishment"),
    ("Lao động", "Labour"),
    ("Giáo dục và đào tạo", "Education and training"),
    ("Y tế", "Health"),
    ("Giao thông vận tải", "Transport"),
    ("Tài nguyên nước", "Water resources"),
    ("Môi trường", "Environment"),
    ("Văn hóa", "Culture"),
    ("Du lịch", "Tourism"),
    ("Công thương", "Industry and trade"),
    ("Nông nghiệp", "Agriculture"),
    ("Tư pháp", "Justice"),
    ("Chứng thực", "Certification"),
    ("Người có công", "Persons with merit"),
    ("Bảo trợ xã hội", "Social protection"),
    ("Thông tin và truyền thông", "Information and communications"),
    ("Khoa học và công nghệ", "Science and technology"),
    ("Tài chính", "Finance"),
    ("Thuế", "Tax"),
    ("Phòng cháy chữa cháy", "Fire prevention"),
    ("Quốc tịch", "Nationality"),
    ("Nuôi con nuôi", "Adoption"),
    ("Lý lịch tư pháp", "Judicial records"),
    ("Dân tộc", "Ethnic affairs"),
    ("Tôn giáo", "Religion"),
    ("Thi đua khen thưởng", "Emulation and rewards"),
]
AGENCIES = [
    ("Sở Tài chính", "Department of Finance"),
    ("Sở Tư pháp", "Department of Justice"),
    ("Sở Xây dựng", "Department of Construction"),
    ("Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment"),
    ("Sở Y tế", "Department of Health"),
    ("Sở Giáo dục và Đào tạo", "Department of Education and Training"),
    ("Sở Công Thương", "Department of Industry and Trade"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism"),
    ("Sở Nội vụ", "Department of Home Affairs"),
    ("Sở Khoa học và Công nghệ", "Department of Science and Technology"),
    ("Công an tỉnh", "Provincial Police"),
    ("UBND tỉnh", "Provincial People's Committee"),
    ("UBND cấp xã", "Commune People's Committee"),
    ("Ban Quản lý các khu công nghiệp", "Industrial Zones Authority"),
    ("Bảo hiểm xã hội tỉnh", "Provincial Social Insurance"),
    ("Cục Thuế tỉnh", "Provincial Tax Department"),
]
VERBS = [
    ("Cấp", "Issuance of"),
    ("Cấp lại", "Re-issuance of"),
    ("Gia hạn", "Extension of"),
    ("Điều chỉnh", "Amendment of"),
    ("Thu hồi", "Revocation of"),
    ("Đăng ký", "Registration of"),
    ("Thẩm định", "Appraisal of"),
    ("Xác nhận", "Certification of"),
]
OBJECTS = [
    ("giấy phép hoạt động", "an operating licence"),
    ("giấy chứng nhận đủ điều kiện", "a certificate of eligibility"),
    ("giấy phép xây dựng", "a construction permit"),
    ("giấy chứng nhận quyền sử dụng đất", "a land use right certificate"),
    ("chứng chỉ hành nghề", "a practising certificate"),
    ("giấy phép môi trường", "an environmental permit"),
    ("hồ sơ thiết kế", "a design dossier"),
    ("quyết định chủ trương đầu tư", "an investment policy decision"),
    ("giấy xác nhận tình trạng hôn nhân", "a marital status certificate"),
    ("giấy phép lao động", "a work permit"),
]
QUALIFIERS = [
    "đối với tổ chức",
    "đối với cá nhân",
    "cho dự án nhóm B",
    "trong khu công nghiệp",
    "có yếu tố nước ngoài",
    "thuộc thẩm quyền cấp tỉnh",
    "",
]
DOCUMENTS = [
    "Đơn đề nghị theo mẫu",
    "Bản sao giấy chứng nhận đăng ký doanh nghiệp",
    "Bản sao căn cước công dân của người đại diện",
    "Văn bản ủy quyền",
    "Bản vẽ thiết kế",
    "Báo cáo đánh giá tác động môi trường",
    "Giấy xác nhận của Ủy ban nhân dân cấp xã",
    "Hợp đồng thuê đất",
    "Biên bản kiểm tra hiện trạng",
    "Danh sách người lao động",
]
STEPS = [
    "Tổ chức, cá nhân chuẩn bị hồ sơ theo quy định.",
    "Nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh hoặc trực tuyến.",
    "Cán bộ tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ và trao phiếu hẹn.",
    "Cơ quan chuyên môn thẩm định hồ sơ, kiểm tra thực tế nếu cần.",
    "Trình lãnh đạo ký quyết định hoặc văn bản trả lời.",
    "Trả kết quả tại Trung tâm hoặc qua dịch vụ bưu chính công ích.",
]


def generate(count: int, translated: float, seed: int = 2026) -> list[dict]:
    """A deterministic catalogue of `count` procedures, `translated` share in English."""
    rng = random.Random(seed)
    records = []
    for n in range(count):
        sector, sector_en = SECTORS[n % len(SECTORS)]
        agency, agency_en = rng.choice(AGENCIES)
        verb, verb_en = rng.choice(VERBS)
        obj, obj_en = rng.choice(OBJECTS)
        qualifier = rng.choice(QUALIFIERS)
        name = (
            f"{verb} {obj} {qualifier}".strip()
            + f" (lĩnh vực {sector.lower()}, số {n + 1})"
        )
        level = rng.choices(["province", "commune", "district"], [70, 25, 5])[0]
        record = {
            "code": f"{1 + n % 3}.{100000 + n:06d}",
            "name": name,
            "sector": sector,
            "agency": agency,
            "level": level,
            "online_service": rng.choice(["full", "partial", "none"]),
            "applicant_types": rng.choice(
                [["individual"], ["organization"], ["individual", "organization"]]
            ),
            "channels": rng.choice(
                [
                    ["in_person", "online", "postal"],
                    ["in_person"],
                    ["online"],
                    ["in_person", "postal"],
                ]
            ),
            "processing_time_days": rng.choice([0, 0.5, 1, 3, 5, 7, 10, 15, 20, 30]),
            "processing_time_note": "Kể từ ngày nhận đủ hồ sơ hợp lệ",
            "fees": [
                {
                    "label": "Lệ phí cấp giấy",
                    "amount_vnd": rng.choice([None, 0, 50000, 100000, 500000]),
                    "note": "Miễn lệ phí khi nộp trực tuyến",
                }
            ][: rng.randint(0, 1)],
            "documents": [
                {
                    "name": doc,
                    **({"originals": 1} if rng.random() < 0.7 else {}),
                    **({"copies": rng.randint(0, 2)} if rng.random() < 0.5 else {}),
                    **({"required": False} if rng.random() < 0.2 else {}),
                }
                for doc in rng.sample(DOCUMENTS, rng.randint(1, 7))
            ],
            "steps": STEPS[: rng.randint(2, 6)],
            "legal_basis": [
                f"Nghị định số {rng.randint(1, 200)}/2021/NĐ-CP của Chính phủ"
            ],
            "result": f"{obj[:1].upper()}{obj[1:]}",
            "keywords": [obj, sector.lower()],
        }
        if rng.random() < 0.2:
            record["requirements"] = (
                "Đáp ứng đủ điều kiện theo quy định của pháp luật chuyên ngành."
            )
        if rng.random() < translated:
            record["translations"] = {
                "en": {
                    "name": f"{verb_en} {obj_en} (no. {n + 1})",
                    "sector": sector_en,
                    "agency": agency_en,
                    "result": obj_en.split(" ", 1)[1].capitalize(),
                    "steps": [f"Step {i + 1}" for i in range(len(record["steps"]))],
                }
            }
        records.append(record)
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--translated", type=float, default=0.3)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--keep", action="store_true", help="Keep the temporary folder."
    )
    parser.add_argument(
        "--profile", default="", help="Write cProfile stats of the first import here."
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="catalogue-bench-"))
    os.environ["DATABASE_URL"] = (
        args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    logging.disable(logging.INFO)
    from django.core.management import call_command
    from django.db import connection

    from demo.site import load_site

    records = generate(args.count, args.translated)
    path = workdir / "catalogue.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    translated = sum(1 for r in records if "translations" in r)
    print(
        f"catalogue: {len(records)} procedures, {translated} with English, "
        f"{sum(len(r['documents']) for r in records)} documents, "
        f"{path.stat().st_size / 1e6:.1f} MB; database: {connection.vendor}"
    )
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    load_site(io.StringIO())

    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    def timed(label: str, profile: str = "") -> float:
        out = io.StringIO()
        queries[0] = 0
        profiler = cProfile.Profile() if profile else None
        start, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(count):
            if profiler:
                profiler.enable()
            call_command(
                "import_procedures", str(path), stdout=out, stderr=io.StringIO()
            )
            if profiler:
                profiler.disable()
                profiler.dump_stats(profile)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu
        print(
            f"{label}: {elapsed:.1f} s wall, {cpu:.1f} s CPU of this process, "
            f"{queries[0]} queries ({out.getvalue().strip()}); "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        return elapsed

    first = timed("first import", args.profile)
    again = timed("unchanged re-import")
    # One record in ten changes (a step added, another processing time).
    for record in records[::10]:
        record["steps"] = [*record["steps"], "Nhận kết quả tại Trung tâm."]
        record["processing_time_days"] = record["processing_time_days"] + 1
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    changed = timed("re-import, 10 % changed")
    start = time.perf_counter()
    call_command(
        "export_procedures",
        "--output",
        str(workdir / "export.json"),
        stderr=io.StringIO(),
    )
    print(f"export: {time.perf_counter() - start:.1f} s")
    ok = first <= 120 and again <= 30 and changed <= 60
    print("targets (≤ 120 s, ≤ 30 s, ≤ 60 s):", "met" if ok else "NOT met")
    if not args.keep and not args.database_url:
        for child in workdir.iterdir():
            child.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()
