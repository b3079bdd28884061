"""Every picture the README shows exists in the repository."""
import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def test_every_image_in_the_readme_exists():
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", (PROJECT / "README.md").read_text())
    assert any("screenshots" in i for i in images), "the README shows the browser screenshots"
    missing = [i for i in images if not (PROJECT / i).is_file()]
    assert not missing, f"README images not found: {missing}"
