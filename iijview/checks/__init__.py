"""iijview.checks package."""
