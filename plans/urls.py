from django.urls import path

from plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/rehearsed/", views.plan_rehearse, name="rehearse"),
    path("<int:pk>/status/", views.plan_status, name="status"),
    path("flag/", views.patterns_flag, name="patterns_flag"),
    path("for-dream/", views.dream_plans, name="dream_plans"),
    path("flag/dismiss/", views.flag_dismiss, name="flag_dismiss"),
    path("summary/", views.summary, name="summary"),
    path("summary.csv", views.summary_download, name="summary_csv"),
]
