from django.urls import path

from interpretations import views

app_name = "interpretations"
urlpatterns = [
    path("", views.library, name="library"),
    path("<slug:slug>/", views.interpretation_detail, name="detail"),
]
