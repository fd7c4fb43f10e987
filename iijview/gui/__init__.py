"""iijview.gui package."""
