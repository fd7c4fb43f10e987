"""Data the app reads through importlib.resources: item labels, headings, bundled samples."""
