# Broken manifests exit 2 with every problem located as file:line:col, and
# nothing is sent or written.
source "$(dirname "$0")/lib.sh"

write m/bad_yaml.yaml <<'YAML'
name: x
version: 1
suites: [s.yaml
YAML
run_eb 2 validate m/bad_yaml.yaml
grep -qE 'm/bad_yaml.yaml:[0-9]+:[0-9]+: ' err || fail "YAML syntax error not located"

write m/suites/a.yaml <<'YAML'
cases:
  - id: one
    prompt: hi
    checks: [{type: contains, value: hi}]
  - id: one
    prompt: hello
    checks: [{type: containz, value: hello}]
YAML
write m/suites/b.yaml <<'YAML'
cases:
  - id: two
    promt: hi
    checks: [{type: contains, value: hi}]
YAML
write m/many.yaml <<'YAML'
name: many
version: 1
suites: [suites/a.yaml, suites/b.yaml, suites/missing.yaml]
modles: []
models:
  - {id: m, provider: mock, model: scripted}
YAML
run_eb 2 validate m/many.yaml
expect_in err "m/many.yaml:4:1: "
expect_in err "did you mean 'models'"
grep -qE 'm/many.yaml:3:[0-9]+: .*missing.yaml' err || fail "missing suite not located"
grep -qE 'm/suites/a.yaml:5:[0-9]+: .*duplicate' err || fail "duplicate id not located"
grep -qE 'm/suites/b.yaml:3:5: .*did you mean .prompt.' err || fail "unknown case key not located"
grep -qE "m/suites/a.yaml:7:[0-9]+: unknown check type 'containz'" err || fail "check errors must be reported with the others"
[ ! -d runs ] || fail "a failed validation must not create runs/"
run_eb 2 run m/many.yaml --quiet
[ ! -d runs ] || fail "a run with a bad manifest must not create runs/"

# A bad check definition is found by validate, not mid-run.
write m/suites/c.yaml <<'YAML'
cases:
  - id: c1
    prompt: hi
    checks:
      - {type: containz, value: hi}
      - {type: regex, pattern: "(unclosed"}
YAML
write m/checks.yaml <<'YAML'
name: checks
version: 1
suites: [suites/c.yaml]
models: [{id: m, provider: mock, model: scripted}]
YAML
run_eb 2 validate m/checks.yaml
expect_in err "unknown check type 'containz' (did you mean 'contains'?)"
grep -qE 'm/suites/c.yaml:6:[0-9]+: .*regex' err || fail "bad regex not located"

# Flags are validated too.
run_eb 2 run m/checks.yaml --concurrency 0
run_eb 2 run "$SOURCE_DIR/manifests/quickstart.yaml" --model nope --quiet
expect_in err "no such model"
run_eb 2 validate does-not-exist.yaml
echo ok
