#include <catch2/catch.hpp>

#include "evalbench/providers/secrets.hpp"
#include "support/temp_dir.hpp"

namespace evalbench {
namespace {

EnvLookup fake_environment(std::map<std::string, std::string> variables) {
    return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
        if (auto found = variables.find(name); found != variables.end()) {
            return found->second;
        }
        return std::nullopt;
    };
}

ModelSpec model(std::string provider, std::string base_url = "", std::string key_env = "") {
    ModelSpec spec;
    spec.id = "m1";
    spec.provider = std::move(provider);
    spec.model = "some-model";
    spec.base_url = std::move(base_url);
    spec.api_key_env = std::move(key_env);
    spec.where = SourceLocation{"eval.yaml", 7, 5};
    return spec;
}

std::string bad_input_message(const ModelSpec& spec, const EnvLookup& environment) {
    try {
        std::ignore = resolve_credentials(spec, {}, environment);  // expected to throw
    } catch (const EvalError& error) {
        CHECK(error.failure() == Failure::bad_input);
        std::string text;
        for (const Diagnostic& diagnostic : error.diagnostics()) {
            text += diagnostic.format();
        }
        return text.empty() ? error.what() : text;
    }
    FAIL("no EvalError thrown");
    return "";
}

}  // namespace

TEST_CASE("a default key goes only to its provider's official host", "[providers]") {
    const EnvLookup environment = fake_environment(
        {{"OPENAI_API_KEY", "sk-openai"}, {"ANTHROPIC_API_KEY", "sk-ant"}, {"GEMINI_API_KEY", "g-key"}});

    SECTION("no base_url uses the default variable") {
        CHECK(resolve_credentials(model("openai"), {}, environment)->api_key == "sk-openai");
        CHECK(resolve_credentials(model("anthropic"), {}, environment)->env_name == "ANTHROPIC_API_KEY");
        CHECK(resolve_credentials(model("gemini"), {}, environment)->api_key == "g-key");
    }
    SECTION("the official host spelled out still counts as the default") {
        CHECK(resolve_credentials(model("openai", "https://api.openai.com/v1"), {}, environment).has_value());
        CHECK(resolve_credentials(model("openai", "HTTPS://API.OPENAI.COM:443/v1/"), {}, environment).has_value());
        CHECK(resolve_credentials(model("gemini", "https://generativelanguage.googleapis.com/v1beta"), {},
                                  environment).has_value());
    }
    SECTION("any other host gets no key at all") {
        for (const char* url : {"http://localhost:11434/v1", "http://api.openai.com/v1",
                                "https://api.openai.com.evil.example/v1", "https://api.openai.com@evil.example/v1",
                                "https://api.openai.com:8443/v1", "https://openrouter.ai/api/v1"}) {
            INFO(url);
            CHECK_FALSE(resolve_credentials(model("openai", url), {}, environment).has_value());
        }
    }
    SECTION("exec and mock never need a key") {
        CHECK_FALSE(resolve_credentials(model("exec"), {}, environment).has_value());
        CHECK_FALSE(resolve_credentials(model("mock"), {}, environment).has_value());
    }
}

TEST_CASE("api_key_env names the one variable a model sends", "[providers]") {
    const EnvLookup environment = fake_environment({{"OPENAI_API_KEY", "sk-openai"}, {"ROUTER_KEY", "r-key"}});
    const std::optional<Credentials> custom =
        resolve_credentials(model("openai", "https://openrouter.ai/api/v1", "ROUTER_KEY"), {}, environment);
    REQUIRE(custom.has_value());
    CHECK(custom->api_key == "r-key");
    CHECK(custom->env_name == "ROUTER_KEY");
    CHECK(resolve_credentials(model("openai", "", "ROUTER_KEY"), {}, environment)->api_key == "r-key");
}

TEST_CASE("a missing key is bad input that names the variable, never a value", "[providers]") {
    const EnvLookup environment = fake_environment({{"OTHER", "sentinel-secret-value"}, {"EMPTY", ""}});
    SECTION("default variable") {
        const std::string message = bad_input_message(model("openai"), environment);
        CHECK_THAT(message, Catch::Contains("eval.yaml:7:5"));
        CHECK_THAT(message, Catch::Contains("OPENAI_API_KEY"));
        CHECK_THAT(message, Catch::Contains("api_key_env"));
    }
    SECTION("named variable, unset or empty") {
        CHECK_THAT(bad_input_message(model("openai", "http://x", "ROUTER_KEY"), environment),
                   Catch::Contains("ROUTER_KEY"));
        CHECK_THAT(bad_input_message(model("anthropic", "", "EMPTY"), environment), Catch::Contains("EMPTY"));
    }
}

