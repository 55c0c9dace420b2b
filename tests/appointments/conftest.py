"""Fixtures for the appointment tests: a site with one procedure served by
one counter, the 2026–2027 working-day calendar, and a clock to travel with.

Times are local to the centre (Asia/Ho_Chi_Minh). `travel_to(...)` fixes
"now" for the code under test (time-machine), so the rules about working
days, opening hours and lead time are tested on known dates.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from portal.appointments.models import AppointmentSettings
from portal.dossiers.calendar_data import load_calendar_days
from portal.dossiers.models import CalendarDay
from tests.factories.appointments import CounterFactory, CounterGroupFactory
from tests.factories.catalogue import (
    AgencyFactory,
    ProcedurePageFactory,
    SectorFactory,
    build_site,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args) -> datetime:
    """An aware local datetime: local(2027, 2, 1, 7, 30)."""
    return datetime(*args, tzinfo=TZ)


@pytest.fixture
def travel_to():
    """`travel_to(datetime)`: the code under test sees this moment as now."""
    travellers = []

    def travel(moment: datetime):
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)
        return moment

    yield travel
    for traveller in reversed(travellers):
        traveller.stop()


@pytest.fixture
def calendar_days(db):
    """The 2026–2027 holidays (again, in case a transactional test flushed them)."""
    load_calendar_days(CalendarDay)


@pytest.fixture
def site(locales, calendar_days):
    """(home, catalogue) of the default site."""
    return build_site()


@pytest.fixture
def locales(db):
    """Both languages (again, in case a transactional test flushed them)."""
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")


@pytest.fixture
def agency(locales):
    return AgencyFactory(name="Sở Tư pháp", code_prefix="STP")


@pytest.fixture
def procedure(site, agency):
    """A procedure handed in at the centre, with three documents to bring."""
    _home, catalogue = site
    return ProcedurePageFactory(
        parent=catalogue,
        code="1.001612",
        title="Cấp phiếu lý lịch tư pháp",
        agency=agency,
        sector=SectorFactory(name="Lý lịch tư pháp"),
        documents=3,
    )


@pytest.fixture
def counter(agency):
    """Counter 6, serving the procedure's agency, 3 places per slot."""
    return CounterFactory(
        number="6",
        name="Sở Tư pháp",
        group=CounterGroupFactory(letter="C", name="Tư pháp"),
        agencies=[agency],
        places_per_slot=3,
    )


@pytest.fixture
def booking_settings(site):
    """The booking settings of the default site (edit and save in a test)."""
    from wagtail.models import Site

    return AppointmentSettings.for_site(Site.objects.get(is_default_site=True))
