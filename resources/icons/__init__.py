"""The app icon: SVG and PNG sizes."""
