from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "haven.needs"
    label = "needs"
