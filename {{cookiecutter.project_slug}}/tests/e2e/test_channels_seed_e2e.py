"""The seed page's channels snippets, run verbatim in the real app (being written)."""
