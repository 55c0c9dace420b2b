"""Email officials about dossiers that fall due soon or are overdue.

Run it once a working day (cron/systemd timer), e.g. at 07:30:

    python manage.py warn_due_dossiers [--days N] [--dry-run]

Each official with "email due-date warnings" on gets one email listing their
agency's dossiers due within N working days (the back-office setting by
default) and the overdue ones; centre staff are not emailed (they see the
dashboard panel). A dossier is warned about once per due date.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal.backoffice import deadlines
from portal.backoffice.models import DueWarning
from portal.dossiers.calendar import load_calendar
from portal.dossiers.models import Dossier


class Command(BaseCommand):
    help = "Email officials about dossiers due within N working days or overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Working days ahead (default: the back-office setting).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = deadlines.warning_days() if days is None else max(0, days)
        today = timezone.localdate()
        by_agency = pending_by_agency(days, today)
        recipients = official_emails(by_agency)
        sent = 0
        for agency_id, dossiers in by_agency.items():
            emails = recipients.get(agency_id, [])
            overdue = [d for d in dossiers if d.appointment_date < today]
            upcoming = [d for d in dossiers if d.appointment_date >= today]
            self.stdout.write(
                f"{dossiers[0].agency}: {len(overdue)} overdue, {len(upcoming)} due soon "
                f"→ {len(emails)} recipient(s)"
            )
            if dry_run or not emails:
                continue
            send_warning(emails, dossiers[0].agency, overdue, upcoming, days)
            DueWarning.objects.bulk_create(
                [
                    DueWarning(
                        dossier=d, due_date=d.appointment_date, recipients=len(emails)
                    )
                    for d in dossiers
                ],
                ignore_conflicts=True,
            )
            sent += 1
        self.stdout.write(self.style.SUCCESS(f"{sent} warning email(s) sent."))


def pending_by_agency(days: int, today: date) -> dict[int, list[Dossier]]:
    """Dossiers due within `days` working days or overdue, not yet warned about
    for their current due date, grouped by agency id."""
    due = deadlines.due_soon(days, today=today, calendar=load_calendar())
    late = deadlines.overdue(today=today)
    candidates = (
        (due | late).select_related("agency").order_by("appointment_date", "code")
    )
    already = set(
        DueWarning.objects.filter(dossier__in=candidates).values_list(
            "dossier_id", "due_date"
        )
    )
    by_agency: dict[int, list[Dossier]] = {}
    for dossier in candidates:
        if (dossier.pk, dossier.appointment_date) not in already:
            by_agency.setdefault(dossier.agency_id, []).append(dossier)
    return by_agency


def official_emails(agency_ids) -> dict[int, list[str]]:
    """The addresses of active officials of these agencies who want warnings."""
    officials = (
        get_user_model()
        .objects.filter(
            is_active=True,
            official_profile__agency_id__in=agency_ids,
            official_profile__receive_warnings=True,
        )
        .filter(
            Q(groups__permissions__codename="handle_agency_dossiers")
            | Q(user_permissions__codename="handle_agency_dossiers")
        )
        .exclude(email="")
        .select_related("official_profile")
        .distinct()
    )
    recipients: dict[int, list[str]] = {}
    for user in officials:
        recipients.setdefault(user.official_profile.agency_id, []).append(user.email)
    return recipients


def send_warning(emails: list[str], agency, overdue, upcoming, days: int) -> None:
    """One email (in the site's language) listing an agency's due dossiers."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "agency": agency,
            "overdue": overdue,
            "upcoming": upcoming,
            "days": days,
            "base": base,
            "listing_url": base + reverse("backoffice_dossiers:index"),
        }
        subject = " ".join(
            render_to_string("backoffice/email/due_subject.txt", context).split()
        )
        body = render_to_string("backoffice/email/due.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
