# list (and --retired), `evalbench check` on JSONL, variants in a run, and
# --resume after an interruption that lost the tail of the journal.
source "$(dirname "$0")/lib.sh"

run_eb 0 list "$SOURCE_DIR/manifests/quickstart.yaml"
expect_in out "support/refund-window"
expect_in out "mock-echo"
expect_not_in out "extraction/legacy-csv"
run_eb 0 list "$SOURCE_DIR/manifests/quickstart.yaml" --retired
expect_in out "extraction/legacy-csv"
run_eb 0 list "$SOURCE_DIR/manifests/quickstart.yaml" --json
[ "$(json_get out 'len(d["cases"])')" = "10" ] || fail "list --json should show 10 active cases"

# check: one result line per input line, in order.
cat >in.jsonl <<'JSONL'
{"check": {"type": "contains", "value": "Paris"}, "output": "The capital is Paris."}
{"check": {"type": "not-contains", "value": "Paris"}, "output": "The capital is Paris."}
{"check": {"type": "equals", "value": "x"}, "output": "y", "reference": "x"}
JSONL
run_eb 0 check in.jsonl
expect_line_count out 3
python3 - <<'PY' || fail "check results wrong"
import json
rows = [json.loads(l) for l in open("out")]
assert [r["pass"] for r in rows] == [True, False, False], rows
assert rows[0]["score"] == 1.0 and rows[1]["score"] == 0.0
assert all(r["reason"] for r in rows)
PY
echo '{"check": {"type": "containz", "value": "a"}, "output": "a"}' >bad.jsonl
run_eb 2 check bad.jsonl
expect_in err "bad.jsonl:1:1: unknown check type 'containz'"
expect_line_count out 1

# Variants: each case runs once per configuration (model x variant).
write suites/v.yaml <<'YAML'
cases:
  - id: v1
    prompt: "{{greeting}} world"
    vars: {greeting: hello}
    checks: [{type: icontains, value: "hello world"}]
  - id: v2
    prompt: second
    checks: [{type: contains, value: "second"}]
YAML
write v.yaml <<'YAML'
name: variants
version: 2
suites: [suites/*.yaml]
models: [{id: echo, provider: mock, model: echo}]
variants:
  - {id: plain}
  - {id: wrapped, system: "Be brief.", template: "Question: {{prompt}}"}
defaults: {repeat: 2}
YAML
run_eb 0 run v.yaml --out runs/v --quiet
expect_line_count runs/v/trials.jsonl 8
expect_in out "echo/wrapped"
expect_in runs/v/trials.jsonl "Question: hello world"

# Resume: drop the last three journal lines as if the run died, then continue.
head -n 5 runs/v/trials.jsonl >runs/v/t && mv runs/v/t runs/v/trials.jsonl
printf '{"schema_version":1,"case":"v1","mod' >>runs/v/trials.jsonl   # a torn last line
run_eb 0 run --resume runs/v --quiet
python3 - <<'PY' || fail "resume did not complete the run exactly once"
import json
keys = [json.loads(l) for l in open("runs/v/trials.jsonl") if l.strip().endswith("}")]
ids = sorted((t["case"], t["variant"], t["repeat"]) for t in keys)
assert len(ids) == 8 and len(set(ids)) == 8, ids
PY
[ "$(json_get runs/v/run.json 'd["summary"]["trials"]')" = "8" ] || fail "resumed summary should cover 8 trials"
echo ok
