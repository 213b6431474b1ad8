"""Notebook views (ipywidgets) of the learner lessons: thin layers over ``simkit.learn``.

``show_lesson(1)`` opens a lesson, ``show_my_progress()`` the learner's progress and certificate. All logic
(checking actions, marking quizzes, saving progress) is in ``simkit.learn``, which imports no widgets.
"""

from simkit.learn.views.lesson import LessonApp, show_lesson
from simkit.learn.views.my_progress import ProgressApp, show_my_progress

__all__ = ["LessonApp", "ProgressApp", "show_lesson", "show_my_progress"]
