"""Learner lessons on VNeID and online public services: content, practice-screen logic, quizzes, progress.

Everything here is plain Python with no widget imports, so it is tested headlessly; the notebook views are
in ``simkit.learn.views``. Modules, one job each:

- ``schema``: the lesson file format; ``content``: reading and cross-checking lesson files;
- ``strings``: the UI words from ``content/ui/learn.yaml``; ``markup``: lesson text to safe HTML;
- ``validators``: the practice-form checks (personal ID, phone, password, OTP, passcode, …);
- ``flow``: the practice-screen engine; ``quiz``: quizzes and safe-or-scam drills;
- ``session``: one learner in one lesson (place, language, resume); ``progress``: the progress files;
- ``report``: "my progress" and the certificate.
"""
