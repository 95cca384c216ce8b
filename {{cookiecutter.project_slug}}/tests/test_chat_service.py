"""Being split out (helper)."""
