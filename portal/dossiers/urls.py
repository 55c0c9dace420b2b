"""Dossier URLs. `public_urlpatterns` go inside i18n_patterns (before Wagtail's
catch-all); `api_urlpatterns` stay outside the language prefix."""

from django.urls import path, re_path

from .views import confirmation, save, start, status_api, tracking, wizard

PROCEDURE = r"(?P<procedure_code>[\w.\-]+)"
INSTANCE = (
    r"(?P<instance_id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
)

wizard_view = wizard.DossierWizardView.as_wizard()

public_urlpatterns = [
    path("tra-cuu-ho-so/", tracking.track, name="track"),
    path("tra-cuu-ho-so/bo-sung/", tracking.supplement, name="supplement"),
    path(
        "tra-cuu-ho-so/<str:code>/ket-qua/<int:pk>/",
        tracking.result_file,
        name="result",
    ),
    path("nop-ho-so/tiep-tuc/<str:token>/", save.resume, name="resume"),
    path(
        "nop-ho-so/bien-nhan/<str:code>/",
        confirmation.confirmation,
        name="confirmation",
    ),
    path(
        "nop-ho-so/bien-nhan/<str:code>/pdf/",
        confirmation.receipt_pdf_view,
        name="receipt_pdf",
    ),
    path(
        "nop-ho-so/bien-nhan/<str:code>/to-khai/",
        confirmation.declaration_pdf_view,
        name="declaration_pdf",
    ),
    re_path(rf"^nop-ho-so/{PROCEDURE}/$", start.StartView.as_view(), name="start"),
    re_path(rf"^nop-ho-so/{PROCEDURE}/{INSTANCE}/$", wizard_view, name="wizard"),
    re_path(
        rf"^nop-ho-so/{PROCEDURE}/{INSTANCE}/luu/$",
        save.SaveForLaterView.as_view(),
        name="save",
    ),
    re_path(
        rf"^nop-ho-so/{PROCEDURE}/{INSTANCE}/(?P<step>[a-z_][a-z0-9_-]*)/$",
        wizard_view,
        name="step",
    ),
]

api_urlpatterns = [
    path("api/dossiers/<str:code>/status/", status_api.api_status, name="api_status"),
]
