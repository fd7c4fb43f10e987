"""`python -m iijview` runs the command line."""
import sys

from iijview.cli import main

sys.exit(main())
