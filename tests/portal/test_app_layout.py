import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = {"alt_portal", "portal", "education", "questionnaire"}


def module_path(module):
    base = ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.exists():
            return path
    return None


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            # "from portal import page_cache" imports the module portal.page_cache.
            for alias in node.names:
                if module_path(f"{node.module}.{alias.name}"):
                    yield f"{node.module}.{alias.name}"


def import_chains(app):
    """Yield the chain of first-party modules from each of ``app``'s modules
    (migrations aside) to every module it imports, directly or through others."""
    chains = [
        [path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")]
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    ]
    seen = {chain[0] for chain in chains}
    while chains:
        chain = chains.pop()
        yield chain
        path = module_path(chain[-1])
        if path is None:
            continue
        for module in imported_modules(path):
            if module.split(".")[0] in FIRST_PARTY and module not in seen:
                seen.add(module)
                chains.append([*chain, module])


def test_content_does_not_depend_on_the_check():
    """The check links to articles; articles never need the check's rules, not
    even through a site-wide module they import (portal.models does)."""
    found = [
        " -> ".join(chain)
        for chain in import_chains("education")
        if chain[-1].split(".")[0] == "questionnaire"
    ]
    assert found == []


def test_the_check_is_found_through_a_site_wide_module():
    """The test above can fail: portal.models reaches questionnaire's rules."""
    assert any(
        chain[-1].startswith("questionnaire") for chain in import_chains("portal")
    )
