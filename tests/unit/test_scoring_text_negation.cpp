// Every text and structure check through the registry: registered with a
// summary, negatable with `not-`, and weight/name applied by BoundCheck.

#include <thread>

#include <catch2/catch.hpp>

#include "test_scoring_text_support.hpp"

namespace evalbench {

using test::passes;
using test::score;

TEST_CASE("every text and structure check is registered with a summary", "[scoring]") {
    const CheckRegistry& registry = CheckRegistry::builtin();
    for (const std::string name :
         {"equals", "contains", "icontains", "contains-any", "contains-all", "starts-with", "regex", "min-length",
          "max-length", "word-count", "is-json", "contains-json", "json-path", "finish-reason", "latency", "cost"}) {
        INFO(name);
        const CheckType* type = registry.find(name);
        REQUIRE(type != nullptr);
        CHECK_FALSE(type->summary.empty());
        CHECK(type->negatable);
    }
}

TEST_CASE("the remaining checks negate too", "[scoring]") {
    CHECK(passes({{"type", "not-equals"}, {"value", "no"}}, "yes"));
    CHECK_FALSE(passes({{"type", "not-equals"}, {"value", "no"}, {"normalize", true}}, " No. "));
    CHECK(passes({{"type", "not-icontains"}, {"value", "SORRY"}}, "Sure."));
    CHECK_FALSE(passes({{"type", "not-icontains"}, {"value", "SORRY"}}, "I'm sorry"));
    CHECK(passes({{"type", "not-min-length"}, {"value", 5}}, "abc"));
    CHECK(passes({{"type", "not-contains-json"}}, "plain words"));
    CHECK_FALSE(passes({{"type", "not-contains-json"}}, "x [1] y"));
}

TEST_CASE("weight and display name come from the spec", "[scoring]") {
    const Json mapping = {{"type", "not-contains"}, {"value", "x"}, {"weight", 2.5}};
    CheckSpec spec = test::make_spec(mapping);
    spec.weight = 2.5;  // the manifest fills the field from the key
    Diagnostics diagnostics;
    const std::unique_ptr<BoundCheck> check = compile_check(spec, diagnostics);
    REQUIRE(check);
    TestCase test_case;
    Completion completion;
    completion.content = "abc";
    const CheckResult result = check->evaluate({test_case, completion, nullptr, std::nullopt, nullptr});
    CHECK(result.name == "not-contains");
    CHECK(result.weight == 2.5);
    CHECK(result.pass);
    CHECK(result.reason == "as required, not: \"x\" not found in \"abc\"");
}

TEST_CASE("one compiled check serves many answers and threads", "[scoring]") {
    // Per-thread buffers must not leak one answer into the next.
    const CheckSpec spec = test::make_spec({{"type", "icontains"}, {"value", "needle"}});
    Diagnostics diagnostics;
    const std::unique_ptr<BoundCheck> check = compile_check(spec, diagnostics);
    REQUIRE(check);
    const TestCase test_case;
    const auto run = [&](const std::string& answer) {
        Completion completion;
        completion.content = answer;
        return check->evaluate({test_case, completion, nullptr, std::nullopt, nullptr}).pass;
    };
    CHECK(run("a long haystack with a NEEDLE inside it"));
    CHECK_FALSE(run("short"));
    CHECK_FALSE(run("needl"));
    int wrong = 0;
    std::thread other([&] {
        for (int index = 0; index < 2000; ++index) {
            wrong += run(index % 2 == 0 ? "Needle here" : "none") != (index % 2 == 0) ? 1 : 0;
        }
    });
    int wrong_here = 0;
    for (int index = 0; index < 2000; ++index) {
        wrong_here += run(index % 2 == 1 ? "a NEEDLE" : "nothing at all") != (index % 2 == 1) ? 1 : 0;
    }
    other.join();
    CHECK(wrong == 0);
    CHECK(wrong_here == 0);
}

}  // namespace evalbench
