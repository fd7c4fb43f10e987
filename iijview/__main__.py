"""`python -m iijview` runs the command line."""
import multiprocessing
import sys

from iijview.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()   # the frozen app's worker processes start through here
    sys.exit(main())
