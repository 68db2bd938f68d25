from django.urls import path

from journal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("entries/new/", views.entry_create, name="entry_create"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("entries/<int:pk>/restore/", views.entry_restore, name="entry_restore"),
    path("calendar/", views.journal_calendar, name="calendar"),
    path("patterns/", views.patterns, name="patterns"),
    path("patterns/<int:pk>/", views.patterns_section, name="patterns_section"),
]
