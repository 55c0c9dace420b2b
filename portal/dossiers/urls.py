"""Dossier URLs. `public_urlpatterns` go inside i18n_patterns (before Wagtail's
catch-all); `api_urlpatterns` stay outside the language prefix."""

from django.urls import path, re_path

from . import views

PROCEDURE = r"(?P<procedure_code>[\w.\-]+)"
INSTANCE = (
    r"(?P<instance_id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
)

wizard = views.DossierWizardView.as_wizard()

public_urlpatterns = [
    path("tra-cuu-ho-so/", views.track, name="track"),
    path("nop-ho-so/tiep-tuc/<str:token>/", views.resume, name="resume"),
    path("nop-ho-so/bien-nhan/<str:code>/", views.confirmation, name="confirmation"),
    path(
        "nop-ho-so/bien-nhan/<str:code>/pdf/",
        views.receipt_pdf_view,
        name="receipt_pdf",
    ),
    re_path(rf"^nop-ho-so/{PROCEDURE}/$", views.StartView.as_view(), name="start"),
    re_path(rf"^nop-ho-so/{PROCEDURE}/{INSTANCE}/$", wizard, name="wizard"),
    re_path(
        rf"^nop-ho-so/{PROCEDURE}/{INSTANCE}/luu/$",
        views.SaveForLaterView.as_view(),
        name="save",
    ),
    re_path(
        rf"^nop-ho-so/{PROCEDURE}/{INSTANCE}/(?P<step>[a-z_]+)/$", wizard, name="step"
    ),
]

api_urlpatterns = [
    path("api/dossiers/<str:code>/status/", views.api_status, name="api_status"),
]
