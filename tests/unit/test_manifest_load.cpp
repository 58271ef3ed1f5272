#include <catch2/catch.hpp>

#include <regex>

#include "evalbench/core/hash.hpp"
#include "test_manifest_support.hpp"

namespace evalbench {

namespace {
const std::filesystem::path k_good = std::filesystem::path(EVALBENCH_SOURCE_DIR) / "tests/fixtures/manifest/good";

const TestCase& find_case(const Manifest& manifest, const std::string& id) {
    for (const TestCase& test_case : manifest.cases) {
        if (test_case.id == id) {
            return test_case;
        }
    }
    FAIL("no case " << id);
    throw std::logic_error("unreachable");
}
}  // namespace

TEST_CASE("a complete manifest loads every section", "[manifest]") {
    const LoadResult result = load_manifest(k_good / "manifest.yaml");
    INFO(test::joined([&] {
        std::vector<std::string> lines;
        for (const Diagnostic& d : result.diagnostics) {
            lines.push_back(d.format());
        }
        return lines;
    }()));
    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.manifest);
    const Manifest& m = *result.manifest;

    SECTION("identity and provenance") {
        CHECK(m.name == "support-bot");
        CHECK(m.version == "2.1");
        CHECK(m.changelog == Json::array({"2.1: added code suite", "2.0: first release"}));
        CHECK(m.content == test::read_file(k_good / "manifest.yaml"));
        CHECK(m.content_hash == sha256_hex(m.content));
        CHECK(m.dir == k_good.lexically_normal());
    }
    SECTION("globs resolve sorted and without duplicates") {
        CHECK(m.suite_patterns ==
              std::vector<std::string>{"suites/support/*.yaml", "suites/**/review-?.yaml", "suites/code/review-1.yaml"});
        REQUIRE(m.suites.size() == 2);
        CHECK(m.suites[0].path == "suites/code/review-1.yaml");
        CHECK(m.suites[1].path == "suites/support/billing.yaml");
        CHECK(m.suites[1].content_hash == sha256_hex(m.suites[1].content));
        CHECK(m.input_files == std::vector<std::filesystem::path>{
                                   k_good / "manifest.yaml", k_good / "suites/code/review-1.yaml",
                                   k_good / "suites/support/billing.yaml", k_good / "context/policy.md"});
    }
    SECTION("models") {
        REQUIRE(m.models.size() == 2);
        const ModelSpec& gpt = m.models[1];
        CHECK(m.find_model("gpt") == &gpt);
        CHECK(gpt.provider == "openai");
        CHECK(gpt.model == "gpt-4o-mini");
        CHECK(gpt.base_url == "http://127.0.0.1:9999/v1");
        CHECK(gpt.api_key_env == "MY_KEY");
        CHECK(gpt.params == Json::parse(R"({"temperature": 0, "max_tokens": 256})"));
        REQUIRE(gpt.pricing);
        CHECK(gpt.pricing->input_per_mtok == Approx(0.15));
        CHECK(gpt.pricing->output_per_mtok == Approx(0.6));
        CHECK(gpt.stream);
        CHECK(gpt.rpm == 60);
        CHECK(gpt.tpm == 100000);
        CHECK(gpt.max_concurrency == 4);
        CHECK(gpt.where.line == 17);
        CHECK(gpt.where.column == 5);
        CHECK_FALSE(m.models[0].pricing);
        CHECK_FALSE(m.models[0].stream);
    }
    SECTION("variants") {
        REQUIRE(m.variants.size() == 2);
        CHECK(m.variants[0].id == "default");
        CHECK_FALSE(m.variants[0].system);
        const Variant& terse = m.variants[1];
        CHECK(terse.system == "Answer in one sentence.");
        REQUIRE(terse.few_shot.size() == 2);
        CHECK(terse.few_shot[1].role == "assistant");
        CHECK(terse.few_shot[1].content == "4.");
        CHECK(terse.prompt_template == "Question: {{ prompt }}");
    }
    SECTION("defaults, dimensions, gates, embeddings") {
        CHECK(m.defaults.repeat == 3);
        CHECK(m.defaults.concurrency == 2);
        CHECK(m.defaults.timeout_s == 30.0);
        CHECK(m.defaults.retries == 1);
        CHECK(m.defaults.max_error_rate == Approx(0.1));
        CHECK(m.defaults.params == Json::parse(R"({"seed": 7})"));
        CHECK(m.dimension_weights == std::map<std::string, double>{{"checks", 2.0}, {"tone", 1.0}});
        CHECK(m.gates.overall.min_pass_rate == Approx(0.8));
        CHECK(m.gates.overall.min_score == Approx(0.5));
        REQUIRE(m.gates.per_category.count("billing") == 1);
        CHECK(m.gates.per_category.at("billing").min_pass_rate == Approx(0.9));
        CHECK_FALSE(m.gates.per_category.at("billing").min_score);
        REQUIRE(m.embeddings);
        CHECK(m.embeddings->model == "embed-small");
        CHECK(m.embeddings->api_key_env.empty());
    }
    SECTION("a prompt case with vars, context and checks") {
        const TestCase& c = find_case(m, "billing/refund");
        CHECK(c.category == "billing");
        CHECK(c.tags == std::vector<std::string>{"refund", "money"});
        CHECK(c.difficulty == "easy");
        CHECK(c.version == "3");
        CHECK_FALSE(c.retired);
        CHECK(c.system == "You help Ada.");
        REQUIRE(c.messages.size() == 1);
        CHECK(c.messages[0].role == "user");
        CHECK(c.messages[0].content ==
              "Ada asks: can I get a refund for order 1042?\n\n--- context: ../../context/policy.md ---\n"
              "Refunds take 5 days.\n");
        CHECK(c.vars == std::map<std::string, std::string>{{"customer", "Ada"}, {"order", "1042"}});
        REQUIRE(c.context_files.size() == 1);
        CHECK(c.context_files[0].content == "Refunds take 5 days.\n");
        CHECK(c.reference == "Refunds for 1042 take 5 days.");
        CHECK(c.expect == Expectation::comply);
        REQUIRE(c.checks.size() == 3);
        CHECK(c.checks[1].display_name() == "not-icontains");
        CHECK(c.checks[1].weight == 0.5);
        CHECK_FALSE(c.checks[1].gate);
        CHECK(c.checks[1].dimension == "tone");
        CHECK(c.checks[2].threshold == 0.5);
        CHECK(c.checks[2].params.at("pattern") == "\\d+ days");
        REQUIRE(c.mock);
        CHECK(c.mock->response == "Your refund takes 5 days.");
        CHECK(c.mock->latency_ms == 10);
        CHECK(c.mock->finish_reason == "stop");
        CHECK(c.suite_file == "suites/support/billing.yaml");
        CHECK(c.where.line == 3);
        CHECK(c.where.column == 5);
    }
    SECTION("a messages case moves a leading system message into system") {
        const TestCase& c = find_case(m, "billing/old");
        CHECK(c.retired);
        CHECK(c.category == "general");
        CHECK(c.system == "Be brief.");
        REQUIRE(c.messages.size() == 3);
        CHECK(c.messages[2].content == "Bye");
        REQUIRE(c.checks.size() == 1);
        CHECK(c.checks[0].type == "is-json");
    }
    SECTION("tools, tool choice and mock tool calls") {
        const TestCase& c = find_case(m, "review-1");
        CHECK(c.original == "int main() {}");
        CHECK(c.expect == Expectation::refuse);
        CHECK(c.tools == Json::parse(R"([{"name": "lookup", "description": "Finds a thing.",
            "parameters": {"type": "object", "properties": {"q": {"type": "string"}}}}])"));
        CHECK(c.tool_choice == Json::parse(R"({"name": "lookup"})"));
        REQUIRE(c.mock);
        CHECK(c.mock->tool_calls == Json::parse(R"([{"name": "lookup", "arguments": {"q": "x"}},
            {"name": "lookup", "arguments": "{\"q\": \"y\"}"}])"));
    }
}

