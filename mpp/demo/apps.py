from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Orchestrates the demo data of every capability. It sits on top of all other apps, so
    that none of them has to import another's demo (imports stay one-way)."""

    name = "mpp.demo"
    label = "demo"
    verbose_name = "Demo"
