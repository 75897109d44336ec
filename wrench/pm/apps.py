from django.apps import AppConfig


class PmConfig(AppConfig):
    name = "wrench.pm"
    label = "pm"
    verbose_name = "Preventive maintenance: plans, meters and readings, the PM forecast"
