"""pyproject.toml ships every package and data folder the source tree has."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _listed_packages() -> set[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^packages = \[(.*?)\]", text, re.S | re.M).group(1)
    return set(re.findall(r'"([\w.]+)"', block))


def test_every_package_of_the_source_tree_is_installed():
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "iijview").rglob("__init__.py")}
    found |= {"iijview.resources" + "".join("." + part for part in p.parent.relative_to(ROOT / "resources").parts)
              for p in (ROOT / "resources").rglob("__init__.py")}
    assert found <= _listed_packages(), f"missing from pyproject.toml packages: {sorted(found - _listed_packages())}"


def test_every_data_file_kind_is_shipped():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for folder in [ROOT / "resources", *[p.parent for p in (ROOT / "resources").rglob("__init__.py")]]:
        kinds = {p.suffix for p in folder.iterdir() if p.is_file() and p.suffix not in (".py", ".pyc")}
        package = "iijview.resources" + "".join("." + x for x in folder.relative_to(ROOT / "resources").parts)
        line = re.search(rf'^"{re.escape(package)}" = \[(.*?)\]', text, re.M)
        assert line or not kinds, f"{package} has data files but no package-data entry"
        for kind in kinds:
            assert f'"*{kind}"' in line.group(1), f"{package}: *{kind} files are not shipped"
