"""The one widget layer under the lesson, trainer and planner screens (ipywidgets; nothing else imports it).

- ``style``: the one stylesheet (accessible sizes, large-text / high-contrast mode) and its switch;
- ``guard``: the one error guard: a callback's error becomes one line on screen, unexpected ones are logged;
- ``view``: the one screen base: language switch, large-text switch, message area, guarded buttons.

The screens themselves sit beside their logic: ``simkit.learn.views``, ``simkit.teach.views``,
``simkit.plan.views``.
"""
