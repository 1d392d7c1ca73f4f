"""``python -m newsspider`` is the ``newsspider`` command."""

import sys

from newsspider.cli import main

sys.exit(main())
