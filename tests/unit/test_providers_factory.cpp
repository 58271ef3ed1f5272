#include <catch2/catch.hpp>

#include <filesystem>

#include "evalbench/providers/cache.hpp"
#include "evalbench/providers/hub.hpp"
#include "support/fake_server.hpp"
#include "support/temp_dir.hpp"
#include "unit/provider_fakes.hpp"

using namespace std::chrono_literals;
using evalbench::test::make_request;

namespace evalbench {
namespace {

constexpr const char* k_sentinel_key = "sk-SENTINEL-7f3a9c-never-print-me";

ModelSpec model(std::string id, std::string provider, std::string name = "m") {
    ModelSpec spec;
    spec.id = std::move(id);
    spec.provider = std::move(provider);
    spec.model = std::move(name);
    spec.where = SourceLocation{"eval.yaml", 9, 5};
    return spec;
}

struct HubFixture {
    test::TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    std::map<std::string, std::string> environment{{"OPENAI_API_KEY", k_sentinel_key}};
    ProviderSettings settings;
    HubOptions options;

    HubFixture() {
        settings.cache_dir = dir.path() / "cache";
        settings.base_dir = dir.path();
        options.clock = clock;
        options.random = [] { return 0.5; };
        options.environment = [this](const std::string& name) -> std::optional<std::string> {
            if (auto found = environment.find(name); found != environment.end()) {
                return found->second;
            }
            return std::nullopt;
        };
    }
    ProviderHub hub() { return ProviderHub(settings, options); }
};

std::string every_file_under(const std::filesystem::path& dir) {
    std::string all;
    if (!std::filesystem::exists(dir)) {
        return all;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) {
            all += entry.path().string() + "\n" + test::read_file(entry.path());
        }
    }
    return all;
}

}  // namespace

TEST_CASE("an unknown provider is bad input with a suggestion", "[providers]") {
    HubFixture fixture;
    try {
        std::ignore = fixture.hub().make_provider(model("x", "openia"));  // expected to throw
        FAIL("no EvalError thrown");
    } catch (const EvalError& error) {
        CHECK(error.failure() == Failure::bad_input);
        REQUIRE(error.diagnostics().size() == 1);
        CHECK_THAT(error.diagnostics()[0].format(),
                   Catch::StartsWith("eval.yaml:9:5: model 'x': unknown provider 'openia' (did you mean 'openai'?)"));
    }
}

TEST_CASE("a missing key stops the run before anything is sent", "[providers]") {
    HubFixture fixture;
    fixture.environment.clear();
    CHECK_THROWS_AS(fixture.hub().make_provider(model("g", "gemini")), EvalError);
    CHECK_THROWS_AS(make_provider(model("a", "anthropic"), fixture.settings), EvalError);
}

TEST_CASE("models on one host share one gate; other hosts and commands get their own", "[providers]") {
    HubFixture fixture;
    ProviderHub hub = fixture.hub();
    ModelSpec first = model("a", "openai");
    ModelSpec second = model("b", "openai");
    second.base_url = "https://API.openai.com/v1/";
    second.max_concurrency = 100;
    ModelSpec local = model("c", "openai");
    local.base_url = "http://localhost:11434/v1";
    CHECK(hub.host_gate(first) == hub.host_gate(second));
    CHECK(hub.host_gate(first) != hub.host_gate(local));
    CHECK(hub.host_gate(first)->ceiling() == 100);  // raised by the model that allows more
    CHECK(hub.host_gate(local)->ceiling() == 64);
    CHECK(hub.host_gate(model("e1", "exec")) != hub.host_gate(model("e2", "exec")));
    CHECK(host_key(local) == "http://localhost:11434");
}

TEST_CASE("an exec model through the factory is retried on EX_TEMPFAIL and never cached", "[providers]") {
    HubFixture fixture;
    // Fails with 75 until a marker file exists, which the first run creates.
    fixture.dir.write("flaky.sh", "if [ -f marker ]; then cat; else touch marker; exit 75; fi\n");
    std::unique_ptr<Provider> provider =
        fixture.hub().make_provider(model("agent", "exec", "sh flaky.sh"));
    const ProviderResult result = provider->complete(make_request("answer me"));
    REQUIRE(result.has_value());
    CHECK(result->content == "answer me");
    CHECK(result->attempts == 2);
    CHECK(fixture.clock->sleeps() == std::vector<Nanos>{250ms});  // half of the 500 ms window
    CHECK(fixture.settings.stats->retries_total == 1);
    CHECK(every_file_under(fixture.settings.cache_dir).empty());
}

