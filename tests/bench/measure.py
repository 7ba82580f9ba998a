"""One measured run of a command: for tests/bench/run, tests/bench/shapes
and tests/run-hostile."""
import os
import subprocess
import sys
import tempfile
import threading
import time


def run_measured(cmd, cwd=None, env=None, timeout=None):
    """(exit status, negative for a signal; stderr; wall time in s; peak
    RSS in MB) of one run of cmd, or None when it ran longer than timeout
    seconds and was killed. stderr goes through a file, not a pipe: a
    program with much to say would otherwise block while it is waited
    for."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                             stderr=err)
        killed = []
        timer = threading.Timer(timeout, lambda: (killed.append(1), p.kill())) \
            if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        if timer:
            timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        if killed:
            return None
        err.seek(0)
        return (p.returncode, err.read().decode("utf-8", "replace"), wall,
                usage.ru_maxrss / 1024)


def measure(cmd, cwd=None, env=None, expect=0):
    """Wall time (s) and peak RSS (MB) of one run of cmd; a run that ends
    with another status than expect ends the benchmark with its
    messages."""
    status, err, wall, peak = run_measured(cmd, cwd, env)
    if status != expect:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{err[-2000:]}")
    return wall, peak
