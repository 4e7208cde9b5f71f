"""The README's examples run as written."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def _workdir(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    # The user places file the README's example names.
    (tmp_path / "my_places.csv").write_text(
        "name,aliases,lat,lon,kind,country\n"
        "Azovstal Iron and Steel Works,Azovstal,47.0963,37.5957,other,UA\n", encoding="utf-8")
    # The annotated file the README's ranker example fits on (evaluation format).
    text = "Flooding closed roads in Athens and across Clarke County on Monday."
    (tmp_path / "my_annotated.jsonl").write_text(json.dumps({
        "id": "a1", "text": text, "toponyms": [
            {"start": text.index("Athens"), "end": text.index("Athens") + 6,
             "lat": 33.9609, "lon": -83.3779}]}) + "\n", encoding="utf-8")
    return tmp_path


def test_python_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(_workdir(tmp_path))
    blocks = _blocks("python")
    assert blocks
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
    assert (tmp_path / "out" / "events.geojson").exists()


def test_cli_examples_run(tmp_path):
    work = _workdir(tmp_path)
    commands = [line[2:] for block in _blocks("console") for line in block.splitlines()
                if line.startswith("$ geomap") and "corpus.jsonl" not in line]
    assert commands
    for command in commands:
        args = command.split("#")[0].split()[1:]
        res = subprocess.run([sys.executable, "-m", "geomap.cli", *args], cwd=work,
                             capture_output=True, text=True)
        assert res.returncode == 0, (command, res.stderr)
    assert (work / "out" / "map.png").stat().st_size > 10_000
