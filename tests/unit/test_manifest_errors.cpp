// Validation errors of manifests and suites, each with its exact 1-based
// position, and all of them in one pass.

#include <catch2/catch.hpp>

#include "test_manifest_support.hpp"

namespace evalbench {

using Messages = std::vector<std::string>;

TEST_CASE("unknown keys are errors with a did-you-mean", "[manifest]") {
    test::Project project;
    project.write("manifest.yaml", "name: t\nversion: 1\nsutes: [suite.yaml]\n" + test::k_models);
    const LoadResult result = project.load();
    // The typo is reported once: not also as a missing 'suites'.
    CHECK(project.messages(result) ==
          Messages{"manifest.yaml:3:1: unknown key 'sutes' in the manifest (did you mean 'suites'?)"});

    const LoadResult in_case = project.load_with_suite(
        "cases:\n"
        "  - id: c1\n"
        "    promt: hi\n"
        "    prompt: hi\n"
        "    colour: red\n"
        "    checks: [x]\n");
    CHECK(project.messages(in_case) == Messages{"suite.yaml:3:5: unknown key 'promt' in a case (did you mean 'prompt'?)",
                                                "suite.yaml:5:5: unknown key 'colour' in a case"});
}

TEST_CASE("'judge' is reported as not supported yet, wherever it is", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load_with_suite(
        "cases:\n"
        "  - id: c1\n"
        "    prompt: hi\n"
        "    judge: {rubric: x}\n"
        "    checks: [x]\n",
        "judge: {model: m1}\n");
    CHECK(project.messages(result) == Messages{"manifest.yaml:8:1: 'judge' is not supported by this evalbench yet",
                                               "suite.yaml:4:5: 'judge' is not supported by this evalbench yet"});
}

TEST_CASE("wrong types say what was expected and what was found", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load_with_suite(
        "cases:\n"
        "  - id: c1\n"
        "    prompt: [hi]\n"
        "    tags: {a: 1}\n"
        "    retired: sometimes\n"
        "    difficulty: medum\n"
        "    checks: [x]\n"
        "    mock: {latency_ms: '5'}\n",
        "defaults: {repeat: 0, timeout_s: 0, max_error_rate: 1.5, concurrency: two, params: [1]}\n");
    CHECK(project.messages(result) ==
          Messages{
              "manifest.yaml:8:20: 'repeat': expected an integer >= 1, got 0",
              "manifest.yaml:8:34: 'timeout_s': expected a number > 0, got 0",
              "manifest.yaml:8:53: 'max_error_rate': expected a number between 0 and 1, got 1.5",
              "manifest.yaml:8:71: 'concurrency': expected an integer >= 1, got the string 'two'",
              "manifest.yaml:8:84: 'params': expected a mapping, got a list",
              "suite.yaml:3:13: 'prompt': expected a string, got a list",
              "suite.yaml:4:11: 'tags': expected a list of strings, got a mapping",
              "suite.yaml:5:14: 'retired': expected true or false, got the string 'sometimes'",
              "suite.yaml:6:17: 'difficulty': 'medum' is not one of easy, medium, hard (did you mean 'medium'?)",
              "suite.yaml:8:24: 'latency_ms': expected an integer >= 0, got the string '5'",
          });
}

TEST_CASE("models are checked field by field", "[manifest]") {
    test::Project project;
    project.write("manifest.yaml",
                  "name: t\n"
                  "version: 1\n"
                  "suites: [suite.yaml]\n"
                  "models:\n"
                  "  - {id: a, provider: opnai, model: x}\n"
                  "  - {id: a, provider: mock, model: x, rpm: 0, pricing: {input_per_mtok: -1}}\n"
                  "  - {id: 'b c', provider: mock}\n");
    project.write("suite.yaml", test::k_case);
    const LoadResult result = project.load();
    CHECK(project.messages(result) ==
          Messages{
              "manifest.yaml:5:23: 'provider': 'opnai' is not one of openai, anthropic, gemini, exec, mock "
              "(did you mean 'openai'?)",
              "manifest.yaml:6:10: duplicate model id 'a' (first given at manifest.yaml:5:10)",
              "manifest.yaml:6:44: 'rpm': expected an integer >= 1, got 0",
              "manifest.yaml:6:56: 'pricing' needs 'output_per_mtok'",
              "manifest.yaml:6:73: 'input_per_mtok': expected a number >= 0, got -1",
              "manifest.yaml:7:5: a model needs 'model'",
              "manifest.yaml:7:10: model id 'b c' may use only letters, digits, '_', '-' and '.'",
          });
}

TEST_CASE("suites that are missing, match nothing or are empty are located at their list item", "[manifest]") {
    test::Project project;
    project.write("manifest.yaml",
                  "name: t\n"
                  "version: 1\n"
                  "suites:\n"
                  "  - good.yaml\n"
                  "  - missing.yaml\n"
                  "  - 'none/*.yaml'\n"
                  "  - empty.yaml\n"
                  "  - nocases.yaml\n"
                  "  - sub\n" +
                      test::k_models);
    project.write("good.yaml", test::k_case);
    project.write("empty.yaml", "name: e\ncases: []\n");
    project.write("nocases.yaml", "name: n\n");
    project.write("sub/x.yaml", test::k_case);
    const LoadResult result = project.load();
    CHECK(project.messages(result) ==
          Messages{
              "manifest.yaml:5:5: suite file 'missing.yaml' does not exist (looked for missing.yaml)",
              "manifest.yaml:6:5: suite pattern 'none/*.yaml' matches no file",
              "manifest.yaml:9:5: suite path 'sub' is a directory: name its files, e.g. 'sub/*.yaml'",
              "empty.yaml:2:8: 'cases' is empty: a suite needs at least one case",
              "nocases.yaml:1:1: a suite needs 'cases': an empty suite is an error",
          });
}

TEST_CASE("a case id used twice names both places, across suites", "[manifest]") {
    test::Project project;
    project.write("manifest.yaml", "name: t\nversion: 1\nsuites: ['*.yaml']\n" + test::k_models);
    project.write("a.yaml", test::k_case);
    project.write("b.yaml", "cases:\n  - {id: other, prompt: x, checks: [a]}\n  - {id: c1, prompt: x, checks: [a]}\n");
    const LoadResult result = project.load();
    CHECK(project.messages(result) == Messages{"b.yaml:3:5: duplicate case id 'c1': also defined at a.yaml:2:5"});
}

TEST_CASE("case structure errors", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load_with_suite(
        "cases:\n"
        "  - id: no-checks\n"            // 2
        "    prompt: x\n"
        "  - id: both\n"                 // 4
        "    prompt: x\n"
        "    messages: [{role: user, content: y}]\n"
        "    checks: []\n"
        "  - id: neither\n"              // 8
        "    checks: [a]\n"
        "  - id: 'bad id!'\n"            // 10
        "    prompt: x\n"
        "    checks: [a]\n"
        "  - id: roles\n"                // 13
        "    messages: [{role: user, content: a}, {role: system, content: b}, {role: bot, content: c}]\n"
        "    context_files: [nope.md]\n"
        "    tool_choice: {name: search}\n"
        "    checks: [a]\n");
    CHECK(project.messages(result) ==
          Messages{
              "suite.yaml:2:5: case 'no-checks' has nothing to score: add at least one check",
              "suite.yaml:6:5: case 'both' has both 'prompt' and 'messages': give exactly one",
              "suite.yaml:7:13: case 'both' has nothing to score: add at least one check",
              "suite.yaml:8:5: case 'neither' needs 'prompt' or 'messages'",
              "suite.yaml:10:9: case id 'bad id!' may use only letters, digits, '_', '-', '.' and '/'",
              "suite.yaml:14:49: a system message must come first",
              "suite.yaml:14:77: 'role': 'bot' is not one of system, user, assistant, tool",
              "suite.yaml:15:21: context file 'nope.md' no such file (looked for nope.md)",
              "suite.yaml:16:25: 'tool_choice' names 'search', which is not one of the case's tools",
          });
}

TEST_CASE("gates, dimensions and variants are checked against the cases", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load_with_suite(
        "cases:\n"
        "  - id: c1\n"
        "    category: billing\n"
        "    prompt: hi\n"
        "    checks: [{contains: hi, dimension: tone}]\n",
        "gates:\n"                        // 8
        "  min_pass_rate: 2\n"
        "  categories:\n"
        "    biling: {min_score: 0.5}\n"  // 11
        "    billing: {min_score: 0.5, max_drop: 1}\n"
        "dimensions: {checks: 1, tone: 1, tones: 2, consistency: 0}\n"  // 13
        "variants:\n"
        "  - {id: a, template: 'no prompt here'}\n"  // 15
        "  - {id: a, template: '{{prompt}} {{lang}}', few_shot: [{role: tool, content: x}]}\n");
    CHECK(project.messages(result) ==
          Messages{
              "manifest.yaml:9:18: 'min_pass_rate': expected a number between 0 and 1, got 2",
              "manifest.yaml:11:5: gate for category 'biling', which no case has (did you mean 'billing'?)",
              "manifest.yaml:12:31: unknown key 'max_drop' in a category gate",
              "manifest.yaml:13:34: unknown dimension 'tones' (did you mean 'tone'?): known are the built-in "
              "dimensions and any a check names with 'dimension:'",
              "manifest.yaml:15:23: 'template' must contain {{prompt}}, where the case's prompt goes",
              "manifest.yaml:16:10: duplicate variant id 'a' (first given at manifest.yaml:15:10)",
              "manifest.yaml:16:23: unknown template variable 'lang' in 'template': only {{prompt}} is available",
              "manifest.yaml:16:64: 'role': 'tool' is not one of user, assistant",
          });
}

TEST_CASE("a broken suite does not make correct gates look wrong", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load_with_suite("cases: [{id: c1, category: billing, prompt: x}\n",
                                                      "gates: {categories: {billing: {min_score: 0.5}}}\n");
    const Messages messages = project.messages(result);
    REQUIRE(messages.size() == 1);
    CHECK_THAT(messages[0], Catch::StartsWith("suite.yaml:2:1: "));
}

}  // namespace evalbench

