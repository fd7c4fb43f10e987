"""Opening releases as published: the file kinds File > Open offers, and OCR offered for a scanned PDF."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from iijview.gui import errors
from iijview.parse.originals import FILE_KINDS

OPEN_FILTERS = ";;".join(
    [f"IIJ releases ({' '.join(p for _name, patterns in FILE_KINDS for p in patterns)})"]
    + [f"{name} ({' '.join(patterns)})" for name, patterns in FILE_KINDS] + ["All files (*)"])


def offer_ocr(parent, path: str, sentence: str, read) -> bool:
    """Offer to read a scanned PDF with OCR (a box that does not block; `read()` runs on yes); False,
    offering nothing, when Tesseract is missing (the sentence then says how to install it)."""
    from iijview.parse.ocr import tesseract_path

    if tesseract_path() is None:
        return False
    box = errors.message(parent, "Read a scanned PDF with OCR?", sentence,
                         f"{Path(path).name} has pages without text. OCR (Tesseract) reads the printed figures "
                         "from the page images, which takes a few seconds a page. OCR can misread a figure: "
                         "the checks and the page shown beside each value help to catch it.",
                         icon=QMessageBox.Question)
    box.setStandardButtons(QMessageBox.Cancel)
    button = box.addButton("Read with OCR", QMessageBox.AcceptRole)
    box.setDefaultButton(button)
    button.clicked.connect(read)
    return True
