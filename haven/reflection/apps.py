from django.apps import AppConfig


class ReflectionConfig(AppConfig):
    name = "haven.reflection"
    label = "reflection"
