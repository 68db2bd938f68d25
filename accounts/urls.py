from django.urls import include, path

from accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("settings/", views.account_settings, name="account_settings"),
    path("export/<str:file_format>/", views.export_download, name="export_download"),
    path("export/<str:file_format>/prepare/", views.export_prepare, name="export_prepare"),
    path("exports/<int:pk>/", views.export_file, name="export_file"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/start/", views.import_start, name="import_start"),
    path("import/<int:pk>/cancel/", views.import_cancel, name="import_cancel"),
    path("import/<int:pk>/status/", views.import_status, name="import_status"),
    path("delete/", views.account_delete, name="account_delete"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("", include("django.contrib.auth.urls")),
]
