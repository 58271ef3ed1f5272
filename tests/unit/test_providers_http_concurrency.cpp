// Many dispatcher workers share one HTTP client and one provider.

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "support/http_providers.hpp"

using evalbench::test::FakeServer;
using evalbench::test::HttpApi;

TEST_CASE("64 workers share one client and one provider per API, plain and streamed", "[providers]") {
    FakeServer server;
    auto http = evalbench::make_curl_http_client();
    for (const HttpApi& api : evalbench::test::http_apis()) {
        INFO(api.name);
        auto provider = api.make(evalbench::test::model_on(server, api), evalbench::test::key_for(api), http);
        std::atomic<int> correct{0};
        std::vector<std::thread> workers;
        for (int worker = 0; worker < 64; ++worker) {
            workers.emplace_back([&, worker] {
                for (int i = 0; i < 2; ++i) {
                    const std::string text = api.name + " worker " + std::to_string(worker) + " ask " +
                                             std::to_string(i);
                    const auto result = provider->complete(evalbench::test::ask(text, i % 2 == 1));
                    if (result && result->content == text && result->usage.reported) {
                        ++correct;
                    }
                }
            });
        }
        for (std::thread& worker : workers) {
            worker.join();
        }
        CHECK(correct == 128);
    }
    CHECK(server.requests().size() == 3 * 128);
}
