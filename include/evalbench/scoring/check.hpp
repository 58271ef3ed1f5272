#pragma once
// The check interface. A check type turns a CheckSpec into a CompiledCheck
// once (parsing its parameters, compiling regexes and schemas); compiling is
// also how `validate` finds bad definitions, so validation and scoring can
// never disagree about what a definition means.

#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "evalbench/core/completion.hpp"
#include "evalbench/core/error.hpp"
#include "evalbench/core/model.hpp"
#include "evalbench/core/test_case.hpp"
#include "evalbench/core/trial.hpp"

namespace evalbench {

// Options that apply to every check of a run (flags, manifest settings).
// Embeds a text (for `similar`); the CLI wires it to the manifest's
// `embeddings` endpoint. Failure is a message, never an exception.
using Embedder = std::function<std::expected<std::vector<double>, std::string>(const std::string& text)>;

struct ScoringOptions {
    bool unsafe_no_sandbox = false;  // code-exec without bubblewrap
    std::string sandbox_program = "bwrap";  // code-exec's bubblewrap, looked up on PATH (a seam for tests)
    Embedder embed;                  // empty: `similar` reports that no endpoint is configured
};

// Everything a check may look at for one trial.
struct ScoringInput {
    const TestCase& test_case;
    const Completion& completion;
    const ModelSpec* model = nullptr;        // null in `evalbench check`
    std::optional<double> cost_usd;          // when the model has pricing
    const ScoringOptions* options = nullptr;
};

// The outcome of one evaluation before negation, weight and naming are applied.
struct CheckOutcome {
    bool pass = false;
    double score = 0.0;  // in [0, 1]
    std::string reason;
    bool errored = false;  // the check could not be evaluated (e.g. sandbox missing)
};

class CompiledCheck {
public:
    virtual ~CompiledCheck() = default;
    virtual CheckOutcome evaluate(const ScoringInput& input) const = 0;
};

// Compiles a spec; reports every problem with its location into `diagnostics`
// and returns null when the definition cannot be used.
using CheckCompiler =
    std::function<std::unique_ptr<CompiledCheck>(const CheckSpec& spec, Diagnostics& diagnostics)>;

// What a check needs from the case it sits in (a reference, the original
// code, a declared tool): reported by `validate`, not discovered mid-run.
using CaseValidator = std::function<void(const CheckSpec& spec, const TestCase& test_case, Diagnostics& diagnostics)>;

struct CheckType {
    std::string name;
    std::string summary;                  // one line for `--help` and docs
    std::vector<std::string> parameters;  // keys it accepts besides the common ones
    bool negatable = true;
    CheckCompiler compile;
    CaseValidator validate_case = {};  // optional
};

// The common case validators.
void require_reference(const CheckSpec& spec, const TestCase& test_case, Diagnostics& diagnostics);
void require_original(const CheckSpec& spec, const TestCase& test_case, Diagnostics& diagnostics);
void require_declared_tool(const CheckSpec& spec, const TestCase& test_case, Diagnostics& diagnostics);

}  // namespace evalbench