TEST_CASE("the mock provider is used bare: no cache entries", "[providers]") {
    HubFixture fixture;
    const ProviderResult result = fixture.hub().make_provider(model("m", "mock", "echo"))->complete(make_request("q"));
    REQUIRE(result.has_value());
    CHECK(result->mock);
    CHECK(every_file_under(fixture.settings.cache_dir).empty());
}

TEST_CASE("through the real stack: a 429 with Retry-After is waited out, then cached", "[providers]") {
    test::FakeServer server;
    HubFixture fixture;
    ModelSpec spec = model("gpt", "openai", "gpt-4o-mini");
    spec.base_url = server.base_url("/v1");
    spec.api_key_env = "FAKE_KEY";
    fixture.environment["FAKE_KEY"] = k_sentinel_key;
    ProviderHub hub = fixture.hub();
    std::unique_ptr<Provider> provider = hub.make_provider(spec);

    server.script(Json::array({Json{{"status", 429}, {"retry_after", "7"}}}));
    const ProviderResult first = provider->complete(make_request("hello there"));
    REQUIRE(first.has_value());
    CHECK_THAT(first->content, Catch::Contains("hello there"));
    CHECK(first->attempts == 2);
    CHECK(first->backoff_ms == Approx(7000.0));
    CHECK(fixture.clock->sleeps() == std::vector<Nanos>{7s});
    CHECK(fixture.settings.stats->rate_limited_total == 1);
    CHECK(hub.host_gate(spec)->limit() == 32);  // halved from 64 by the 429
    CHECK(server.requests().size() == 2);
    CHECK(server.last_request()["headers"].dump().find(k_sentinel_key) != std::string::npos);

    const ProviderResult again = provider->complete(make_request("hello there"));
    REQUIRE(again.has_value());
    CHECK(again->cached);
    CHECK(again->content == first->content);
    CHECK(server.requests().size() == 2);

    SECTION("the key appears in no cache file and no error message") {
        CHECK(every_file_under(fixture.settings.cache_dir).find("SENTINEL") == std::string::npos);
        server.script(Json::array({Json{{"status", 401}, {"error_message", "bad key"}}}));
        const ProviderResult denied = provider->complete(make_request("another"));
        REQUIRE_FALSE(denied.has_value());
        CHECK(denied.error().kind == ErrorKind::auth);
        CHECK(denied.error().attempt == 1);
        CHECK(denied.error().message.find("SENTINEL") == std::string::npos);
        CHECK(every_file_under(fixture.settings.cache_dir).find("SENTINEL") == std::string::npos);
    }
    SECTION("a server that keeps failing exhausts the attempts") {
        fixture.settings.retries = 2;
        std::unique_ptr<Provider> strict = ProviderHub(fixture.settings, fixture.options).make_provider(spec);
        server.script(Json::array({Json{{"status", 500}}, Json{{"status", 502}}, Json{{"status", 503}}}));
        const ProviderResult failed = strict->complete(make_request("doomed"));
        REQUIRE_FALSE(failed.has_value());
        CHECK(failed.error().kind == ErrorKind::server);
        CHECK(failed.error().http_status == 503);
        CHECK(failed.error().attempt == 3);
        CHECK(server.requests().size() == 5);
    }
}

TEST_CASE("--stream turns streaming on for every request of the model", "[providers]") {
    test::FakeServer server;
    HubFixture fixture;
    fixture.settings.force_stream = true;
    fixture.settings.use_cache = false;
    ModelSpec spec = model("gpt", "openai", "gpt-4o-mini");
    spec.base_url = server.base_url("/v1");
    const ProviderResult result = fixture.hub().make_provider(spec)->complete(make_request("stream me"));
    REQUIRE(result.has_value());
    const Json body = server.last_request()["body"];
    CHECK(body.value("stream", false));
    CHECK(result->ttft_ms.has_value());
}

}  // namespace evalbench
