"""``python -m simkit.cli`` runs the ``simkit`` command."""

from simkit.cli.main import main

raise SystemExit(main())
