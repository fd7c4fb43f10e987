"""The five bundled sample releases."""
