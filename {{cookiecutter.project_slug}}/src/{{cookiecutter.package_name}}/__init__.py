"""{{ cookiecutter.description | replace('"', "'") | replace("\\", "/") }}"""
