from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PractiseConfig(AppConfig):
    name = "haven.practise"
    label = "practise"
    verbose_name = _("Practise a message")
