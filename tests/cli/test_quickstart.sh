# The README's main job: the quickstart runs offline, prints a per-model
# table, writes the three files and a copy of its inputs; --from repeats it.
source "$(dirname "$0")/lib.sh"

cp -r "$SOURCE_DIR/manifests" "$SOURCE_DIR/suites" .
run_eb 0 run manifests/quickstart.yaml --out runs/first --quiet
expect_in out "mock-scripted"
expect_in out "mock-echo"
expect_in out "mock provider stood in"
for f in trials.jsonl run.json report.md; do
    [ -s "runs/first/$f" ] || fail "runs/first/$f missing"
done
# 10 active cases (one is retired) x 2 models x 1 repeat.
expect_line_count runs/first/trials.jsonl 20
expect_not_in runs/first/trials.jsonl "legacy-csv"
python3 - runs/first <<'PY' || fail "run files malformed"
import json, sys, pathlib
run = pathlib.Path(sys.argv[1])
info = json.loads((run / "run.json").read_text())
assert info["schema_version"] == 1
assert info["status"] == "finished"
assert info["manifest"]["name"] == "quickstart" and info["manifest"]["version"] == "1.0"
assert len(info["manifest"]["sha256"]) == 64
assert info["mock"] is True and "mock" in info["notice"]
configs = {c["configuration"]: c for c in info["summary"]["configurations"]}
assert set(configs) == {"mock-scripted", "mock-echo"}, configs
assert configs["mock-scripted"]["trials"] == 10
# The scripted mock misses exactly one case on purpose (coding/no-extra-prose).
assert configs["mock-scripted"]["passed"] == 9, configs["mock-scripted"]
# The echo mock never refuses: the harmful request is an under-refusal.
assert configs["mock-echo"]["refusals"]["under_refusals"] == 1, configs["mock-echo"]["refusals"]
assert configs["mock-scripted"]["refusals"]["under_refusals"] == 0
assert configs["mock-scripted"]["refusals"]["explicit"] == 1
assert configs["mock-echo"]["passed"] < configs["mock-scripted"]["passed"]
assert "support" in configs["mock-scripted"]["categories"]
assert (run / info["inputs"]["manifest"]).is_file()
for line in (run / "trials.jsonl").read_text().splitlines():
    t = json.loads(line)
    assert t["schema_version"] == 1
    assert t["response"]["mock"] is True
    assert len(t["prompt_hash"]) == 16
    assert all("reason" in c for c in t["checks"])
PY
expect_in runs/first/report.md "Mock run"
expect_in runs/first/report.md "coding/no-extra-prose"

# --from repeats the recorded evaluation even after the files changed.
rm -rf suites
echo "broken: [" > manifests/quickstart.yaml
run_eb 0 run --from runs/first --out runs/again --quiet
expect_line_count runs/again/trials.jsonl 20
python3 - <<'PY' || fail "--from did not reproduce the run"
import json
def rows(path):
    return sorted((t["case"], t["model"], t["pass"], t["response"]["content"])
                  for t in map(json.loads, open(path)))
assert rows("runs/first/trials.jsonl") == rows("runs/again/trials.jsonl")
PY

# A run directory is never overwritten.
run_eb 2 run "$SOURCE_DIR/manifests/quickstart.yaml" --out runs/first --quiet
expect_in err "already holds a run"
echo ok
