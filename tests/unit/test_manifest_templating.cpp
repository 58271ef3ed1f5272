#include <catch2/catch.hpp>

#include "evalbench/manifest/templating.hpp"
#include "test_manifest_support.hpp"

namespace evalbench {

using Messages = std::vector<std::string>;
using Vars = std::map<std::string, std::string>;

TEST_CASE("render_template substitutes {{var}} and {{ var }}", "[manifest]") {
    std::vector<TemplateProblem> problems;
    CHECK(render_template("Hi {{name}}, {{ name }} and {{  city  }}.", Vars{{"name", "Ada"}, {"city", "Oslo"}},
                          problems) == "Hi Ada, Ada and Oslo.");
    CHECK(problems.empty());
}

TEST_CASE("render_template leaves non-placeholders alone and does not rescan values", "[manifest]") {
    std::vector<TemplateProblem> problems;
    const Vars vars{{"x", "{{y}}"}};
    CHECK(render_template(R"({"a": {{x}}} {{ 1 + 1 }} {{}} {{x)", vars, problems) ==
          R"({"a": {{y}}} {{ 1 + 1 }} {{}} {{x)");
    CHECK(render_template("\\{{x}} is literal", vars, problems) == "{{x}} is literal");
    CHECK(render_template("{{a.b-c_d}}", Vars{{"a.b-c_d", "ok"}}, problems) == "ok");
    CHECK(problems.empty());
}

TEST_CASE("an unknown variable is a problem with a did-you-mean, left as written", "[manifest]") {
    std::vector<TemplateProblem> problems;
    CHECK(render_template("a {{nme}} b {{other}}", Vars{{"name", "Ada"}}, problems) == "a {{nme}} b {{other}}");
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].variable == "nme");
    CHECK(problems[0].offset == 2);
    CHECK(problems[0].message == "unknown template variable 'nme' (did you mean 'name'?)");
    CHECK(problems[1].message == "unknown template variable 'other'");
}

TEST_CASE("the throwing render_template reports every unknown variable", "[manifest]") {
    CHECK(render_template("Q: {{prompt}}", Vars{{"prompt", "why?"}}) == "Q: why?");
    try {
        std::ignore = render_template("{{a}} {{b}}", Vars{});  // must throw
        FAIL("no exception");
    } catch (const EvalError& error) {
        CHECK(error.failure() == Failure::bad_input);
        CHECK(error.diagnostics().size() == 2);
    }
}

TEST_CASE("template_variables lists each name once in order", "[manifest]") {
    CHECK(template_variables("{{b}} {{a}} {{ b }} \\{{c}}") == std::vector<std::string>{"b", "a"});
}

TEST_CASE("case vars are substituted into system, prompt, messages and reference", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load_with_suite(
        "cases:\n"
        "  - id: c1\n"
        "    vars: {lang: Go, n: 3, flag: true}\n"
        "    system: You write {{lang}}.\n"
        "    messages:\n"
        "      - {role: user, content: 'Write {{n}} {{lang}} functions ({{flag}}).'}\n"
        "      - {role: assistant, content: 'In {{lang}}?'}\n"
        "    reference: '{{n}}'\n"
        "    original: 'keep {{lang}} as is'\n"
        "    checks: [{contains: '{{lang}}'}]\n");
    REQUIRE(project.messages(result).empty());
    const TestCase& c = result.manifest->cases.at(0);
    CHECK(c.system == "You write Go.");
    CHECK(c.messages[0].content == "Write 3 Go functions (true).");
    CHECK(c.messages[1].content == "In Go?");
    CHECK(c.reference == "3");
    // Neither the code to edit nor check parameters are templated.
    CHECK(c.original == "keep {{lang}} as is");
    CHECK(c.checks[0].params.at("value") == "{{lang}}");
}

TEST_CASE("templating errors in a case are located at the text", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load_with_suite(
        "cases:\n"
        "  - id: c1\n"
        "    vars: {name: Ada, prompt: x, 'bad name': y, nested: [1]}\n"
        "    prompt: 'Hi {{nme}}, {{prompt}}'\n"
        "    reference: '{{missing}}'\n"
        "    checks: [a]\n");
    CHECK(project.messages(result) ==
          Messages{
              "suite.yaml:3:23: 'prompt' is reserved for variant templates; name the variable otherwise",
              "suite.yaml:3:34: 'bad name' cannot be used as {{bad name}}: a variable name has letters, digits, "
              "'_', '-' and '.' and starts with a letter",
              "suite.yaml:3:57: 'nested': expected a string, got a list",
              "suite.yaml:4:13: 'prompt': unknown template variable 'nme' (did you mean 'name'?)",
              "suite.yaml:4:13: 'prompt': {{prompt}} is reserved for variant templates and cannot be used in a case",
              "suite.yaml:5:16: 'reference': unknown template variable 'missing'",
          });
}

TEST_CASE("context files are appended to the last user message after templating", "[manifest]") {
    test::Project project;
    project.write("ctx/a.txt", "uses {{braces}}");
    project.write("ctx/b.txt", "B");
    const LoadResult result = project.load_with_suite(
        "cases:\n"
        "  - id: c1\n"
        "    messages:\n"
        "      - {role: user, content: first}\n"
        "      - {role: assistant, content: ok}\n"
        "      - {role: user, content: second}\n"
        "      - {role: assistant, content: prefill}\n"
        "    context_files: [ctx/a.txt, ctx/b.txt]\n"
        "    checks: [a]\n");
    REQUIRE(project.messages(result).empty());
    const Manifest& m = *result.manifest;
    const TestCase& c = m.cases.at(0);
    CHECK(c.messages[0].content == "first");
    CHECK(c.messages[2].content ==
          "second\n\n--- context: ctx/a.txt ---\nuses {{braces}}\n\n--- context: ctx/b.txt ---\nB");
    CHECK(c.messages[3].content == "prefill");
    REQUIRE(m.input_files.size() == 4);
    CHECK(m.input_files[2] == project.path() / "ctx/a.txt");
}

}  // namespace evalbench
