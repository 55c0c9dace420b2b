"""Vietnamese public holidays, substitute days off and make-up working days for
2026 and 2027, loaded by a data migration; editors keep them up to date in the
admin (Settings → Working-day calendar).

Sources: Labour Code 2019 art. 112 (1 Jan; Tết 5 days; Hùng Kings 10/3 lunar;
30 Apr; 1 May; 2 Sep + the day before or after), Resolution 80-NQ/TW (24 Nov,
Vietnamese Culture Day, from 2026), the government's 2026 announcements (Tết
16–20 Feb; 31 Aug off in exchange for working Saturday 22 Aug). Lunar dates were
computed with the `lunardate` package: Tết 2026 = 17 Feb, 2027 = 6 Feb; Hùng
Kings' day 2026 = 26 Apr (a Sunday: substitute Monday 27 Apr), 2027 = 16 Apr.
2027 follows the law and the usual pattern; adjust it in the admin when the
government publishes its plan.
"""

HOLIDAY = "holiday"
DAY_OFF = "day_off"
WORKING_DAY = "working_day"

# (ISO date, kind, Vietnamese name, English name)
CALENDAR_DAYS: list[tuple[str, str, str, str]] = [
    # 2026
    ("2026-01-01", HOLIDAY, "Tết Dương lịch", "New Year's Day"),
    (
        "2026-02-16",
        HOLIDAY,
        "Tết Nguyên đán (29 Tết)",
        "Lunar New Year (New Year's Eve)",
    ),
    ("2026-02-17", HOLIDAY, "Tết Nguyên đán (Mùng 1)", "Lunar New Year (day 1)"),
    ("2026-02-18", HOLIDAY, "Tết Nguyên đán (Mùng 2)", "Lunar New Year (day 2)"),
    ("2026-02-19", HOLIDAY, "Tết Nguyên đán (Mùng 3)", "Lunar New Year (day 3)"),
    ("2026-02-20", HOLIDAY, "Tết Nguyên đán (Mùng 4)", "Lunar New Year (day 4)"),
    (
        "2026-04-26",
        HOLIDAY,
        "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
        "Hùng Kings' Commemoration",
    ),
    (
        "2026-04-27",
        DAY_OFF,
        "Nghỉ bù Giỗ Tổ Hùng Vương",
        "Day off in lieu of Hùng Kings' Commemoration",
    ),
    ("2026-04-30", HOLIDAY, "Ngày Chiến thắng (30/4)", "Reunification Day"),
    ("2026-05-01", HOLIDAY, "Ngày Quốc tế Lao động (1/5)", "International Labour Day"),
    (
        "2026-08-22",
        WORKING_DAY,
        "Làm bù cho ngày 31/8",
        "Make-up working day for 31 August",
    ),
    (
        "2026-08-31",
        DAY_OFF,
        "Nghỉ hoán đổi (làm bù thứ Bảy 22/8)",
        "Day off (worked on Saturday 22 August)",
    ),
    ("2026-09-01", HOLIDAY, "Quốc khánh (ngày liền kề)", "National Day (adjacent day)"),
    ("2026-09-02", HOLIDAY, "Quốc khánh (2/9)", "National Day"),
    ("2026-11-24", HOLIDAY, "Ngày Văn hóa Việt Nam (24/11)", "Vietnamese Culture Day"),
    # 2027
    ("2027-01-01", HOLIDAY, "Tết Dương lịch", "New Year's Day"),
    (
        "2027-02-04",
        HOLIDAY,
        "Tết Nguyên đán (28 Tết)",
        "Lunar New Year (28th of the 12th month)",
    ),
    (
        "2027-02-05",
        HOLIDAY,
        "Tết Nguyên đán (29 Tết)",
        "Lunar New Year (New Year's Eve)",
    ),
    ("2027-02-06", HOLIDAY, "Tết Nguyên đán (Mùng 1)", "Lunar New Year (day 1)"),
    ("2027-02-07", HOLIDAY, "Tết Nguyên đán (Mùng 2)", "Lunar New Year (day 2)"),
    ("2027-02-08", HOLIDAY, "Tết Nguyên đán (Mùng 3)", "Lunar New Year (day 3)"),
    ("2027-02-09", DAY_OFF, "Nghỉ bù Tết Nguyên đán", "Lunar New Year day off in lieu"),
    ("2027-02-10", DAY_OFF, "Nghỉ bù Tết Nguyên đán", "Lunar New Year day off in lieu"),
    (
        "2027-04-16",
        HOLIDAY,
        "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
        "Hùng Kings' Commemoration",
    ),
    ("2027-04-30", HOLIDAY, "Ngày Chiến thắng (30/4)", "Reunification Day"),
    ("2027-05-01", HOLIDAY, "Ngày Quốc tế Lao động (1/5)", "International Labour Day"),
    (
        "2027-05-03",
        DAY_OFF,
        "Nghỉ bù Ngày Quốc tế Lao động",
        "Day off in lieu of International Labour Day",
    ),
    ("2027-09-02", HOLIDAY, "Quốc khánh (2/9)", "National Day"),
    ("2027-09-03", HOLIDAY, "Quốc khánh (ngày liền kề)", "National Day (adjacent day)"),
    ("2027-11-24", HOLIDAY, "Ngày Văn hóa Việt Nam (24/11)", "Vietnamese Culture Day"),
]


def load_calendar_days(calendar_day_model) -> int:
    """Create the rows that do not exist yet (an editor's changes win). Returns the count created."""
    from datetime import date

    created = 0
    for iso, kind, name, name_en in CALENDAR_DAYS:
        _, was_created = calendar_day_model.objects.get_or_create(
            date=date.fromisoformat(iso),
            defaults={"kind": kind, "name": name, "name_en": name_en},
        )
        created += int(was_created)
    return created
