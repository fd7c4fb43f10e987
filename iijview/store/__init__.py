"""The corrections workspace (SQLite): store, apply, export and import user corrections."""
from iijview.store.workspace import Correction, Workspace, WorkspaceError, default_folder

__all__ = ["Workspace", "Correction", "WorkspaceError", "default_folder"]
