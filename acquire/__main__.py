"""``python -m acquire``: the data command (acquire/cli.py)."""

import sys

from acquire.cli import main

sys.exit(main())
