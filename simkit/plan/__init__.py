"""Planner tools: view models for the scenario dashboard, sweeps, comparisons, campaigns and quick checks.

Like the instrument panel of a car, these modules turn the model's numbers (``simkit.sim``) into the few
readings a planner acts on: a validated plan, its results, plain-language captions, tables and figures.
Nothing here imports ipywidgets, so every rule is tested headlessly; the thin widget views that show
them live in ``simkit.plan.views``.
"""
