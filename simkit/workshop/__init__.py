"""Workshop mode: the lessons served from the trainer's laptop to learners' phones (``simkit workshop``).

``show_workshop()`` is the app one phone sees (``notebooks/workshop/start.ipynb``); ``plan`` decides the
address, code and Voilà command; ``run`` starts and stops the server; ``gate`` checks the workshop code;
``claims`` keeps each display name to the phone that first used it. See ``docs/workshop.md``.

The package imports nothing itself: the server's side (``plan``, ``run``, ``gate``, ``access``, ``claims``)
has no widgets, so ``simkit workshop`` starts without loading the phone's screen (``start``, ``memory``).
"""
