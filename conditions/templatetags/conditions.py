from django import template
from django.template.loader import render_to_string

from conditions.panel import panel_context

register = template.Library()


@register.simple_tag(takes_context=True)
def waking_life_panel(context, entry) -> str:
    """The entry page's waking-life panel, the same one its htmx answers re-render."""
    return render_to_string(
        "conditions/entry_panel.html", panel_context(entry), request=context["request"]
    )