TEST_CASE("a manifest without variants, defaults or dimensions gets the documented defaults", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load_with_suite(test::k_case);
    REQUIRE(project.messages(result).empty());
    const Manifest& m = *result.manifest;
    REQUIRE(m.variants.size() == 1);
    CHECK(m.variants[0].id == "default");
    CHECK(m.variants[0].prompt_template.empty());
    CHECK(m.dimension_weights == std::map<std::string, double>{{"checks", 1.0}});
    CHECK(m.defaults.repeat == 1);
    CHECK(m.changelog.is_null());
    CHECK_FALSE(m.embeddings);
    REQUIRE(m.cases.size() == 1);
    CHECK(m.cases[0].expect == Expectation::unspecified);
    CHECK(m.cases[0].tools.is_null());
}

TEST_CASE("suite globs support *, ? and ** and skip the manifest itself", "[manifest]") {
    test::Project project;
    project.write("manifest.yaml", "name: t\nversion: 1\nsuites: ['**/*.yaml']\n" + test::k_models);
    project.write("a.yaml", "cases:\n  - {id: a, prompt: x, checks: [is-json]}\n");
    project.write("deep/er/b.yaml", "cases:\n  - {id: b, prompt: x, checks: [is-json]}\n");
    project.write("deep/c.txt", "not yaml");
    project.write(".hidden/d.yaml", "nonsense: [");
    const LoadResult result = project.load();
    REQUIRE(project.messages(result).empty());
    REQUIRE(result.manifest->suites.size() == 2);
    CHECK(result.manifest->suites[0].path == "a.yaml");
    CHECK(result.manifest->suites[1].path == "deep/er/b.yaml");
}

