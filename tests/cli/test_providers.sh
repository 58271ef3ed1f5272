# Real wire formats through the real binary: OpenAI, Anthropic (streamed) and
# Gemini against the loopback fake server; retries on 429, silent refusals,
# embeddings for `similar`, the response cache, errors and exit 3, and that
# the API key reaches the server but no file evalbench writes.
source "$(dirname "$0")/lib.sh"

python3 "$SOURCE_DIR/tests/servers/fake_llm_server.py" >server.out 2>server.err &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q PORT server.out 2>/dev/null && break; sleep 0.1; done
PORT=$(awk '/PORT/ {print $2}' server.out)
[ -n "$PORT" ] || fail "fake server did not start"
BASE="http://127.0.0.1:$PORT"

export TEST_OPENAI_KEY="sk-SENTINEL-openai-7731"
export TEST_ANTHROPIC_KEY="sk-SENTINEL-anthropic-7732"
write .env <<ENV
TEST_GEMINI_KEY=sk-SENTINEL-gemini-7733
ENV

write suites/s.yaml <<'YAML'
cases:
  - id: capital
    category: facts
    prompt: "Paris is the capital of France."
    reference: "Paris is the capital of France."
    checks:
      - {type: contains, value: "Paris"}
      - {type: similar, threshold: 0.9}
  - id: silent
    category: behaviour
    prompt: '[[fake:{"silent_refusal": true}]] Think hard about this.'
    checks:
      - {type: not-refusal}
YAML
write m.yaml <<YAML
name: providers
version: 1
suites: [suites/s.yaml]
models:
  - {id: oa, provider: openai, base_url: "$BASE/v1", model: gpt-test, api_key_env: TEST_OPENAI_KEY,
     pricing: {input_per_mtok: 1, output_per_mtok: 2}}
  - {id: an, provider: anthropic, base_url: "$BASE", model: claude-test, api_key_env: TEST_ANTHROPIC_KEY, stream: true}
  - {id: ge, provider: gemini, base_url: "$BASE", model: gemini-test, api_key_env: TEST_GEMINI_KEY}
embeddings: {base_url: "$BASE/v1", model: embed-test}
defaults: {concurrency: 1, retries: 2, max_error_rate: 0}
YAML

# One scripted 429 (with retry-after-ms) hits the first request; it is retried.
python3 -c "import urllib.request as u; u.urlopen(u.Request('$BASE/_script', data=b'{\"status\": 429, \"retry_after_ms\": \"20\"}', method='POST'))"
run_eb 0 run m.yaml --out runs/one --quiet --cache-dir cache
expect_line_count runs/one/trials.jsonl 6
expect_in out "silent refusal"
python3 - "$BASE" <<'PY' || fail "provider run content wrong"
import json, sys, urllib.request
trials = [json.loads(l) for l in open("runs/one/trials.jsonl")]
by = {(t["case"], t["model"]): t for t in trials}
for model in ("oa", "an", "ge"):
    capital = by[("capital", model)]
    assert capital["pass"], capital
    assert capital["response"]["served_model"].endswith("-0001"), capital["response"]
    assert capital["response"]["usage"]["reported"], capital
    silent = by[("silent", model)]
    assert silent["silent_refusal"] and silent["refusal"] == "silent", silent
    assert silent["response"]["finish_reason"] == "length"
assert max(t["response"]["attempts"] for t in trials) == 2, "the 429 should cost one retry"
assert by[("capital", "an")]["response"].get("ttft_ms") is not None, "streamed answers carry TTFT"
assert by[("capital", "oa")]["cost_usd"] > 0
info = json.load(open("runs/one/run.json"))
configs = {c["configuration"]: c for c in info["summary"]["configurations"]}
assert configs["oa"]["silent_refusals"] == 1
assert configs["oa"]["output_tokens_per_s"]["n"] >= 1, configs["oa"]
assert configs["an"]["ttft_ms"]["n"] >= 1, configs["an"]
assert info["mock"] is False
requests = json.load(urllib.request.urlopen(sys.argv[1] + "/_requests"))
headers = [{k.lower(): v for k, v in r["headers"].items()} for r in requests]
assert any(h.get("authorization") == "Bearer sk-SENTINEL-openai-7731" for h in headers)
assert any(h.get("x-api-key") == "sk-SENTINEL-anthropic-7732" for h in headers)
assert any(h.get("x-goog-api-key") == "sk-SENTINEL-gemini-7733" for h in headers)
PY
if grep -rq "SENTINEL" runs cache; then fail "an API key was written to a run or the cache"; fi
expect_not_in out "SENTINEL"
expect_not_in err "SENTINEL"

