#include <catch2/catch.hpp>

#include "evalbench/engine/plan.hpp"

using namespace evalbench;

namespace {

TestCase make_case(const std::string& id, const std::string& category, std::vector<std::string> tags) {
    TestCase test_case;
    test_case.id = id;
    test_case.category = category;
    test_case.tags = std::move(tags);
    test_case.system = "case system";
    test_case.messages = {{"user", "prompt of " + id}};
    CheckSpec check;
    check.type = "contains";
    test_case.checks.push_back(check);
    return test_case;
}

Manifest make_manifest() {
    Manifest manifest;
    manifest.name = "m";
    manifest.path = "m.yaml";
    ModelSpec a;
    a.id = "a";
    a.provider = "mock";
    a.params = {{"temperature", 0.5}};
    ModelSpec b;
    b.id = "b";
    b.provider = "mock";
    manifest.models = {a, b};
    manifest.variants = {Variant{}};
    manifest.defaults.params = {{"temperature", 0.0}, {"seed", 7}};
    manifest.cases = {make_case("c1", "support", {"smoke"}), make_case("c2", "coding", {"python"}),
                      make_case("c3", "coding", {"smoke"})};
    manifest.cases[2].retired = true;
    return manifest;
}

}  // namespace

TEST_CASE("planning crosses active cases, models, variants and repeats", "[engine]") {
    Manifest manifest = make_manifest();
    Variant strict;
    strict.id = "strict";
    manifest.variants.push_back(strict);
    manifest.defaults.repeat = 3;

    const std::vector<Trial> trials = plan_trials(manifest, {});
    // 2 active cases x 2 models x 2 variants x 3 repeats; the retired case is skipped.
    REQUIRE(trials.size() == 24);
    for (const Trial& trial : trials) {
        CHECK(trial.key.case_id != "c3");
    }
    CHECK(trials[0].key.str() == "c1|a|default|0");
    CHECK(trials[2].key.str() == "c1|a|default|2");
    CHECK(trials[3].key.str() == "c1|a|strict|0");

    SECTION("model params override the defaults") {
        CHECK(trials[0].request.params["temperature"] == 0.5);
        CHECK(trials[0].request.params["seed"] == 7);
        CHECK(trials[6].request.params["temperature"] == 0.0);
    }
    SECTION("repeats share a prompt hash and carry their index") {
        CHECK(trials[0].prompt_hash == trials[1].prompt_hash);
        CHECK(trials[1].request.repeat == 1);
        CHECK(trials[0].prompt_hash != trials[12].prompt_hash);  // another case
    }
}

TEST_CASE("filters select by model, tag, category and case id", "[engine]") {
    const Manifest manifest = make_manifest();
    PlanFilter filter;
    filter.model_ids = {"b"};
    CHECK(plan_trials(manifest, filter).size() == 2);
    filter = {};
    filter.tags = {"smoke"};
    CHECK(plan_trials(manifest, filter).size() == 2);  // c1 only: c3 is retired
    filter = {};
    filter.categories = {"coding"};
    filter.repeat = 2;
    CHECK(plan_trials(manifest, filter).size() == 4);
    filter = {};
    filter.case_ids = {"c2"};
    CHECK(plan_trials(manifest, filter).size() == 2);
}

TEST_CASE("planning refuses unknown models and empty selections", "[engine]") {
    const Manifest manifest = make_manifest();
    PlanFilter filter;
    filter.model_ids = {"aa"};
    CHECK_THROWS_WITH(plan_trials(manifest, filter), Catch::Contains("no such model") && Catch::Contains("'a'"));
    filter = {};
    filter.tags = {"nothing"};
    CHECK_THROWS_WITH(plan_trials(manifest, filter), Catch::Contains("nothing to run"));
}

TEST_CASE("a variant wraps the last user turn and may replace the system prompt", "[engine]") {
    TestCase test_case = make_case("c", "x", {});
    test_case.messages = {{"user", "first"}, {"assistant", "ok"}, {"user", "second"}};
    Variant variant;
    variant.id = "v";
    variant.system = "variant system";
    variant.few_shot = {{"user", "2+2?"}, {"assistant", "4"}};
    variant.prompt_template = "Q: {{prompt}} (be brief)";

    const std::vector<Message> messages = render_messages(test_case, variant);
    REQUIRE(messages.size() == 6);
    CHECK(messages[0].role == "system");
    CHECK(messages[0].content == "variant system");
    CHECK(messages[1].content == "2+2?");
    CHECK(messages[3].content == "first");
    CHECK(messages[5].content == "Q: second (be brief)");

    SECTION("the default variant leaves the case alone") {
        const std::vector<Message> plain = render_messages(test_case, Variant{});
        REQUIRE(plain.size() == 4);
        CHECK(plain[0].content == "case system");
        CHECK(plain[3].content == "second");
    }
}
