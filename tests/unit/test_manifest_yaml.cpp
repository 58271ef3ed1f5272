// YAML-level traps: duplicate keys, merge keys, aliases, syntax errors and
// several documents, each reported at its 1-based position.

#include <catch2/catch.hpp>

#include "test_manifest_support.hpp"

namespace evalbench {

using Messages = std::vector<std::string>;

TEST_CASE("duplicate keys are errors at the second key, naming the first", "[manifest]") {
    test::Project project;
    SECTION("in the manifest") {
        project.write("manifest.yaml", "name: t\nversion: 1\nname: u\nsuites: [suite.yaml]\n" + test::k_models);
        project.write("suite.yaml", test::k_case);
        const LoadResult result = project.load();
        CHECK_FALSE(result.manifest);
        CHECK(project.messages(result) ==
              Messages{"manifest.yaml:3:1: duplicate key 'name' (first given at line 1, column 1)"});
    }
    SECTION("nested in a suite") {
        const LoadResult result = project.load_with_suite(
            "cases:\n"
            "  - id: c1\n"
            "    prompt: hi\n"
            "    prompt: ho\n"
            "    checks: [is-json]\n");
        CHECK(project.messages(result) ==
              Messages{"suite.yaml:4:5: duplicate key 'prompt' (first given at line 3, column 5)"});
    }
    SECTION("in a flow mapping") {
        const LoadResult result = project.load_with_suite("cases:\n  - {id: c1, prompt: a, id: c2, checks: [x]}\n");
        CHECK(project.messages(result) ==
              Messages{"suite.yaml:2:25: duplicate key 'id' (first given at line 2, column 6)"});
    }
}

TEST_CASE("a merge key is an error and the merged mapping reports nothing missing", "[manifest]") {
    test::Project project;
    project.write("manifest.yaml",
                  "name: t\n"
                  "version: 1\n"
                  "suites: [suite.yaml]\n"
                  "models:\n"
                  "  - &m1 {id: m1, provider: mock, model: echo}\n"
                  "  - <<: *m1\n"
                  "    id: m2\n");
    project.write("suite.yaml", test::k_case);
    const LoadResult result = project.load();
    CHECK(project.messages(result) ==
          Messages{"manifest.yaml:6:5: merge keys ('<<') are not supported: write the keys out"});
}

TEST_CASE("an alias bomb is refused without expanding it", "[manifest]") {
    test::Project project;
    // Nine levels of ten aliases each: a billion nodes once expanded.
    std::string text = "name: t\nversion: 1\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level <= 9; ++level) {
        const std::string previous = "*l" + std::to_string(level - 1);
        text += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
        for (int i = 0; i < 10; ++i) {
            text += (i == 0 ? "" : ", ") + previous;
        }
        text += "]\n";
    }
    project.write("manifest.yaml", text);
    const LoadResult result = project.load();
    // l5 is the first node above 1,000,000: 1 + 10 * 111,111.
    CHECK(project.messages(result) ==
          Messages{"manifest.yaml:8:5: this document expands to more than 1000000 nodes through aliases "
                   "(an alias bomb?); refusing to walk it"});
}

TEST_CASE("ordinary aliases are expanded where they are used", "[manifest]") {
    test::Project project;
    project.write("manifest.yaml",
                  "name: t\n"
                  "version: 1\n"
                  "suites: [suite.yaml]\n"
                  "defaults: {params: &p {temperature: 0.5}}\n"
                  "models:\n"
                  "  - {id: m1, provider: mock, model: echo, params: *p}\n");
    project.write("suite.yaml", test::k_case);
    const LoadResult result = project.load();
    REQUIRE(project.messages(result).empty());
    CHECK(result.manifest->models[0].params == Json::parse(R"({"temperature": 0.5})"));
}

TEST_CASE("a recursive alias is an error, not a cycle", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load_with_suite("cases: &c [*c]\n");
    CHECK(project.messages(result) ==
          Messages{"suite.yaml:1:12: this alias refers to a node that contains it; recursive aliases are not "
                   "supported",
                   "suite.yaml:1:12: a case: expected a mapping, got null"});
}

TEST_CASE("a YAML syntax error is reported as file:line:col", "[manifest]") {
    test::Project project;
    SECTION("in the manifest") {
        project.write("manifest.yaml", "name: t\nversion: [1, 2\nsuites: []\n");
        const LoadResult result = project.load();
        CHECK(project.messages(result) == Messages{"manifest.yaml:3:7: end of sequence flow not found"});
    }
    SECTION("in a suite, with the manifest's own errors still reported") {
        project.write("manifest.yaml", "name: t\nversion: 1\nsuites: [suite.yaml]\nmodels: []\n");
        project.write("suite.yaml", "cases:\n  - id: a\n   prompt: x\n");
        const LoadResult result = project.load();
        CHECK(project.messages(result) ==
              Messages{"manifest.yaml:4:9: 'models': must not be empty", "suite.yaml:3:4: end of sequence not found"});
    }
}

TEST_CASE("a file with a second YAML document is an error", "[manifest]") {
    test::Project project;
    project.write("manifest.yaml", "name: t\nversion: 1\nsuites: [suite.yaml]\n" + test::k_models + "---\nname: u\n");
    project.write("suite.yaml", test::k_case);
    const LoadResult result = project.load();
    CHECK(project.messages(result) ==
          Messages{"manifest.yaml:8:1: a second YAML document ('---') is not allowed here"});
}

TEST_CASE("an empty manifest or one that is not a mapping says what a manifest is", "[manifest]") {
    test::Project project;
    project.write("manifest.yaml", GENERATE(std::string(""), std::string("- a\n")));
    const LoadResult result = project.load();
    REQUIRE(result.diagnostics.size() == 1);
    CHECK_THAT(project.messages(result)[0],
               Catch::StartsWith("manifest.yaml:1:1: a manifest is a mapping with 'name', 'version', 'suites' and "
                                 "'models'; got "));
}

TEST_CASE("unknown YAML tags are refused", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load_with_suite("cases:\n  - id: !secret c1\n    prompt: x\n    checks: [a]\n");
    CHECK(project.messages(result) == Messages{"suite.yaml:2:9: unsupported YAML tag '!secret'"});
}

}  // namespace evalbench

namespace evalbench {

TEST_CASE("nesting too deep for the parser is a located error", "[manifest]") {
    test::Project project;
    project.write("manifest.yaml", "name: " + std::string(5000, '[') + std::string(5000, ']') + "\n");
    const LoadResult result = project.load();
    REQUIRE(result.diagnostics.size() == 1);
    CHECK_THAT(project.messages(result)[0], Catch::StartsWith("manifest.yaml:1:") &&
                                                Catch::EndsWith("levels is not supported"));
}

}  // namespace evalbench
