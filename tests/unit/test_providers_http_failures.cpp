// Every failure path of the three HTTP adapters, plain and streaming, against
// the fake server's fault injection.

#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ctime>

#include "support/http_providers.hpp"

using evalbench::ErrorKind;
using evalbench::Json;
using evalbench::ProviderResult;
using evalbench::test::FakeServer;
using evalbench::test::HttpApi;

namespace {

struct Fault {
    const char* what;
    Json behaviour;
    ErrorKind kind;
    int status;
};

std::string http_date_in(int seconds) {
    const std::time_t when = std::time(nullptr) + seconds;
    char text[64];
    std::tm parts{};
    gmtime_r(&when, &parts);
    std::strftime(text, sizeof(text), "%a, %d %b %Y %H:%M:%S GMT", &parts);
    return text;
}

}  // namespace

TEST_CASE("each injected fault maps to its error kind for every provider, plain and streamed", "[providers]") {
    const std::vector<Fault> faults = {
        {"429", {{"status", 429}}, ErrorKind::rate_limited, 429},
        {"500", {{"status", 500}}, ErrorKind::server, 500},
        {"503", {{"status", 503}}, ErrorKind::server, 503},
        {"529 overloaded", {{"status", 529}}, ErrorKind::server, 529},
        {"400", {{"status", 400}, {"error_message", "bad temperature"}}, ErrorKind::client, 400},
        {"404", {{"status", 404}}, ErrorKind::client, 404},
        {"422", {{"status", 422}}, ErrorKind::client, 422},
        {"401", {{"status", 401}}, ErrorKind::auth, 401},
        {"403", {{"status", 403}}, ErrorKind::auth, 403},
        {"dropped connection", {{"fault", "drop"}}, ErrorKind::network, 0},
        {"malformed JSON", {{"fault", "malformed"}}, ErrorKind::protocol, 200},
        {"truncated answer", {{"fault", "truncate"}}, ErrorKind::protocol, 200},
        {"connection cut mid-answer", {{"fault", "cut"}}, ErrorKind::protocol, 200},
    };
    FakeServer server;
    for (const HttpApi& api : evalbench::test::http_apis()) {
        for (const bool stream : {false, true}) {
            for (const Fault& fault : faults) {
                INFO(api.name << (stream ? " streamed, " : " plain, ") << fault.what);
                server.script(fault.behaviour);
                auto provider = evalbench::test::provider_on(server, api, evalbench::test::key_for(api));
                const ProviderResult result = provider->complete(evalbench::test::ask("hello", stream));
                REQUIRE_FALSE(result.has_value());
                CHECK(result.error().kind == fault.kind);
                CHECK(result.error().http_status == fault.status);
                CHECK(result.error().attempt == 1);
                CHECK(result.error().message.find(api.name) == 0);
                CHECK(result.error().message.find("sk-test-secret-123") == std::string::npos);
            }
        }
    }
}

TEST_CASE("an error event inside a 200 stream is a server error", "[providers]") {
    FakeServer server;
    for (const HttpApi& api : evalbench::test::http_apis()) {
        INFO(api.name);
        server.script({{"fault", "stream_error"}});
        auto provider = evalbench::test::provider_on(server, api, evalbench::test::key_for(api));
        const ProviderResult result = provider->complete(evalbench::test::ask("one two three four", true));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == ErrorKind::server);
        CHECK(result.error().message.find("error in the stream") != std::string::npos);
    }
}

