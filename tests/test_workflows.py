"""The GitHub Actions workflows parse and call the same make targets as the README."""

import re

import pytest
import yaml

from booktools import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name):
    return yaml.safe_load((WORKFLOWS / name).read_text())


def triggers(flow):
    return flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as True


def make_targets():
    return set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(), re.MULTILINE))


def run_lines(flow):
    return [line.strip() for job in flow["jobs"].values() for step in job.get("steps", []) for line in step.get("run", "").splitlines()]


def readme_commands():
    """The commands of the README's first code block."""
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_readme_starts_with_make_book_and_make_test():
    assert readme_commands()[:2] == ["make book", "make test"]


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda path: path.name)
def test_workflow_parses_and_its_make_commands_exist(path):
    flow = yaml.safe_load(path.read_text())
    assert triggers(flow) and flow["jobs"]
    for job in flow["jobs"].values():
        assert job.get("runs-on") and (job.get("steps") or job.get("uses"))
        for step in job.get("steps", []):
            assert ("run" in step) != ("uses" in step), f"{path.name}: a step needs exactly one of run and uses: {step}"
    for line in run_lines(flow):
        for target in re.findall(r"\bmake ([a-z][\w-]*)", line):
            assert target in make_targets(), f"{path.name}: make {target} is not a Makefile target"


def test_pull_requests_run_make_test():
    flow = workflow("test.yml")
    assert "pull_request" in triggers(flow)
    assert "make test" in run_lines(flow) and "make test" in readme_commands()


def test_pushes_to_main_build_with_the_cache_and_publish_the_built_html():
    flow = workflow("publish-book.yml")
    assert triggers(flow)["push"]["branches"] == ["main"]
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    build = flow["jobs"]["build"]["steps"]
    assert "make book" in run_lines(flow) and "make book" in readme_commands()
    caches = [step["with"]["path"] for step in build if step.get("uses", "").startswith("actions/cache@")]
    assert "_build/.jupyter_cache" in caches
    position = {step.get("run", step.get("uses", "")).split("@")[0]: i for i, step in enumerate(build)}
    assert position["actions/cache"] < position["make book"] < position["actions/upload-pages-artifact"]
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/html"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_the_book_build_uses_the_jupyter_cache_the_workflow_restores():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["execute"]["execute_notebooks"] == "cache"
    assert "cache" not in config["execute"] or config["execute"]["cache"] in ("", "_build/.jupyter_cache")
