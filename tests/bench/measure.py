"""One timed run of a command, for tests/bench/run and tests/bench/shapes."""
import os
import subprocess
import sys
import time


def measure(cmd, cwd=None, env=None):
    """Wall time (s) and peak RSS (MB) of one run of cmd; a failed run
    ends the benchmark with its messages."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024
