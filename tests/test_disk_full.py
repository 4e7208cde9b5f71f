"""Writing fails half-way (the disk fills up): one clear line, the old outputs stay."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys

from tests.conftest import SEED


def _limit_file_size(limit: int):
    def apply() -> None:
        # Writes past `limit` bytes now fail with EFBIG, as they would on a full disk.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_full_disk_during_writing(tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "geomap.cli", "map", str(SEED), "-o", str(out), "-q"]
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    res = subprocess.run(cmd, capture_output=True, text=True,
                         preexec_fn=_limit_file_size(50_000))
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geomap: "), lines
    assert "could not write" in lines[0] or "too large" in lines[0].lower(), lines
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
    assert not [p for p in out.iterdir() if p.name.startswith(".geomap-run-")]
