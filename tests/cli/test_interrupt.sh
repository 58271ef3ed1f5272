# Ctrl-C: finished trials stay in the journal, the run exits 130 and says
# how to continue; --resume then finishes without repeating a trial.
source "$(dirname "$0")/lib.sh"

{
    echo "cases:"
    for i in $(seq 1 40); do
        cat <<YAML
  - id: slow-$i
    prompt: "case $i"
    mock: {response: "answer $i", latency_ms: 150}
    checks: [{type: contains, value: "answer"}]
YAML
    done
} >suite.yaml
write m.yaml <<'YAML'
name: interrupt
version: 1
suites: [suite.yaml]
models: [{id: m, provider: mock, model: scripted}]
defaults: {concurrency: 1}
YAML

"$EVALBENCH" run m.yaml --out runs/r --quiet >out 2>err &
pid=$!
# Wait (without a deadline race) until at least two trials are on disk.
for _ in $(seq 600); do
    [ -f runs/r/trials.jsonl ] && [ "$(wc -l <runs/r/trials.jsonl)" -ge 2 ] && break
    sleep 0.05
done
kill -INT "$pid"
set +e
wait "$pid"
code=$?
set -e
[ "$code" -eq 130 ] || fail "interrupted run exited $code, expected 130"
expect_in err "--resume runs/r"
done_before=$(wc -l <runs/r/trials.jsonl)
[ "$done_before" -ge 2 ] && [ "$done_before" -lt 40 ] || fail "expected a partial journal, found $done_before lines"
[ "$(json_get runs/r/run.json 'd["status"]')" = "interrupted" ] || fail "run.json should say interrupted"

run_eb 0 run --resume runs/r --quiet
expect_line_count runs/r/trials.jsonl 40
python3 -c "
import json
cases = [json.loads(l)['case'] for l in open('runs/r/trials.jsonl')]
assert len(set(cases)) == 40, 'a trial ran twice'
" || fail "resume repeated trials"
[ "$(json_get runs/r/run.json 'd["status"]')" = "finished" ] || fail "resumed run should be finished"
echo ok
