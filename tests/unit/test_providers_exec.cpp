#include <catch2/catch.hpp>

#include "evalbench/providers/exec.hpp"
#include "support/temp_dir.hpp"
#include "unit/provider_fakes.hpp"

using evalbench::test::make_request;

namespace evalbench {
namespace {

ModelSpec exec_model(std::string command, Json params = Json::object()) {
    ModelSpec model;
    model.id = "agent";
    model.provider = "exec";
    model.model = std::move(command);
    model.params = std::move(params);
    model.where = SourceLocation{"eval.yaml", 3, 5};
    return model;
}

ProviderResult run(const ModelSpec& model, const Request& request, ExecOptions options = {}) {
    return make_exec_provider(model, std::move(options))->complete(request);
}

}  // namespace

TEST_CASE("the prompt goes to stdin and stdout is the answer", "[providers]") {
    const ProviderResult result = run(exec_model("tr a-z A-Z"), make_request("hello world\n"));
    REQUIRE(result.has_value());
    CHECK(result->content == "HELLO WORLD");  // one trailing newline dropped
    CHECK(result->finish == FinishReason::stop);
    CHECK_FALSE(result->usage.reported);

    SECTION("only one trailing newline is dropped") {
        const ProviderResult two = run(exec_model("printf 'a\\n\\n'"), make_request(""));
        REQUIRE(two.has_value());
        CHECK(two->content == "a\n");
    }
    SECTION("the last user message is the one sent") {
        Request request = make_request("first");
        request.messages.push_back({"assistant", "reply"});
        request.messages.push_back({"user", "second"});
        CHECK(run(exec_model("cat"), request)->content == "second");
    }
}

TEST_CASE("the command sees the model id, repeat and system prompt in its environment", "[providers]") {
    Request request = make_request("q", 2);
    request.messages.insert(request.messages.begin(), Message{"system", "be brief"});
    const ProviderResult result =
        run(exec_model("printf '%s|%s|%s' \"$EVALBENCH_MODEL_ID\" \"$EVALBENCH_REPEAT\" \"$EVALBENCH_SYSTEM\""), request);
    REQUIRE(result.has_value());
    CHECK(result->content == "agent|2|be brief");
}

TEST_CASE("the command runs in the configured working directory", "[providers]") {
    test::TempDir dir;
    dir.write("agent.sh", "echo from-the-manifest-folder\n");
    ExecOptions options;
    options.working_directory = dir.path();
    const ProviderResult result = run(exec_model("sh agent.sh"), make_request("q"), options);
    REQUIRE(result.has_value());
    CHECK(result->content == "from-the-manifest-folder");
}

TEST_CASE("input json sends the whole request", "[providers]") {
    Request request = make_request("what?", 1);
    request.params = Json{{"temperature", 0.5}, {"input", "json"}};
    request.tools = Json::array({Json{{"name", "lookup"}}});
    request.tool_choice = "auto";
    const ProviderResult result = run(exec_model("cat", Json{{"input", "json"}}), request);
    REQUIRE(result.has_value());
    const Json sent = Json::parse(result->content);
    CHECK(sent["messages"] == Json::array({Json{{"role", "user"}, {"content", "what?"}}}));
    CHECK(sent["params"] == Json{{"temperature", 0.5}});
    CHECK(sent["tools"][0]["name"] == "lookup");
    CHECK(sent["tool_choice"] == "auto");
    CHECK(sent["repeat"] == 1);
}

TEST_CASE("output json is read as content, finish reason, usage and tool calls", "[providers]") {
    const Json params{{"output", "json"}};
    const std::string answer =
        R"({"content":"42","finish_reason":"length","usage":{"input_tokens":7,"output_tokens":3},)"
        R"("tool_calls":[{"id":"c1","name":"calc","arguments":{"x":1}}],"model":"agent-v2"})";
    const ProviderResult result = run(exec_model("cat", params), make_request(answer));
    REQUIRE(result.has_value());
    CHECK(result->content == "42");
    CHECK(result->finish == FinishReason::length);
    CHECK(result->usage.reported);
    CHECK(result->usage.input_tokens == 7);
    CHECK(result->usage.output_tokens == 3);
    REQUIRE(result->tool_calls.size() == 1);
    CHECK(result->tool_calls[0].name == "calc");
    CHECK(result->tool_calls[0].arguments == R"({"x":1})");
    CHECK(result->served_model == "agent-v2");

    SECTION("anything else is a client error that says what was expected") {
        for (const char* bad : {"plain text", R"({"answer":"42"})", R"({"content":"a","finish_reason":"done"})"}) {
            INFO(bad);
            const ProviderResult rejected = run(exec_model("cat", params), make_request(bad));
            REQUIRE_FALSE(rejected.has_value());
            CHECK(rejected.error().kind == ErrorKind::client);
            CHECK_THAT(rejected.error().message, Catch::Contains("content"));
        }
    }
}

TEST_CASE("exec failures become errors a retry policy can judge", "[providers]") {
    SECTION("a non-zero exit is not retryable and quotes stderr") {
        const ProviderResult result = run(exec_model("echo 'bad input here' >&2; exit 3"), make_request("q"));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == ErrorKind::client);
        CHECK_FALSE(result.error().retryable());
        CHECK_THAT(result.error().message, Catch::Contains("status 3") && Catch::Contains("bad input here"));
    }
    SECTION("exit 75 asks for a retry") {
        const ProviderResult result = run(exec_model("exit 75"), make_request("q"));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == ErrorKind::server);
        CHECK(result.error().retryable());
    }
    SECTION("a missing program is a configuration error") {
        const ProviderResult result = run(exec_model("definitely-not-a-program-xyz"), make_request("q"));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == ErrorKind::config);
        CHECK_THAT(result.error().message, Catch::Contains("127"));
    }
    SECTION("the request timeout kills a slow command") {
        Request request = make_request("q");
        request.timeout_s = 0.3;
        const ProviderResult result = run(exec_model("sleep 30"), request);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == ErrorKind::timeout);
    }
    SECTION("too much output is an error, not a silently cut answer") {
        ExecOptions options;
        options.max_output_bytes = 100;
        const ProviderResult result = run(exec_model("head -c 5000 /dev/zero"), make_request("q"), options);
        REQUIRE_FALSE(result.has_value());
        CHECK_THAT(result.error().message, Catch::Contains("100 bytes"));
    }
}

TEST_CASE("a misconfigured exec model is bad input at its location", "[providers]") {
    CHECK_THROWS_AS(make_exec_provider(exec_model("  "), {}), EvalError);
    try {
        std::ignore = make_exec_provider(exec_model("cat", Json{{"input", "yaml"}}), {});  // expected to throw
        FAIL("no EvalError thrown");
    } catch (const EvalError& error) {
        REQUIRE(error.diagnostics().size() == 1);
        CHECK(error.diagnostics()[0].format() == "eval.yaml:3:5: model 'agent': params.input must be prompt or json");
    }
}

}  // namespace evalbench