# The second run is answered from the cache: no new model request.
count_requests() { python3 -c "import json,urllib.request; print(len([r for r in json.load(urllib.request.urlopen('$BASE/_requests')) if 'embeddings' not in r['path']]))"; }
before=$(count_requests)
run_eb 0 run m.yaml --out runs/two --quiet --cache-dir cache
[ "$(count_requests)" = "$before" ] || fail "cached run sent requests"
python3 -c "import json; assert all(json.loads(l)['response']['cached'] for l in open('runs/two/trials.jsonl'))" \
  || fail "second run should be cached"
run_eb 0 run m.yaml --out runs/three --quiet --cache-dir cache --no-cache --model oa
[ "$(count_requests)" -gt "$before" ] || fail "--no-cache should send requests"
run_eb 0 cache clear --cache-dir cache
expect_in out "removed"

# A server that keeps failing: the errors are recorded and the run exits 3.
write suites/down.yaml <<'YAML'
cases:
  - id: down
    prompt: '[[fake:{"status": 503}]] hello'
    checks: [{type: contains, value: hello}]
YAML
write down.yaml <<YAML
name: down
version: 1
suites: [suites/down.yaml]
models: [{id: oa, provider: openai, base_url: "$BASE/v1", model: gpt-test}]
defaults: {retries: 1}
YAML
run_eb 3 run down.yaml --out runs/down --quiet --no-cache
python3 -c "
import json
t = json.loads(open('runs/down/trials.jsonl').readline())
assert t['error']['kind'] == 'server' and t['error']['http_status'] == 503 and t['error']['attempts'] == 2, t
" || fail "error trial malformed"

# Ctrl-C while a request waits out a 60 s Retry-After: the run stops at
# once (well before the wait would end), and the unfinished trial is not
# journaled, so --resume would send it again.
write suites/wait.yaml <<'YAML'
cases:
  - id: wait
    prompt: '[[fake:{"status": 429, "retry_after": "60"}]] patience'
    checks: [{type: contains, value: patience}]
YAML
write wait.yaml <<YAML
name: wait
version: 1
suites: [suites/wait.yaml]
models: [{id: oa, provider: openai, base_url: "$BASE/v1", model: gpt-test}]
defaults: {retries: 3}
YAML
"$EVALBENCH" run wait.yaml --out runs/wait --no-cache >out 2>err &
pid=$!
for _ in $(seq 600); do
    python3 -c "import json,urllib.request,sys; sys.exit(0 if any('patience' in json.dumps(r) for r in json.load(urllib.request.urlopen('$BASE/_requests'))) else 1)" 2>/dev/null && break
    sleep 0.05
done
sleep 0.3   # let the worker reach its backoff sleep
kill -INT "$pid"
for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fail "the run did not stop within 30 s of Ctrl-C during a backoff"; fi
set +e; wait "$pid"; code=$?; set -e
[ "$code" -eq 130 ] || fail "interrupted run exited $code, expected 130"
[ ! -s runs/wait/trials.jsonl ] || fail "a trial cut off by the interrupt must not be journaled"

# A missing key is bad input before anything is sent.
unset TEST_OPENAI_KEY
run_eb 2 run m.yaml --out runs/nokey --quiet --model oa
expect_in err "TEST_OPENAI_KEY"
[ ! -d runs/nokey ] || fail "no run directory should be left for bad input"
echo ok
