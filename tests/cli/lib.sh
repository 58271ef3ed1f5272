# Shared helpers for CLI scenarios: each scenario gets the evalbench binary
# as $1 and the source directory as $2, works in a fresh temp directory, and
# fails loudly with the command output on the first broken expectation.
set -euo pipefail

EVALBENCH="$1"
SOURCE_DIR="$2"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

fail() {
    echo "FAIL: $*" >&2
    [ -f "$WORK/out" ] && { echo "--- stdout" >&2; cat "$WORK/out" >&2; }
    [ -f "$WORK/err" ] && { echo "--- stderr" >&2; cat "$WORK/err" >&2; }
    exit 1
}

# run_eb EXPECTED_CODE args...: runs evalbench, keeps stdout/stderr in out/err.
run_eb() {
    local expected="$1"
    shift
    set +e
    "$EVALBENCH" "$@" >"$WORK/out" 2>"$WORK/err"
    local code=$?
    set -e
    [ "$code" -eq "$expected" ] || fail "evalbench $* exited $code, expected $expected"
}

expect_in() {  # expect_in FILE TEXT
    grep -qF -- "$2" "$1" || fail "expected '$2' in $1"
}

expect_not_in() {
    ! grep -qF -- "$2" "$1" || fail "did not expect '$2' in $1"
}

expect_line_count() {  # expect_line_count FILE N
    local n
    n=$(wc -l <"$1")
    [ "$n" -eq "$2" ] || fail "expected $2 lines in $1, found $n"
}

json_get() {  # json_get FILE PYTHON_EXPRESSION_ON_d
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

write() {  # write PATH <<EOF ... : creates parent folders
    mkdir -p "$(dirname "$1")"
    cat >"$1"
}
