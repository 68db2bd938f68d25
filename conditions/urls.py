from django.urls import path

from conditions import views

urlpatterns = [
    path("patterns/before/", views.learned, name="learned_conditions"),
    path("entries/<int:pk>/life-tags/", views.life_tag_add, name="life_tag_add"),
    path(
        "entries/<int:pk>/life-tags/<int:tag_pk>/remove/",
        views.life_tag_remove,
        name="life_tag_remove",
    ),
    path(
        "entries/<int:pk>/check-ins/<int:condition_pk>/",
        views.check_in,
        name="check_in",
    ),
]
