"""``python -m {{ cookiecutter.package_name }}`` runs the app."""

import sys

from .app import main

sys.exit(main())