TEST_CASE("the wait a rate-limited answer asks for is read from every header form", "[providers]") {
    FakeServer server;
    const HttpApi api = evalbench::test::http_apis().front();
    auto provider = evalbench::test::provider_on(server, api, evalbench::test::key_for(api));
    const auto retry_after = [&](const Json& behaviour) {
        server.script(behaviour);
        const ProviderResult result = provider->complete(evalbench::test::ask("hi"));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == ErrorKind::rate_limited);
        return result.error().retry_after_s;
    };
    CHECK(retry_after({{"status", 429}, {"retry_after", "7"}}) == Approx(7.0));
    CHECK(retry_after({{"status", 429}, {"retry_after_ms", "1500"}}) == Approx(1.5));
    CHECK(retry_after({{"status", 429}, {"retry_after", "30"}, {"retry_after_ms", "250"}}) == Approx(0.25));
    CHECK_FALSE(retry_after({{"status", 429}}).has_value());
    CHECK_FALSE(retry_after({{"status", 429}, {"retry_after", "soon"}}).has_value());
    const auto dated = retry_after({{"status", 429}, {"retry_after", http_date_in(120)}});
    REQUIRE(dated.has_value());
    CHECK(*dated > 100.0);
    CHECK(*dated <= 121.0);
    CHECK(retry_after({{"status", 429}, {"retry_after", "Mon, 01 Jan 2001 00:00:00 GMT"}}) == Approx(0.0));

    // Gemini says it in the error body: {"error": {"details": [{"retryDelay": "12s"}]}}.
    const HttpApi gemini = evalbench::test::http_apis().at(2);
    provider = evalbench::test::provider_on(server, gemini, evalbench::test::key_for(gemini));
    CHECK(retry_after({{"status", 429}, {"retry_delay", "12s"}}) == Approx(12.0));
}

TEST_CASE("client and auth errors say what to fix, naming the variable but never the key", "[providers]") {
    FakeServer server;
    for (const HttpApi& api : evalbench::test::http_apis()) {
        INFO(api.name);
        auto provider = evalbench::test::provider_on(server, api, evalbench::test::key_for(api));
        const auto fail_with = [&](const Json& behaviour) {
            server.script(behaviour);
            const ProviderResult result = provider->complete(evalbench::test::ask("hi"));
            REQUIRE_FALSE(result.has_value());
            CHECK_FALSE(result.error().retryable());
            return result.error().message;
        };
        // 401 names the environment variable, and the key is masked even
        // where the provider quotes it back.
        std::string message = fail_with({{"status", 401}, {"error_message", "Incorrect API key sk-test-secret-123"}});
        CHECK(message.find("check the key in " + api.env_name) != std::string::npos);
        CHECK(message.find("sk-test-secret-123") == std::string::npos);
        CHECK(message.find("Incorrect API key ***") != std::string::npos);
        // 404 points at model and base_url.
        message = fail_with({{"status", 404}, {"error_message", "model m1 not found"}});
        CHECK(message.find("model m1 not found") != std::string::npos);
        CHECK(message.find("check `model` ('m1') and `base_url`") != std::string::npos);
        // 400 carries the provider's message and points at params.
        message = fail_with({{"status", 400}, {"error_message", "temperature must be <= 2"}});
        CHECK(message.find("temperature must be <= 2") != std::string::npos);
        CHECK(message.find("`params`") != std::string::npos);
    }
}

TEST_CASE("a 401 without any key says that no key was sent", "[providers]") {
    FakeServer server;
    const HttpApi api = evalbench::test::http_apis().at(1);
    auto provider = evalbench::test::provider_on(server, api, evalbench::Credentials{"", ""});
    server.script({{"status", 401}});
    const ProviderResult result = provider->complete(evalbench::test::ask("hi"));
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == ErrorKind::auth);
    CHECK(result.error().message.find("no API key was sent") != std::string::npos);
    CHECK_FALSE(server.last_request()["headers"].contains("x-api-key"));
}

TEST_CASE("a slow answer past the request timeout is a timeout", "[providers]") {
    FakeServer server;
    for (const HttpApi& api : evalbench::test::http_apis()) {
        for (const bool stream : {false, true}) {
            INFO(api.name << (stream ? " streamed" : " plain"));
            server.script({{"delay_ms", 4000}});
            auto provider = evalbench::test::provider_on(server, api, evalbench::test::key_for(api));
            evalbench::Request request = evalbench::test::ask("hi", stream);
            request.timeout_s = 0.25;
            const ProviderResult result = provider->complete(request);
            REQUIRE_FALSE(result.has_value());
            CHECK(result.error().kind == ErrorKind::timeout);
            CHECK(result.error().retryable());
        }
    }
}

TEST_CASE("a refused connection is a network error", "[providers]") {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    for (const HttpApi& api : evalbench::test::http_apis()) {
        evalbench::ModelSpec model;
        model.model = "m1";
        model.base_url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
        auto provider = api.make(model, evalbench::test::key_for(api), evalbench::make_curl_http_client());
        const ProviderResult result = provider->complete(evalbench::test::ask("hi"));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == ErrorKind::network);
        CHECK(result.error().message.find(model.base_url) != std::string::npos);
    }
}
