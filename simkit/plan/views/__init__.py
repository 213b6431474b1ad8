"""Thin ipywidgets views over the planner's view models; each is displayed as the last line of a cell.

``DashboardView`` (scenario dashboard, also the Voilà app), ``SweepView`` (adoption sweep and staffing
table), ``CompareView`` (two plans, same citizens), ``CampaignView`` (workshops → adoption → queue) and
``QuickCheckView`` (Erlang C beside the simulation).
"""

from simkit.plan.views.campaign import CampaignView
from simkit.plan.views.compare import CompareView
from simkit.plan.views.dashboard import DashboardView
from simkit.plan.views.quick_check import QuickCheckView
from simkit.plan.views.sweep import SweepView

__all__ = ["CampaignView", "CompareView", "DashboardView", "QuickCheckView", "SweepView"]
