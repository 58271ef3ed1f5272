#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <set>
#include <thread>

#include "evalbench/providers/http.hpp"
#include "support/fake_server.hpp"

using evalbench::HttpErrorKind;
using evalbench::HttpMethod;
using evalbench::HttpRequest;
using evalbench::Json;
using evalbench::test::FakeServer;

namespace {

HttpRequest chat_request(const FakeServer& server, const Json& body) {
    HttpRequest request;
    request.url = server.base_url("/v1/chat/completions");
    request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer k-123"}};
    request.body = body.dump();
    request.timeout_s = 20.0;
    return request;
}

Json user_says(const std::string& text, bool stream = false) {
    return Json{{"model", "m"},
                {"stream", stream},
                {"messages", Json::array({Json{{"role", "user"}, {"content", text}}})}};
}

// A loopback port with nothing listening on it.
int closed_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

}  // namespace

TEST_CASE("join_url puts exactly one slash between base and path", "[providers]") {
    CHECK(evalbench::join_url("https://h/v1", "/chat") == "https://h/v1/chat");
    CHECK(evalbench::join_url("https://h/v1/", "/chat") == "https://h/v1/chat");
    CHECK(evalbench::join_url("https://h/v1//", "chat") == "https://h/v1/chat");
    CHECK(evalbench::join_url("https://h", "") == "https://h");
}

TEST_CASE("the curl client posts headers and body and reads status, headers and timings", "[providers]") {
    FakeServer server;
    auto http = evalbench::make_curl_http_client();
    const auto result = http->send(chat_request(server, user_says("hello there")));
    REQUIRE(result.has_value());
    CHECK(result->status == 200);
    CHECK(result->header("Content-Type") == "application/json");
    CHECK(Json::parse(result->body)["choices"][0]["message"]["content"] == "hello there");
    REQUIRE(result->first_byte_ms.has_value());
    CHECK(*result->first_byte_ms <= result->total_ms);

    const Json sent = server.last_request();
    CHECK(sent["method"] == "POST");
    CHECK(sent["path"] == "/v1/chat/completions");
    CHECK(sent["headers"]["authorization"] == "Bearer k-123");
    CHECK(sent["headers"]["content-type"] == "application/json");
    CHECK_FALSE(sent["headers"].contains("expect"));
    CHECK(sent["body"] == user_says("hello there"));
}

TEST_CASE("the curl client can GET", "[providers]") {
    FakeServer server;
    HttpRequest request;
    request.method = HttpMethod::get;
    request.url = server.base_url("/_health");
    const auto result = evalbench::make_curl_http_client()->send(request);
    REQUIRE(result.has_value());
    CHECK(result->body == "ok");
}

TEST_CASE("a streamed 2xx body goes to the sink, an error body stays in the response", "[providers]") {
    FakeServer server;
    auto http = evalbench::make_curl_http_client();
    std::string streamed;
    int chunks = 0;
    HttpRequest request = chat_request(server, user_says("one two three", true));
    request.on_body = [&](std::string_view chunk, double elapsed_ms) {
        CHECK(elapsed_ms >= 0.0);
        streamed += chunk;
        ++chunks;
        return true;
    };
    SECTION("success") {
        const auto result = http->send(request);
        REQUIRE(result.has_value());
        CHECK(result->body.empty());
        CHECK(chunks >= 1);
        CHECK(streamed.find("data: [DONE]") != std::string::npos);
    }
    SECTION("error status") {
        server.script({{"status", 429}, {"retry_after", "7"}});
        const auto result = http->send(request);
        REQUIRE(result.has_value());
        CHECK(result->status == 429);
        CHECK(result->header("retry-after") == "7");
        CHECK(streamed.empty());
        CHECK(Json::parse(result->body)["error"]["message"] == "fake error 429");
    }
}

