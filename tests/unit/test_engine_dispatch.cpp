#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>

#include "evalbench/engine/dispatcher.hpp"
#include "evalbench/engine/journal.hpp"
#include "evalbench/scoring/scorer.hpp"
#include "support/temp_dir.hpp"

using namespace evalbench;

namespace {

// Answers with the prompt, fails for prompts containing "fail", and records
// the highest number of requests it saw at once.
class FakeProvider final : public Provider {
public:
    ProviderResult complete(const Request& request) override {
        const int now = ++m_in_flight;
        int seen = m_max_in_flight.load();
        while (now > seen && !m_max_in_flight.compare_exchange_weak(seen, now)) {
        }
        ProviderResult result;
        const std::string& prompt = request.messages.back().content;
        if (prompt.find("fail") != std::string::npos) {
            result = std::unexpected(ProviderError{ErrorKind::server, 503, "overloaded", 3, {}});
        } else {
            Completion completion;
            completion.content = prompt;
            completion.usage = {1000, 2000, 0, true};
            result = completion;
        }
        --m_in_flight;
        ++m_calls;
        return result;
    }
    std::atomic<int> m_in_flight{0};
    std::atomic<int> m_max_in_flight{0};
    std::atomic<int> m_calls{0};
};

Manifest manifest_with(int cases) {
    Manifest manifest;
    ModelSpec model;
    model.id = "m";
    model.pricing = Pricing{1.0, 2.0};
    manifest.models = {model};
    manifest.variants = {Variant{}};
    for (int i = 0; i < cases; ++i) {
        TestCase test_case;
        test_case.id = "case-" + std::to_string(i);
        test_case.messages = {{"user", i % 10 == 9 ? "please fail" : "answer " + std::to_string(i)}};
        CheckSpec check;
        check.type = "contains";
        check.params = {{"type", "contains"}, {"value", "answer"}};
        test_case.checks.push_back(check);
        manifest.cases.push_back(test_case);
    }
    return manifest;
}

}  // namespace

TEST_CASE("dispatch runs every trial once, keeps plan order and journals each", "[engine]") {
    test::TempDir dir;
    const Manifest manifest = manifest_with(40);
    const std::vector<Trial> trials = plan_trials(manifest, {});
    FakeProvider provider;
    const Scorer scorer(manifest.cases, {});
    Journal journal(dir.path() / "trials.jsonl", JournalMode::create);
    const DispatchServices services{{{"m", &provider}}, &scorer, &journal, nullptr};

    const DispatchResult result = dispatch(trials, services, {8, nullptr});

    CHECK_FALSE(result.interrupted);
    CHECK(provider.m_calls == 40);
    CHECK(provider.m_max_in_flight <= 8);
    REQUIRE(result.trials.size() == 40);
    for (std::size_t i = 0; i < trials.size(); ++i) {
        CHECK(result.trials[i].key == trials[i].key);
    }
    SECTION("failures are recorded as errored trials, not dropped") {
        const TrialResult& failed = result.trials[9];
        REQUIRE(failed.error);
        CHECK(failed.error->kind == "server");
        CHECK(failed.error->http_status == 503);
        CHECK(failed.error->attempts == 3);
        CHECK_FALSE(failed.pass);
        CHECK(failed.checks.empty());
    }
    SECTION("answers are scored and priced") {
        const TrialResult& ok = result.trials[0];
        CHECK(ok.pass);
        REQUIRE(ok.cost_usd);
        CHECK(*ok.cost_usd == Approx((1000 * 1.0 + 2000 * 2.0) / 1e6));
    }
    const std::vector<TrialResult> journaled = Journal::read(dir.path() / "trials.jsonl");
    std::set<std::string> keys;
    for (const TrialResult& trial : journaled) {
        keys.insert(trial.key.str());
    }
    CHECK(keys.size() == 40);
}

TEST_CASE("an interrupted dispatch stops taking trials and says so", "[engine]") {
    test::TempDir dir;
    const Manifest manifest = manifest_with(20);
    const std::vector<Trial> trials = plan_trials(manifest, {});
    FakeProvider provider;
    const Scorer scorer(manifest.cases, {});
    Journal journal(dir.path() / "trials.jsonl", JournalMode::create);
    std::atomic<bool> interrupted{true};
    const DispatchResult result = dispatch(trials, {{{"m", &provider}}, &scorer, &journal, nullptr}, {4, &interrupted});
    CHECK(result.interrupted);
    CHECK(result.trials.empty());
    CHECK(provider.m_calls == 0);
}