TEST_CASE("the environment wins over .env, and .env fills the gaps", "[providers]") {
    const std::map<std::string, std::string> dotenv{{"OPENAI_API_KEY", "from-file"}, {"ANTHROPIC_API_KEY", "a-file"}};
    const EnvLookup environment = fake_environment({{"OPENAI_API_KEY", "from-env"}});
    CHECK(resolve_credentials(model("openai"), dotenv, environment)->api_key == "from-env");
    CHECK(resolve_credentials(model("anthropic"), dotenv, environment)->api_key == "a-file");
}

TEST_CASE("a .env file is read in the common dialect", "[providers]") {
    const std::map<std::string, std::string> values = parse_dotenv_text(
        "# keys for local runs\n"
        "\n"
        "OPENAI_API_KEY=sk-plain\n"
        "export ANTHROPIC_API_KEY = 'sk-single $NOT_EXPANDED \\n'\n"
        "  GEMINI_API_KEY=\"line1\\nline2 \\\"q\\\"\"  # trailing comment\n"
        "WITH_HASH=abc#def # comment\n"
        "EMPTY=\n"
        "CRLF=value\r\n"
        "PEM=\"-----BEGIN-----\n"
        "abc\n"
        "-----END-----\"\n"
        "OPENAI_API_KEY=sk-later\n",
        ".env");
    CHECK(values.at("OPENAI_API_KEY") == "sk-later");
    CHECK(values.at("ANTHROPIC_API_KEY") == "sk-single $NOT_EXPANDED \\n");
    CHECK(values.at("GEMINI_API_KEY") == "line1\nline2 \"q\"");
    CHECK(values.at("WITH_HASH") == "abc#def");
    CHECK(values.at("EMPTY").empty());
    CHECK(values.at("CRLF") == "value");
    CHECK(values.at("PEM") == "-----BEGIN-----\nabc\n-----END-----");
    CHECK(values.size() == 7);
}

TEST_CASE("every bad .env line is reported with its location and without its value", "[providers]") {
    test::TempDir dir;
    const std::filesystem::path path = dir.write(".env",
                                                 "GOOD=1\n"
                                                 "sk-sentinel-secret\n"
                                                 "AIzaSentinelSecret\n"
                                                 "NAME sentinel-secret\n"
                                                 "Q=\"sentinel-secret\" trailing\n"
                                                 "1BAD=x\n"
                                                 "OPEN='sentinel-secret\n");
    try {
        std::ignore = parse_dotenv(path);  // expected to throw
        FAIL("no EvalError thrown");
    } catch (const EvalError& error) {
        CHECK(error.failure() == Failure::bad_input);
        std::vector<std::string> lines;
        for (const Diagnostic& diagnostic : error.diagnostics()) {
            lines.push_back(diagnostic.format());
            CHECK_THAT(diagnostic.message, !Catch::Contains("entinel"));
        }
        REQUIRE(lines.size() == 6);
        CHECK_THAT(lines[0], Catch::StartsWith(path.string() + ":2:3: expected '=' after the variable name"));
        CHECK_THAT(lines[1], Catch::StartsWith(path.string() + ":3:19: expected '=' after the variable name"));
        CHECK_THAT(lines[2], Catch::StartsWith(path.string() + ":4:6: expected '=' after the variable name"));
        CHECK_THAT(lines[3], Catch::StartsWith(path.string() + ":5:21: unexpected text after the closing quote"));
        CHECK_THAT(lines[4], Catch::StartsWith(path.string() + ":6:1: expected a variable name"));
        CHECK_THAT(lines[5], Catch::StartsWith(path.string() + ":7:6: the value of OPEN opens a quote"));
    }
    SECTION("a missing file is bad input too") {
        CHECK_THROWS_AS(parse_dotenv(dir.path() / "absent.env"), EvalError);
    }
}

}  // namespace evalbench
