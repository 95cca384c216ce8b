{%- set c = cookiecutter -%}
{%- set batching = c.with_channels or c.with_bench -%}
"""Plumbing: the machinery the examples stand on. You rarely edit it.

The example modules one level up (``commands.py`` and the others beside
``app.py``) are yours to read, copy and change. The modules here make them
safe and fast:

* ``dispatch`` runs every command the page invokes on the async loop;
* ``errors`` turns a pydantic validation error into one short line per field;
* ``guards`` keeps exceptions from leaking to the page or silencing listeners;
* ``models`` holds the base models of every IPC payload;
{%- if c.with_channels or c.with_chat_demo %}
* ``streams`` stops running streams on request, window close or timeout;
{%- endif %}
{%- if batching %}
* ``batching`` coalesces high-rate channel messages and events;
{%- endif %}
{%- if batching or c.with_events or c.with_chat_demo or c.with_desktop or c.with_typed_client %}
* ``typed_events`` declares each event once (name, payload model, direction);
{%- endif %}
{%- if c.with_desktop %}
* ``desktop_env`` says in one line what the machine lacks (tray library, D-Bus);
{%- endif %}
{%- if c.with_chat_demo %}
* ``history`` stores one JSON file per record, written atomically (the chat);
{%- endif %}
{%- if c.with_typed_client %}
* ``codegen`` writes the page's typed client (``npm run gen``);
{%- endif %}
* ``dev`` runs dev mode (``npm run dev``): Vite, and the app restarted on save.

Each shared module leaves the project with the last example that uses it.
"""
