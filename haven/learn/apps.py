from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "haven.learn"
    label = "learn"
