import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(app):
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                yield from ((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                yield path, node.module


def test_content_does_not_depend_on_the_check():
    """The check links to articles; articles never need the check's rules."""
    found = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path, module in imported_modules("education")
        if module.split(".")[0] == "questionnaire"
    ]
    assert found == []
