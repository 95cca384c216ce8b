"""The seed page's js_eval snippets, run verbatim in the real app (being written)."""
