"""Trainer tools: workshop plans and handouts, presenter mode, class results and the campaign report.

For community digital-technology teams and commune staff who run workshops on VNeID and the National Public
Service Portal. Everything here is plain Python with no widget imports, so it is tested headlessly; the
notebook screens are in ``simkit.teach.views``. Modules, one job each:

- ``strings``/``keys``: the trainer words, audiences and materials of ``content/ui/teach.yaml``, checked;
- ``agenda``: the timed workshop plan from the lessons' minutes, with notes and a materials checklist;
- ``sheets``/``handout``: self-contained A4 HTML pages, the learner handout and the trainer's plan;
- ``presenter``: a lesson as a deck of large slides and the remote control that steps through it;
- ``cohort``: reading a folder of learners' progress files, listing and skipping bad ones;
- ``results``/``tables``: completion and quiz results per lesson, question and learner; CSV export;
- ``campaign``: the attendance and completion report a commune pastes into its own;
- ``samples``: the fictional sample class shipped in ``content/samples/progress``.
"""
