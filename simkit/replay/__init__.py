"""Replay one day at the service centre as an animation, from a run's records (no second model).

``replay_adoptions("commune_pasc", [0.4, 0.7])`` runs both plans on the same citizens and returns a
``Replay``; ``replay_records`` does the same for records already made. ``replay_html`` /
``write_replay_html`` turn it into one self-contained HTML page (plotly.js basic bundle embedded, no
network), which the notebook shows in a frame and a trainer can open from a USB stick. The frames are
computed in Python (``daylog`` → ``frames`` → ``scene``); the page only plays them.
"""

from simkit.replay.build import Replay, replay_adoptions, replay_records
from simkit.replay.daylog import DayLog, day_log
from simkit.replay.frames import Frame, FrameMaker, day_frames
from simkit.replay.page import replay_html, write_replay_html

__all__ = [
    "DayLog",
    "Frame",
    "FrameMaker",
    "Replay",
    "day_frames",
    "day_log",
    "replay_adoptions",
    "replay_html",
    "replay_records",
    "write_replay_html",
]
