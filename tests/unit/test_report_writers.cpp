#include <catch2/catch.hpp>

#include "evalbench/report/markdown.hpp"
#include "evalbench/report/run_json.hpp"

using namespace evalbench;

namespace {

struct Fixture {
    Manifest manifest;
    RunInfo info;
    std::vector<TrialResult> trials;
    RunSummary summary;

    Fixture() {
        manifest.name = "bench";
        manifest.version = "2";
        manifest.content_hash = std::string(64, 'a');
        ModelSpec model;
        model.id = "m";
        model.provider = "openai";
        model.api_key_env = "MY_KEY";
        model.pricing = Pricing{1.0, 2.0};
        manifest.models = {model};
        manifest.variants = {Variant{}};
        info.run_id = "r1";
        info.status = RunStatus::finished;
        TrialResult pass;
        pass.key = {"ok-case", "m", "default", 0};
        pass.category = "support";
        Completion completion;
        completion.content = "fine";
        completion.mock = true;
        pass.completion = completion;
        pass.pass = true;
        pass.score = 1.0;
        pass.dimensions = {{"checks", 1.0}};
        TrialResult fail = pass;
        fail.key.case_id = "bad-case";
        fail.pass = false;
        fail.score = 0.0;
        fail.completion->content = "a | pipe\nand newline";
        fail.checks.push_back({"contains", false, 0.0, "expected 'x'", 1.0, true, "checks", false});
        trials = {pass, fail};
        summary = summarise(trials, manifest);
    }
};

}  // namespace

TEST_CASE("run.json carries schema_version, provenance and the summary, never a key", "[report]") {
    const Fixture f;
    const Json json = run_json(f.info, f.manifest, f.summary);
    CHECK(json["schema_version"] == 1);
    CHECK(json["manifest"]["name"] == "bench");
    CHECK(json["models"][0]["api_key_env"] == "MY_KEY");
    CHECK(json["mock"] == true);
    CHECK(json["notice"].get<std::string>().find("mock") != std::string::npos);
    const Json& configuration = json["summary"]["configurations"][0];
    CHECK(configuration["trials"] == 2);
    CHECK(configuration["passed"] == 1);
    CHECK(configuration["pass_rate"] == 0.5);
    CHECK(configuration["categories"]["support"]["trials"] == 2);
}

TEST_CASE("report.md says it is a mock run and lists failing trials safely", "[report]") {
    const Fixture f;
    const std::string md = markdown_report(f.info, f.manifest, f.summary, f.trials);
    CHECK(md.find("Mock run") != std::string::npos);
    CHECK(md.find("## Failing trials (1)") != std::string::npos);
    CHECK(md.find("bad-case") != std::string::npos);
    CHECK(md.find("a \\| pipe and newline") != std::string::npos);  // table cells stay one line
    CHECK(md.find("50.0%") != std::string::npos);
}

TEST_CASE("the stdout table has one row per configuration", "[report]") {
    const Fixture f;
    const std::string text = text_summary(f.summary);
    CHECK(text.find("configuration") == 0);
    CHECK(text.find("\nm ") != std::string::npos);
    CHECK(text.find("50.0%") != std::string::npos);
}
