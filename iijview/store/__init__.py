"""iijview.store package."""
