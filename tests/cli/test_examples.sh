# Every example manifest validates (no keys needed to validate), and the
# code-exec example runs its tests in the sandbox through a real run.
source "$(dirname "$0")/lib.sh"

env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u GEMINI_API_KEY "$EVALBENCH" validate \
    "$SOURCE_DIR/examples/providers.yaml" >out 2>err || fail "validate of the example failed"
expect_in out "ok"
# Missing keys are warnings at validate time (run would refuse to start).
expect_in err "warning: "
expect_in err "OPENAI_API_KEY"

write suites/code.yaml <<'YAML'
cases:
  - id: code
    prompt: fizzbuzz please
    mock:
      response: |
        ```python
        def fizzbuzz(n):
            return "Fizz" * (n % 3 == 0) + "Buzz" * (n % 5 == 0) or str(n)
        ```
    checks:
      - type: code-exec
        tests: ["assert fizzbuzz(15) == 'FizzBuzz'", "assert fizzbuzz(7) == '7'", "assert fizzbuzz(9) == 'Fizz'"]
  - id: code-wrong
    prompt: fizzbuzz please
    mock: {response: "```python\ndef fizzbuzz(n):\n    return str(n)\n```"}
    checks:
      - {type: code-exec, tests: ["assert fizzbuzz(15) == 'FizzBuzz'", "assert fizzbuzz(7) == '7'"]}
YAML
write code.yaml <<'YAML'
name: code
version: 1
suites: [suites/code.yaml]
models: [{id: m, provider: mock, model: scripted}]
YAML
run_eb 0 run code.yaml --out runs/code --quiet
python3 - <<'PY' || fail "code-exec scores wrong"
import json
by = {t["case"]: t for t in map(json.loads, open("runs/code/trials.jsonl"))}
assert by["code"]["pass"] and by["code"]["score"] == 1.0, by["code"]["checks"]
wrong = by["code-wrong"]["checks"][0]
assert not wrong["pass"] and abs(wrong["score"] - 0.5) < 1e-9, wrong
assert not wrong.get("errored"), wrong
PY
echo ok
