from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from interpretations.models import Interpretation, NextStage, TagKind


@require_safe
@login_required
def library(request: HttpRequest) -> TemplateResponse:
    interpretations = (
        Interpretation.objects.published()
        .annotate(
            scenario_total=Count("tags", filter=Q(tags__kind=TagKind.SCENARIO)),
            marker_total=Count("tags", filter=Q(tags__kind=TagKind.MARKER)),
        )
        .order_by(Lower("title"), "pk")
    )
    return TemplateResponse(
        request, "interpretations/library.html", {"interpretations": interpretations}
    )


@require_safe
@login_required
def interpretation_detail(request: HttpRequest, slug: str) -> TemplateResponse:
    interpretation = get_object_or_404(
        Interpretation.objects.published().prefetch_related(
            "tags",
            "arrival_conditions",
            "faq_entries",
            "sections",
            Prefetch(
                "next_stages",
                queryset=NextStage.objects.select_related("target").order_by("position", "id"),
            ),
        ),
        slug=slug,
    )
    return TemplateResponse(
        request, "interpretations/detail.html", {"interpretation": interpretation}
    )
