# Gates exit 1; errors beyond defaults.max_error_rate exit 3; help and
# version exit 0 everywhere.
source "$(dirname "$0")/lib.sh"

write suites/s.yaml <<'YAML'
cases:
  - id: good
    category: alpha
    prompt: say yes
    mock: {response: "yes"}
    checks: [{type: equals, value: "yes"}]
  - id: bad
    category: beta
    prompt: say no
    mock: {response: "yes"}
    checks: [{type: equals, value: "no"}]
  - id: broken
    category: beta
    prompt: fail please
    mock: {error: "simulated outage"}
    checks: [{type: contains, value: "x"}]
YAML
write gate.yaml <<'YAML'
name: gate
version: 1
suites: [suites/s.yaml]
models: [{id: m, provider: mock, model: scripted}]
gates: {min_pass_rate: 0.9}
YAML
run_eb 1 run gate.yaml --case good --case bad --out runs/gate --quiet
expect_in out "gate min_pass_rate m 0.900: FAILED"
[ "$(json_get runs/gate/run.json 'd["summary"]["gates_passed"]')" = "False" ] || fail "gates_passed should be false"

write pass.yaml <<'YAML'
name: pass
version: 1
suites: [suites/s.yaml]
models: [{id: m, provider: mock, model: scripted}]
gates: {categories: {alpha: {min_pass_rate: 1.0}}}
YAML
# Filters take one value each, so they may come before the manifest.
run_eb 0 run --case good --case bad pass.yaml --out runs/pass --quiet

# The errored trial is recorded, not dropped, and the run exits 3.
run_eb 3 run pass.yaml --out runs/errors --quiet
expect_line_count runs/errors/trials.jsonl 3
expect_in runs/errors/trials.jsonl "simulated outage"
expect_in err "max_error_rate"

write tolerant.yaml <<'YAML'
name: tolerant
version: 1
suites: [suites/s.yaml]
models: [{id: m, provider: mock, model: scripted}]
defaults: {max_error_rate: 0.5}
YAML
run_eb 0 run tolerant.yaml --out runs/tolerant --quiet

for sub in "" validate list run check checks "cache clear"; do
    # shellcheck disable=SC2086
    run_eb 0 $sub --help
    expect_in out "Usage"
done
run_eb 0 checks
for type in contains regex json-schema bleu code-exec refusal retrieval tool-call similar command; do
    grep -qE "^$type " out || fail "checks should list $type"
done
run_eb 0 --version
expect_in out "evalbench 0."
run_eb 2 run
run_eb 2 frobnicate
echo ok
