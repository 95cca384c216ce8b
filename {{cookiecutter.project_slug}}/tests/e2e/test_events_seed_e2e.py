"""The seed page's events snippets, run verbatim in the real app (being written)."""
