"""Plumbing: the machinery the examples stand on. You rarely edit it.

The example modules one level up (``commands.py``, ``channels.py``, ...) are
yours to read, copy and change. The modules here make them safe and fast, and
each one is shared by several examples:

* ``dispatch`` runs every command the page invokes on the async loop;
* ``errors`` turns a pydantic validation error into one short line per field;
* ``guards`` keeps exceptions from leaking to the page or silencing listeners;
* ``models`` holds the base models of every IPC payload;
* ``streams`` stops running streams on request, window close or timeout;
* ``batching`` coalesces high-rate channel messages and events;
* ``typed_events`` declares each event once (name, payload model, direction);
* ``history`` stores one JSON file per record, written atomically (the chat);
* ``codegen`` writes the page's typed client (``npm run gen``).

A module leaves the project with the last example that uses it.
"""
