#!/usr/bin/env python3
"""Dispatch benchmark: N trials at concurrency C against a loopback
OpenAI-compatible server that answers every request after L ms.

The ideal wall time is ceil(N / C) * L; the target is to finish within 1.10x
of it, i.e. evalbench is network-bound, not CPU-bound. Reports wall time,
the ratio to the ideal, CPU time per trial and peak memory (RSS) of the
evalbench process. Each trial is scored by four checks.

  bench/provider_bench.py BUILD/evalbench [--trials 2000] [--concurrency 64] [--latency-ms 100]
"""

import argparse
import math
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
SERVER = HERE.parent / "tests" / "servers" / "fake_llm_server.py"


def write_inputs(work: pathlib.Path, trials: int, port: int, concurrency: int) -> pathlib.Path:
    cases_count = 100
    repeat = math.ceil(trials / cases_count)
    lines = ["cases:"]
    for i in range(cases_count):
        lines += [
            f"  - id: bench-{i:03}",
            "    category: bench",
            f"    prompt: 'Return the JSON object {{\"id\": {i}, \"ok\": true}} and nothing else.'",
            "    checks:",
            f"      - {{type: contains, value: '\"id\": {i}'}}",
            "      - {type: regex, pattern: '\"ok\":\\s*true'}",
            "      - {type: max-length, value: 500}",
            "      - {type: not-icontains, value: 'sorry'}",
        ]
    (work / "suite.yaml").write_text("\n".join(lines) + "\n")
    (work / "bench.yaml").write_text(f"""name: dispatch-bench
version: 1
suites: [suite.yaml]
models:
  - id: loopback
    provider: openai
    base_url: http://127.0.0.1:{port}/v1
    model: bench-model
    max_concurrency: {concurrency}
defaults: {{repeat: {repeat}, concurrency: {concurrency}, timeout_s: 30, retries: 0}}
""")
    return work / "bench.yaml"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("evalbench")
    parser.add_argument("--trials", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    args = parser.parse_args()
    args.evalbench = os.path.abspath(args.evalbench)

    server = subprocess.Popen(
        [sys.executable, str(SERVER), "--latency-ms", str(args.latency_ms), "--no-record"],
        stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline().split()[1])
        with tempfile.TemporaryDirectory() as tmp:
            work = pathlib.Path(tmp)
            manifest = write_inputs(work, args.trials, port, args.concurrency)
            start = time.monotonic()
            run = subprocess.run(
                [args.evalbench, "run", str(manifest), "--out", str(work / "run"), "--no-cache", "--quiet",
                 "--concurrency", str(args.concurrency)],
                cwd=work, capture_output=True, text=True)
            wall = time.monotonic() - start
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            if run.returncode != 0:
                print(run.stdout, run.stderr, file=sys.stderr)
                return 1
            trials = sum(1 for _ in open(work / "run" / "trials.jsonl"))
    finally:
        server.terminate()
        server.wait()

    ideal = math.ceil(trials / args.concurrency) * args.latency_ms / 1000.0
    cpu = usage.ru_utime + usage.ru_stime
    print(f"trials            {trials}")
    print(f"concurrency       {args.concurrency}")
    print(f"server latency    {args.latency_ms:.0f} ms")
    print(f"ideal wall time   {ideal:.2f} s  (ceil(N/C) * L)")
    print(f"wall time         {wall:.2f} s  ({wall / ideal:.3f}x ideal; target <= 1.10x)")
    print(f"evalbench CPU     {cpu:.2f} s  ({1000 * cpu / trials:.3f} ms per trial)")
    print(f"peak RSS          {usage.ru_maxrss / 1024:.1f} MiB")
    return 0 if wall <= 1.10 * ideal else 3


if __name__ == "__main__":
    sys.exit(main())
