from django.urls import path

from journal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/settings/", views.account_settings, name="account_settings"),
    path("accounts/export/<str:file_format>/", views.export_download, name="export_download"),
    path("accounts/delete/", views.account_delete, name="account_delete"),
    path("entries/new/", views.entry_create, name="entry_create"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("entries/<int:pk>/restore/", views.entry_restore, name="entry_restore"),
    path("calendar/", views.journal_calendar, name="calendar"),
    path("patterns/", views.patterns, name="patterns"),
]
