"""A desktop app with a Python backend and a web page, on PyTauri.

``app.py`` wires the examples together; run the app with
``python -m {{ cookiecutter.package_name }}``.
"""
