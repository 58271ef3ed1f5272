#include <catch2/catch.hpp>

#include "evalbench/core/completion.hpp"
#include "evalbench/core/error.hpp"
#include "evalbench/core/hash.hpp"
#include "evalbench/core/model.hpp"
#include "evalbench/core/trial.hpp"

using namespace evalbench;

TEST_CASE("sha256 matches the FIPS 180-4 test vectors", "[core]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // 55, 56 and 64 bytes: the padding boundaries.
    CHECK(sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("diagnostics format as file:line:col with 1-based positions", "[core]") {
    CHECK(Diagnostic{{"m.yaml", 3, 7}, "bad"}.format() == "m.yaml:3:7: bad");
    CHECK(Diagnostic{{"m.yaml", 3, 0}, "bad"}.format() == "m.yaml:3: bad");
    CHECK(Diagnostic{{"", 0, 0}, "bad"}.format() == "bad");
    CHECK(Diagnostic{{"m.yaml", 1, 1}, "odd", Severity::warning}.format() == "m.yaml:1:1: warning: odd");
}

TEST_CASE("did-you-mean suggests only close candidates", "[core]") {
    const std::vector<std::string> keys = {"models", "suites", "version", "name"};
    CHECK(closest_match("modles", keys) == "models");
    CHECK(closest_match("suite", keys) == "suites");
    CHECK(closest_match("zzzzzz", keys).empty());
    CHECK(did_you_mean("verison", keys) == " (did you mean 'version'?)");
    CHECK(did_you_mean("", keys).empty());
}

TEST_CASE("a silent refusal is empty content cut off by the length limit", "[core]") {
    Completion completion;
    completion.finish = FinishReason::length;
    completion.content = " \n";
    CHECK(is_silent_refusal(completion));
    completion.content = "partial answer";
    CHECK_FALSE(is_silent_refusal(completion));
    completion.content = "";
    completion.finish = FinishReason::stop;
    CHECK_FALSE(is_silent_refusal(completion));
    completion.finish = FinishReason::length;
    completion.tool_calls.push_back({"1", "f", "{}"});
    CHECK_FALSE(is_silent_refusal(completion));
}

TEST_CASE("a configuration is labelled by model, and variant unless default", "[core]") {
    ModelSpec model;
    model.id = "gpt";
    Variant plain;
    Variant strict;
    strict.id = "strict";
    CHECK(Configuration{&model, &plain}.label() == "gpt");
    CHECK(Configuration{&model, &strict}.label() == "gpt/strict");
}

TEST_CASE("a trial survives a JSON round trip", "[core]") {
    TrialResult trial;
    trial.key = {"case-1", "model-a", "strict", 2};
    trial.case_version = "3";
    trial.category = "support";
    trial.prompt_hash = "abc";
    Completion completion;
    completion.content = "hello";
    completion.finish = FinishReason::length;
    completion.finish_raw = "max_tokens";
    completion.usage = {10, 20, 5, true};
    completion.ttft_ms = 12.5;
    completion.tool_calls.push_back({"c1", "lookup", "{\"q\":1}"});
    trial.completion = completion;
    trial.checks.push_back({"not-contains", true, 1.0, "ok", 2.0, false, "checks", false});
    trial.dimensions["checks"] = 1.0;
    trial.pass = true;
    trial.score = 1.0;
    trial.cost_usd = 0.25;

    const TrialResult back = trial_from_json(Json::parse(to_json(trial).dump()), "test");
    CHECK(back.key == trial.key);
    CHECK(back.case_version == "3");
    REQUIRE(back.completion);
    CHECK(back.completion->finish == FinishReason::length);
    CHECK(back.completion->finish_raw == "max_tokens");
    CHECK(back.completion->usage.reasoning_tokens == 5);
    CHECK(back.completion->ttft_ms == Approx(12.5));
    REQUIRE(back.completion->tool_calls.size() == 1);
    CHECK(back.completion->tool_calls[0].arguments == "{\"q\":1}");
    REQUIRE(back.checks.size() == 1);
    CHECK_FALSE(back.checks[0].gate);
    CHECK(back.checks[0].weight == 2.0);
    CHECK(back.cost_usd == Approx(0.25));
    CHECK(back.pass);
}

TEST_CASE("a trial record with an unknown schema_version is refused clearly", "[core]") {
    Json json = to_json(TrialResult{});
    json["schema_version"] = 99;
    CHECK_THROWS_WITH(trial_from_json(json, "runs/x/trials.jsonl:4"),
                      Catch::Contains("runs/x/trials.jsonl:4") && Catch::Contains("schema_version 99"));
    json.erase("schema_version");
    CHECK_THROWS_AS(trial_from_json(json, "x"), EvalError);
}

TEST_CASE("did-you-mean counts a swap of two letters as one typo", "[core]") {
    CHECK(closest_match("tnoe", {"tone", "tags"}) == "tone");
    CHECK(closest_match("promtp", {"prompt", "messages"}) == "prompt");
}
