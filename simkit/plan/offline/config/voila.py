"""Voilà's configuration for ``make dashboard`` (found through ``JUPYTER_CONFIG_PATH`` set by the recipe).

Voilà executes this file at start-up with ``c``, its configuration; everything it sets is explained in
``simkit.plan.app_page``.
"""

from simkit.plan.app_page import configure_voila

configure_voila(c)  # noqa: F821 -- `c` is defined by Voilà (traitlets) when it runs this file
