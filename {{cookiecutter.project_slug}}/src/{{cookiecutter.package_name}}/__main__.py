"""``python -m {{ cookiecutter.package_name }}`` runs the app."""

import sys

# Absolute, not `from .app`: the standalone build runs this file as a plain script.
from {{ cookiecutter.package_name }}.app import main

sys.exit(main())
