from django.apps import AppConfig


class InterpretationsConfig(AppConfig):
    name = "interpretations"
    verbose_name = "Interpretation library"
