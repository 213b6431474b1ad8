"""simkit: a training and simulation kit for digital-literacy campaigns in Vietnam.

Three audiences share one package:

- learners study VNeID and the National Public Service Portal in notebook lessons (``simkit.learn``);
- trainers run workshops with the same content;
- planners test adoption scenarios with a queue model of public administration service centres
  (``simkit.sim``).
"""

from simkit.errors import ConfigError

__all__ = ["ConfigError", "__version__"]
__version__ = "0.1.0"
