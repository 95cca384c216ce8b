"""Shipping tools: the version, the icons, and (where the project builds them) installers.

They run from the project's root and read what they need from the files that
already say it (``pyproject.toml``, ``Tauri.toml``); none of it ships inside the app.

    python -m ship.version [NEW]    # show the version (and check its copies), or set it
    python -m ship.icons [--check]  # make every icon from ship/app-icon.png
"""
