"""Q&A URLs. `public_urlpatterns` go inside i18n_patterns (before Wagtail's
catch-all); `api_urlpatterns` stay outside the language prefix."""

from django.urls import path, re_path

from . import api
from .views import asking, reading

REFERENCE = r"(?P<reference>[A-Z0-9][A-Z0-9-]{0,23})"

public_urlpatterns = [
    path("hoi-dap/", reading.index, name="index"),
    path("hoi-dap/<int:pk>/", reading.detail, name="detail"),
    path(
        "hoi-dap/<int:pk>/tep/<int:file_pk>/", reading.answer_file, name="answer_file"
    ),
    path("hoi-dap/dat-cau-hoi/", asking.ask, name="ask"),
    re_path(
        rf"^hoi-dap/da-gui/{REFERENCE}/$", asking.confirmation, name="confirmation"
    ),
    path("hoi-dap/theo-doi/", asking.follow, name="follow"),
    re_path(rf"^hoi-dap/theo-doi/{REFERENCE}/$", asking.status, name="status"),
    re_path(
        rf"^hoi-dap/theo-doi/{REFERENCE}/tep/(?P<pk>[0-9]+)/$",
        asking.own_file,
        name="own_file",
    ),
]

api_urlpatterns = [
    path("api/questions/", api.questions_api, name="questions_api"),
]
