import sys

from jobpilot_host.server import main

sys.exit(main())
