// Scoring throughput: 100,000 answers x 4 deterministic checks, single
// thread, through the same Scorer a run uses. Prints the wall time and the
// time per check.
//   build/bench/bench_scoring [answers]

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "evalbench/scoring/scorer.hpp"

using namespace evalbench;

namespace {

CheckSpec spec(const std::string& type, Json params) {
    CheckSpec check;
    check.negate = type.rfind("not-", 0) == 0;
    check.type = check.negate ? type.substr(4) : type;
    params["type"] = type;
    check.params = std::move(params);
    return check;
}

}  // namespace

int main(int argc, char** argv) {
    const long answers = argc > 1 ? std::stol(argv[1]) : 100'000;
    TestCase test_case;
    test_case.id = "bench";
    test_case.checks = {spec("contains", {{"value", "\"status\": \"ok\""}}),
                        spec("regex", {{"pattern", "\"id\":\\s*\\d+"}}),
                        spec("is-json", Json::object()),
                        spec("not-icontains", {{"value", "as an ai language model"}})};
    const std::vector<TestCase> cases = {test_case};
    const Scorer scorer(cases, {});
    ModelSpec model;
    model.id = "m";

    std::vector<std::string> bodies;
    for (int i = 0; i < 64; ++i) {
        bodies.push_back(fmt::format(R"({{"id": {}, "status": "ok", "items": [1, 2, 3], "note": "{}"}})", i,
                                     std::string(static_cast<std::size_t>(200 + 13 * i), 'x')));
    }
    long passed = 0;
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < answers; ++i) {
        TrialOutcome outcome;
        outcome.key = {"bench", "m", "default", static_cast<int>(i)};
        outcome.test_case = &cases[0];
        outcome.model = &model;
        Completion completion;
        completion.content = bodies[static_cast<std::size_t>(i) % bodies.size()];
        outcome.completion = std::move(completion);
        passed += scorer.score(std::move(outcome)).pass ? 1 : 0;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print("answers           {}\nchecks per answer 4\npassed            {}\n", answers, passed);
    fmt::print("wall time         {:.3f} s\nper answer        {:.2f} us\nper check         {:.2f} us\n", seconds,
               1e6 * seconds / static_cast<double>(answers), 1e6 * seconds / static_cast<double>(answers * 4));
    return passed == answers ? 0 : 1;
}
