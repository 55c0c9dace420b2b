"""Demo data for the back office: a few hundred dossiers over the past months in
every state, with their events, outcomes, supplement requests, apology letters
and ratings, plus two demo officials (DEBUG only).

Deterministic (a fixed random seed, dates counted back from today), idempotent
(nothing happens when demo dossiers exist) and fast (bulk_create).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import TextIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from portal.backoffice.models import (
    ApologyLetter,
    OfficialProfile,
    Outcome,
    SupplementItem,
    SupplementRequest,
)
from portal.dossiers.calendar import load_calendar
from portal.dossiers.models import Dossier, DossierStatus, StatusEvent
from portal.transparency.models import DossierRating

S = DossierStatus
PREFIX = "DEMO"
COUNT = 360
MONTHS = 8
SEED = 2026
DEMO_PASSWORD = "demo-hcc-2026"  # noqa: S105 - DEBUG-only demo accounts, documented

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu", "Quang", "Thanh"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Hà",
    "Hải",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phương",
]
STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hùng Vương", "Lý Thường Kiệt"]
REASONS = [
    "Cần lấy ý kiến của cơ quan liên quan.",
    "Hồ sơ cần xác minh thực địa.",
    "Số lượng hồ sơ tăng đột biến trong tháng.",
]
COMMENTS = [
    "Cán bộ hướng dẫn nhiệt tình.",
    "Trả kết quả đúng hẹn, rất hài lòng.",
    "Thủ tục rõ ràng, dễ làm theo.",
    "Cần rút ngắn thời gian chờ.",
    "",
    "",
]


def load_dossiers(stdout: TextIO) -> None:
    """Create the demo dossiers once (skipped when they exist or no procedure exists)."""
    from cms_pages.models import ProcedurePage

    _demo_users(stdout)
    if Dossier.objects.filter(code__startswith=f"{PREFIX}-").exists():
        stdout.write("Demo dossiers: already loaded.")
        return
    procedures = list(
        ProcedurePage.objects.live()
        .filter(locale=Locale.get_default())
        .select_related("agency", "sector")
        .prefetch_related("documents")
        .order_by("code")
    )
    if not procedures:
        stdout.write("Demo dossiers: no procedures, skipped.")
        return
    rng = random.Random(SEED)
    calendar = load_calendar()
    now = timezone.now()
    Dossier.objects.bulk_create(_received_dossiers(procedures, rng, calendar, now))
    dossiers = list(
        Dossier.objects.filter(code__startswith=f"{PREFIX}-")
        .select_related("procedure")
        .order_by("code")
    )
    staff = list(get_user_model().objects.filter(is_superuser=True)[:1])
    records = Records()
    for dossier in dossiers:
        Story(dossier, rng, calendar, now, staff[0] if staff else None, records).tell()
    Dossier.objects.bulk_update(
        dossiers, ["status", "appointment_date", "resolved_at", "returned_at"]
    )
    records.save()
    stdout.write(
        f"Demo dossiers: {len(dossiers)} dossiers, {len(records.events)} events, "
        f"{len(records.ratings)} ratings."
    )


def _received_dossiers(procedures, rng, calendar, now) -> list[Dossier]:
    """COUNT dossiers received on working days over the last MONTHS months."""
    tz = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    start = today - timedelta(days=30 * MONTHS)
    plans = []
    for index in range(COUNT):
        procedure = rng.choice(procedures)
        day = start + timedelta(days=rng.randrange((today - start).days + 1))
        while not calendar.is_working_day(day):
            day -= timedelta(days=1)
        received = datetime.combine(
            day, time(rng.randint(7, 16), rng.choice((0, 15, 30, 45))), tzinfo=tz
        )
        if received > now:
            received = now - timedelta(hours=1)
        days = Decimal(procedure.processing_time_days or 5)
        counting_from, due = calendar.appointment(received, days)
        plans.append((index, procedure, received, days, counting_from, due))
    return [
        _dossier(rng, index, procedure, received, days, counting_from, due)
        for index, procedure, received, days, counting_from, due in plans
    ]


def _dossier(rng, index, procedure, received, days, counting_from, due) -> Dossier:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return Dossier(
        code=f"{PREFIX}-{received:%y%m%d}-{index + 1:04d}",
        procedure=procedure,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        agency=procedure.agency,
        sector=procedure.sector,
        language="vi" if rng.random() < 0.9 else "en",
        applicant_type="individual",
        applicant_name=name,
        applicant_id_number=f"0460{rng.randint(10**7, 10**8 - 1)}",
        applicant_phone=f"09{rng.randint(10**7, 10**8 - 1)}",
        applicant_email="",
        applicant_address=f"{rng.randint(1, 200)} {rng.choice(STREETS)}, Huế",
        receipt_method="at_centre",
        status=S.RECEIVED,
        received_at=received,
        processing_days=days,
        counting_from=counting_from,
        first_appointment_date=due,
        appointment_date=due,
    )


@dataclass
class Records:
    """Everything the stories produce, bulk-inserted at the end."""

    events: list[StatusEvent] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    ratings: list[DossierRating] = field(default_factory=list)
    letters: list[ApologyLetter] = field(default_factory=list)
    requests: list[tuple[SupplementRequest, list[str]]] = field(default_factory=list)

    def save(self) -> None:
        StatusEvent.objects.bulk_create(self.events)
        Outcome.objects.bulk_create(self.outcomes)
        DossierRating.objects.bulk_create(self.ratings)
        ApologyLetter.objects.bulk_create(self.letters)
        SupplementRequest.objects.bulk_create([req for req, _names in self.requests])
        SupplementItem.objects.bulk_create(
            SupplementItem(request=request, document_name=name)
            for request, names in self.requests
            for name in names
        )


class Story:
    """One dossier walked through the workflow, as far as its age allows.

    The random draws happen in a fixed order, so the seeded demo data is the
    same on every machine.
    """

    def __init__(self, dossier, rng, calendar, now, actor, records: Records):
        self.dossier, self.rng, self.calendar = dossier, rng, calendar
        self.now, self.actor, self.records = now, actor, records

    def event(self, from_status, to_status, at, note="") -> None:
        self.records.events.append(
            StatusEvent(
                dossier=self.dossier,
                from_status=from_status,
                to_status=to_status,
                actor=self.actor if from_status else None,
                note=note,
                appointment_date=self.dossier.appointment_date,
                created_at=min(at, self.now),
            )
        )

    def tell(self) -> None:
        dossier, rng, now = self.dossier, self.rng, self.now
        received = dossier.received_at
        self.event("", S.RECEIVED, received)
        if (now - received).days < 1 and rng.random() < 0.7:
            return
        started = received + timedelta(hours=rng.randint(2, 20))
        if started >= now:
            return
        self.event(S.RECEIVED, S.IN_PROCESSING, started)
        dossier.status = S.IN_PROCESSING
        if rng.random() < 0.12 and not self.supplement(started):
            return
        decided, late = self.decision_time()
        if decided is None:
            return
        returned = self.decide(decided)
        if returned is not None:
            self.rate(returned, late)

    def supplement(self, started) -> bool:
        """Ask for documents; False while the applicant has not sent them."""
        dossier, rng, now = self.dossier, self.rng, self.now
        at = started + timedelta(days=1)
        if at >= now:
            return False
        names = [doc.name for doc in dossier.procedure.documents.all()[:2]] or [
            "Bản sao giấy tờ tùy thân"
        ]
        request = SupplementRequest(
            dossier=dossier,
            message="Đề nghị bổ sung giấy tờ còn thiếu.",
            created_at=at,
            requested_by=self.actor,
        )
        self.event(S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED, at, request.message)
        dossier.status = S.SUPPLEMENT_REQUESTED
        back = at + timedelta(days=rng.randint(1, 6))
        if (now - at).days < 15 and rng.random() < 0.5:
            back = now  # still waiting for the applicant
        self.records.requests.append((request, names))
        if back >= now:
            return False
        request.fulfilled_at = back
        _first, dossier.appointment_date = self.calendar.appointment(
            back, dossier.processing_days
        )
        self.event(S.SUPPLEMENT_REQUESTED, S.SUPPLEMENTED, back)
        dossier.status = S.SUPPLEMENTED
        return True

    def decision_time(self):
        """(when the agency decides, late?), or (None, late) when it has not yet
        (some of those get an apology letter with a new date)."""
        dossier, rng, now = self.dossier, self.rng, self.now
        due = dossier.appointment_date
        # Mostly on time, sometimes late.
        late = rng.random() < 0.12
        decide_day = (
            due + timedelta(days=rng.randint(1, 6))
            if late
            else due - timedelta(days=rng.randint(0, 3))
        )
        decide_day = max(decide_day, timezone.localtime(dossier.received_at).date())
        decided = datetime.combine(
            decide_day, time(rng.randint(8, 16)), tzinfo=dossier.received_at.tzinfo
        )
        # Never before the previous step.
        decided = max(decided, self.records.events[-1].created_at + timedelta(hours=1))
        # Some late dossiers are still waiting: they show up as overdue.
        overdue_days = (timezone.localdate(now) - due).days
        stuck = 0 < overdue_days <= 20 and (late or rng.random() < 0.25)
        if decided >= now or stuck:
            if due < timezone.localdate(now) and rng.random() < 0.5:
                self.apologise(due)
            return None, late
        return decided, late

    def apologise(self, due) -> None:
        dossier, now = self.dossier, self.now
        new_date = self.calendar.add_working_days(timezone.localdate(now), 3)
        letter = ApologyLetter(
            dossier=dossier,
            previous_date=due,
            new_date=new_date,
            reason=self.rng.choice(REASONS),
            created_by=self.actor,
            created_at=now - timedelta(hours=2),
        )
        self.records.letters.append(letter)
        self.event(dossier.status, dossier.status, letter.created_at, letter.reason)
        dossier.appointment_date = new_date

    def decide(self, decided):
        """Approve or refuse, record the outcome; the return time, if past."""
        dossier, rng, calendar = self.dossier, self.rng, self.calendar
        refused = rng.random() < 0.06
        target = S.REFUSED if refused else S.APPROVED
        note = "Hồ sơ không đủ điều kiện." if refused else ""
        self.event(dossier.status, target, decided, note)
        dossier.status = target
        dossier.resolved_at = decided
        decide_day = timezone.localtime(decided).date()
        receipt_day = calendar.receipt_day(dossier.received_at)
        self.records.outcomes.append(
            Outcome(
                dossier=dossier,
                decided_at=decided,
                due_date=dossier.appointment_date,
                on_time=decide_day <= dossier.appointment_date,
                working_days=calendar.working_days_between(receipt_day, decide_day),
            )
        )
        returned = decided + timedelta(days=rng.randint(0, 3), hours=1)
        if returned >= self.now:
            return None
        self.event(target, S.RESULT_RETURNED, returned)
        dossier.status = S.RESULT_RETURNED
        dossier.returned_at = returned
        return returned

    def rate(self, returned, late: bool) -> None:
        rng = self.rng
        if rng.random() >= 0.55:
            return
        base = 5 if not late else 3

        def score() -> int:
            return max(1, min(5, base - (rng.random() < 0.3) - (rng.random() < 0.1)))

        self.records.ratings.append(
            DossierRating(
                dossier=self.dossier,
                overall=score(),
                clarity=score(),
                punctuality=score(),
                attitude=score(),
                comment=rng.choice(COMMENTS),
                created_at=min(
                    returned + timedelta(hours=rng.randint(1, 48)), self.now
                ),
            )
        )


def _demo_users(stdout: TextIO) -> None:
    """Two demo accounts for the back office, only on a DEBUG (development) site."""
    if not settings.DEBUG:
        return
    from cms_pages.snippets import Agency

    agency = Agency.objects.filter(locale=Locale.get_default()).order_by("pk").first()
    users = get_user_model().objects
    if agency is not None and not users.filter(username="canbo").exists():
        official = users.create_user("canbo", "canbo@example.vn", DEMO_PASSWORD)
        official.first_name = "Cán bộ (demo)"
        official.save()
        official.groups.add(Group.objects.get(name="Cán bộ xử lý hồ sơ"))
        OfficialProfile.objects.create(user=official, agency=agency)
        stdout.write(f"Demo official: canbo / {DEMO_PASSWORD} ({agency}).")
    if not users.filter(username="motcua").exists():
        centre = users.create_user("motcua", "motcua@example.vn", DEMO_PASSWORD)
        centre.first_name = "Bộ phận một cửa (demo)"
        centre.save()
        centre.groups.add(Group.objects.get(name="Bộ phận một cửa"))
        stdout.write(f"Demo centre staff: motcua / {DEMO_PASSWORD}.")