namespace evalbench {

namespace {
// Changes the working directory for one scope (tests run one at a time).
class WorkingDirectory {
public:
    explicit WorkingDirectory(const std::filesystem::path& path) : m_previous(std::filesystem::current_path()) {
        std::filesystem::current_path(path);
    }
    ~WorkingDirectory() { std::filesystem::current_path(m_previous); }
    WorkingDirectory(const WorkingDirectory&) = delete;
    WorkingDirectory& operator=(const WorkingDirectory&) = delete;

private:
    std::filesystem::path m_previous;
};
}  // namespace

TEST_CASE("diagnostics name files relative to the working directory when under it, else absolutely",
          "[manifest]") {
    test::Project project;
    project.write("proj/manifest.yaml", "name: t\nversion: 1\nsuites: [./s/../suite.yaml]\n" + test::k_models);
    project.write("proj/suite.yaml", "cases: []\n");
    project.write("elsewhere/.keep", "");
    SECTION("under the working directory") {
        const WorkingDirectory cwd(project.path());
        const LoadResult result = load_manifest("proj/./manifest.yaml");
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics[0].format() == "proj/suite.yaml:1:8: 'cases' is empty: a suite needs at least one case");
    }
    SECTION("outside it") {
        const WorkingDirectory cwd(project.path() / "elsewhere");
        const LoadResult result = load_manifest("../proj/manifest.yaml");
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics[0].where.file == (project.path() / "proj/suite.yaml").string());
    }
}

}  // namespace evalbench
