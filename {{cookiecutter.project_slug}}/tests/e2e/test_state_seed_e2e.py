"""The seed page's state snippets, run verbatim in the real app (being written)."""
