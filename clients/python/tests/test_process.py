"""libferry in a process: no thread started by loading it, and a fork after import works."""

import os
import subprocess
import sys

from conftest import EXAMPLE


def run(script: str) -> str:
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=os.environ).stdout


def test_importing_ferry_starts_no_thread():
    out = run(
        "import os, numpy\n"
        "before = len(os.listdir('/proc/self/task'))\n"
        "import ferry\n"
        "print(before, len(os.listdir('/proc/self/task')))\n"
    )
    before, after = map(int, out.split())
    assert after == before, f"import ferry started {after - before} thread(s)"


def test_a_child_forked_after_import_loads_and_predicts():
    out = run(
        "import os, ferry\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        f"    model = ferry.load({str(EXAMPLE)!r})\n"
        "    os._exit(0 if len(model.predict([[1.0] * 39])) == 1 else 1)\n"
        "_, status = os.waitpid(pid, 0)\n"
        "print(os.waitstatus_to_exitcode(status))\n"
    )
    assert out.strip() == "0"