TEST_CASE("load_manifest_or_throw throws a bad-input error carrying every diagnostic", "[manifest]") {
    test::Project project;
    project.write("manifest.yaml", "name: t\nversion: 1\nsuites: [missing.yaml]\nmodels: []\n");
    try {
        std::ignore = load_manifest_or_throw(project.path() / "manifest.yaml");  // must throw
        FAIL("no exception");
    } catch (const EvalError& error) {
        CHECK(error.failure() == Failure::bad_input);
        CHECK(error.diagnostics().size() == 2);
    }
}

TEST_CASE("a missing manifest file is reported by name", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load("nope.yaml");
    CHECK_FALSE(result.manifest);
    CHECK(project.messages(result) == std::vector<std::string>{"nope.yaml: cannot read manifest: no such file"});
}

}  // namespace evalbench

namespace evalbench {

TEST_CASE("the broken fixture reports every problem, located, in one pass", "[manifest]") {
    const std::filesystem::path dir = std::filesystem::path(EVALBENCH_SOURCE_DIR) / "tests/fixtures/manifest/broken";
    const LoadResult result = load_manifest(dir / "manifest.yaml");
    CHECK_FALSE(result.manifest);
    std::vector<std::string> messages;
    for (const Diagnostic& diagnostic : result.diagnostics) {
        // Files are named relative to the working directory when under it,
        // otherwise absolutely: drop either prefix.
        static const std::regex k_prefix(R"([^ (]*tests/fixtures/manifest/broken/)");
        messages.push_back(std::regex_replace(diagnostic.format(), k_prefix, ""));
    }
    CHECK(messages == std::vector<std::string>{
                          "manifest.yaml:7:5: suite file 'suites/missing.yaml' does not exist (looked for "
                          + std::string("suites/missing.yaml)"),
                          "manifest.yaml:12:5: unknown key 'temperture' in a model",
                          "manifest.yaml:14:11: 'repeat': expected an integer >= 1, got 0",
                          "suites/a.yaml:5:5: case 'nothing' has nothing to score: add at least one check",
                          "suites/b.yaml:2:5: duplicate case id 'same': also defined at " +
                              std::string("suites/a.yaml:2:5"),
                          "suites/b.yaml:4:5: duplicate key 'prompt' (first given at line 3, column 5)",
                          "suites/c.yaml:4:1: end of sequence flow not found",
                      });
}

}  // namespace evalbench
