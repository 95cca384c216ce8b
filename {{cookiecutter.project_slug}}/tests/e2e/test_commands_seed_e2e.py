"""The seed page's commands snippets, run verbatim in the real app (being written)."""
