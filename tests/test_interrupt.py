"""A run killed mid-write leaves the previous outputs intact; the next run cleans up."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

from tests.conftest import SEED

CONTRACT = ("events.geojson", "places.geojson", "mentions.geojson", "map.html", "report.json",
            "events.gpkg", "events.csv")


def _cmd(inputs, out):
    return [sys.executable, "-m", "geomap.cli", "map", *map(str, inputs), "-o", str(out), "-q"]


def test_kill_during_write_keeps_previous_outputs(tmp_path):
    out = tmp_path / "out"
    first = subprocess.run(_cmd([SEED], out), capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = {name: (out / name).read_bytes() for name in CONTRACT}

    # A bigger second run, killed as soon as it starts writing its outputs.
    text = SEED.read_text(encoding="utf-8")
    big = tmp_path / "many.jsonl"
    with open(big, "w", encoding="utf-8") as f:
        for i in range(150):
            f.write(json.dumps({"id": f"copy-{i}", "text": text}) + "\n")
    proc = subprocess.Popen(_cmd([big], out), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    killed_mid_write = False
    while time.monotonic() < deadline and proc.poll() is None:
        stages = list(out.glob(".geomap-run-*"))
        if stages and any(p.is_file() for s in stages for p in s.rglob("*")):
            proc.send_signal(signal.SIGKILL)
            killed_mid_write = True
            break
        time.sleep(0.005)
    proc.wait()
    assert killed_mid_write, "the run finished before it could be interrupted"
    for name, data in before.items():
        assert (out / name).read_bytes() == data, f"{name} changed by a killed run"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]

    again = subprocess.run(_cmd([SEED], out), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert not list(out.glob(".geomap-run-*")), "stale staging folder left behind"
    for name in CONTRACT:
        if name != "report.json":  # it records timings
            assert (out / name).read_bytes() == before[name], f"{name} not reproducible"
