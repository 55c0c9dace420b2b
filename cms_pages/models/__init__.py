"""Wagtail page models, one module per page family."""

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
from .home import HomePage
from .settings import CentreSettings

__all__ = [
    "Agency",
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
