"""iijview.export package."""
