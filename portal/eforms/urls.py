from django.urls import path

from . import views

app_name = "eforms"

api_urlpatterns = [
    path(
        "api/administrative-units/",
        views.administrative_units,
        name="administrative_units",
    ),
]