TEST_CASE("transport failures are classified", "[providers]") {
    FakeServer server;
    auto http = evalbench::make_curl_http_client();
    HttpRequest request = chat_request(server, user_says("hello", true));
    request.on_body = [](std::string_view, double) { return true; };

    SECTION("a connection closed before any answer is dropped") {
        server.script({{"fault", "drop"}});
        const auto result = http->send(request);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == HttpErrorKind::dropped);
    }
    SECTION("a stream cut in the middle is truncated") {
        server.script({{"fault", "cut"}});
        const auto result = http->send(request);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == HttpErrorKind::truncated);
        CHECK(result.error().status == 200);
    }
    SECTION("a body shorter than its Content-Length is truncated") {
        server.script({{"fault", "truncate"}});
        const auto result = http->send(chat_request(server, user_says("hello")));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == HttpErrorKind::truncated);
    }
    SECTION("a slow answer times out") {
        server.script({{"delay_ms", 5000}});
        request.timeout_s = 0.3;
        const auto result = http->send(request);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == HttpErrorKind::timeout);
    }
    SECTION("a sink returning false aborts") {
        request.on_body = [](std::string_view, double) { return false; };
        const auto result = http->send(request);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == HttpErrorKind::aborted);
    }
    SECTION("an answer above the size cap aborts") {
        HttpRequest small = chat_request(server, user_says("a long enough answer to pass the cap"));
        small.max_body_bytes = 16;
        const auto result = http->send(small);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == HttpErrorKind::aborted);
        CHECK(result.error().message.find("16 bytes") != std::string::npos);
    }
    SECTION("nobody listening is a connect failure") {
        request.url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/v1/chat/completions";
        const auto result = http->send(request);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == HttpErrorKind::connect);
    }
    SECTION("error messages never contain header values") {
        server.script({{"fault", "drop"}});
        const auto result = http->send(request);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().message.find("k-123") == std::string::npos);
    }
}

TEST_CASE("sequential requests reuse one keep-alive connection", "[providers]") {
    FakeServer server;
    auto http = evalbench::make_curl_http_client();
    for (int i = 0; i < 10; ++i) {
        REQUIRE(http->send(chat_request(server, user_says("ping"))).has_value());
    }
    std::set<int> peers;
    for (const Json& request : server.requests()) {
        peers.insert(request["peer"].get<int>());
    }
    CHECK(peers.size() == 1);
}

TEST_CASE("many threads share one client safely", "[providers]") {
    FakeServer server;
    auto http = evalbench::make_curl_http_client();
    std::atomic<int> ok{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 16; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < 8; ++i) {
                const std::string text = "w" + std::to_string(t) + "-" + std::to_string(i);
                const auto result = http->send(chat_request(server, user_says(text)));
                if (result && Json::parse(result->body)["choices"][0]["message"]["content"] == text) {
                    ++ok;
                }
            }
        });
    }
    for (std::thread& worker : workers) {
        worker.join();
    }
    CHECK(ok == 16 * 8);
    CHECK(server.requests().size() == 16 * 8);
}

TEST_CASE("the fake server takes a behaviour from a header, a prompt directive or its script, in that order",
          "[providers]") {
    FakeServer server;
    auto http = evalbench::make_curl_http_client();
    const auto content_of = [&](const HttpRequest& request) {
        const auto result = http->send(request);
        REQUIRE(result.has_value());
        REQUIRE(result->status == 200);
        return Json::parse(result->body)["choices"][0]["message"]["content"].get<std::string>();
    };
    server.script(Json::array({{{"content", "scripted 1"}}, {{"content", "scripted 2"}}}));

    HttpRequest with_header = chat_request(server, user_says("plain"));
    with_header.headers.push_back({"x-fake-fault", R"({"content": "from header"})"});
    CHECK(content_of(with_header) == "from header");
    CHECK(content_of(chat_request(server, user_says(R"(left [[fake:{"content": "from directive"}]] right)"))) ==
          "from directive");
    CHECK(content_of(chat_request(server, user_says(R"(left [[fake:{"delay_ms": 1}]] right)"))) == "left right");
    CHECK(content_of(chat_request(server, user_says("plain"))) == "scripted 1");
    CHECK(content_of(chat_request(server, user_says("plain"))) == "scripted 2");
    CHECK(content_of(chat_request(server, user_says("plain"))) == "plain");

    server.reset();
    CHECK(server.requests().empty());
}
