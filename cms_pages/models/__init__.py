"""Wagtail page models, one module per page family."""

from cms_pages.chrome import AlertBanner, NavigationMenu
from cms_pages.snippets import Agency, Sector

from .base import BasePage
from .catalogue import (
    ProcedureDocument,
    ProcedureFee,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedurePage,
    ProcedureStep,
)
from .content import ContactPage, NewsIndexPage, NewsKind, NewsPage, StandardPage
from .forms import FormField, FormPage
from .home import HomePage
from .investment import (
    InvestmentGuidePage,
    InvestmentIndexPage,
    InvestmentProjectIndexPage,
    InvestmentProjectPage,
    ProjectSector,
    ProjectStatus,
)
from .settings import CentreSettings

__all__ = [
    "Agency",
    "AlertBanner",
    "ContactPage",
    "FormField",
    "FormPage",
    "InvestmentGuidePage",
    "InvestmentIndexPage",
    "InvestmentProjectIndexPage",
    "InvestmentProjectPage",
    "NavigationMenu",
    "NewsIndexPage",
    "NewsKind",
    "NewsPage",
    "ProjectSector",
    "ProjectStatus",
    "StandardPage",
    "BasePage",
    "CentreSettings",
    "HomePage",
    "ProcedureDocument",
    "ProcedureFee",
    "ProcedureIndexPage",
    "ProcedureLegalBasis",
    "ProcedurePage",
    "ProcedureStep",
    "Sector",
]
