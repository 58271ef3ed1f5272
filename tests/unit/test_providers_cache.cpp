#include <catch2/catch.hpp>

#include <thread>

#include "evalbench/providers/cache.hpp"
#include "support/temp_dir.hpp"
#include "unit/provider_fakes.hpp"

using evalbench::test::make_completion;
using evalbench::test::make_error;
using evalbench::test::make_request;

namespace evalbench {
namespace {

ModelSpec openai_model() {
    ModelSpec model;
    model.id = "gpt";
    model.provider = "openai";
    model.model = "gpt-4o-mini";
    return model;
}

std::size_t count_files(const std::filesystem::path& dir) {
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        count += entry.is_regular_file() ? 1 : 0;
    }
    return count;
}

}  // namespace

TEST_CASE("the cache key changes with everything that decides the answer", "[providers]") {
    const ModelSpec model = openai_model();
    const Request request = make_request("hello");
    const std::string key = cache_key(model, request);
    CHECK(key.size() == 64);
    CHECK(cache_key(model, request) == key);

    SECTION("repeat index") { CHECK(cache_key(model, make_request("hello", 1)) != key); }
    SECTION("message text") { CHECK(cache_key(model, make_request("hello!")) != key); }
    SECTION("params") {
        Request changed = request;
        changed.params["temperature"] = 0.7;
        CHECK(cache_key(model, changed) != key);
    }
    SECTION("tools and tool_choice") {
        Request changed = request;
        changed.tools = Json::array({Json{{"name", "lookup"}}});
        CHECK(cache_key(model, changed) != key);
        Request choice = request;
        choice.tool_choice = "required";
        CHECK(cache_key(model, choice) != key);
    }
    SECTION("provider, base URL and model") {
        ModelSpec other = model;
        other.base_url = "http://localhost:11434/v1";
        CHECK(cache_key(other, request) != key);
        other = model;
        other.model = "gpt-4o";
        CHECK(cache_key(other, request) != key);
        other = model;
        other.provider = "anthropic";
        CHECK(cache_key(other, request) != key);
    }
    SECTION("but not the stream flag, the timeout, the API key variable or the id") {
        Request changed = request;
        changed.stream = true;
        changed.timeout_s = 5;
        ModelSpec other = model;
        other.api_key_env = "MY_KEY";
        other.id = "renamed";
        CHECK(cache_key(other, changed) == key);
    }
    SECTION("nor the order params were written in") {
        Request first = request;
        first.params = Json::parse(R"({"temperature": 0, "seed": 7})");
        Request second = request;
        second.params = Json::parse(R"({"seed": 7, "temperature": 0})");
        CHECK(cache_key(model, first) == cache_key(model, second));
    }
}

TEST_CASE("a cached answer is served without calling the provider", "[providers]") {
    test::TempDir dir;
    auto script = std::make_shared<test::Script>();
    auto stats = std::make_shared<ProviderStats>();
    Completion answer = make_completion("Paris");
    answer.usage = Usage{12, 3, 0, true};
    answer.served_model = "gpt-4o-mini-2024-07-18";
    answer.attempts = 2;
    answer.tool_calls.push_back({"call_1", "lookup", R"({"q":"x"})"});
    script->results.push_back(answer);
    std::unique_ptr<Provider> provider =
        make_caching_provider(std::make_unique<test::ScriptedProvider>(script), openai_model(), dir.path(), stats);

    const ProviderResult first = provider->complete(make_request("capital of France?"));
    REQUIRE(first.has_value());
    CHECK_FALSE(first->cached);
    CHECK(script->calls() == 1);

    const ProviderResult second = provider->complete(make_request("capital of France?"));
    REQUIRE(second.has_value());
    CHECK(script->calls() == 1);
    CHECK(second->cached);
    CHECK(second->content == "Paris");
    CHECK(second->attempts == 0);
    CHECK(second->usage.input_tokens == 12);
    CHECK(second->usage.reported);
    CHECK(second->served_model == "gpt-4o-mini-2024-07-18");
    REQUIRE(second->tool_calls.size() == 1);
    CHECK(second->tool_calls[0].arguments == R"({"q":"x"})");
    CHECK(stats->cache_hits == 1);

    SECTION("another repeat is a miss") {
        REQUIRE(provider->complete(make_request("capital of France?", 1)).has_value());
        CHECK(script->calls() == 2);
    }
    SECTION("the entry lives under a two-digit shard") {
        const std::string key = cache_key(openai_model(), make_request("capital of France?"));
        CHECK(std::filesystem::exists(dir.path() / key.substr(0, 2) / (key + ".json")));
        CHECK(count_files(dir.path()) == 1);  // no temporary file left behind
    }
}

TEST_CASE("failures and mock answers are not cached", "[providers]") {
    test::TempDir dir;
    auto script = std::make_shared<test::Script>();
    script->results.push_back(std::unexpected(make_error(ErrorKind::server, 500)));
    Completion mock = make_completion("mocked");
    mock.mock = true;
    script->results.push_back(mock);
    std::unique_ptr<Provider> provider = make_caching_provider(
        std::make_unique<test::ScriptedProvider>(script), openai_model(), dir.path(), nullptr);

    CHECK_FALSE(provider->complete(make_request("q")).has_value());
    CHECK(provider->complete(make_request("q")).has_value());
    CHECK(provider->complete(make_request("q"))->content == "default answer");
    CHECK(script->calls() == 3);
}

TEST_CASE("a torn or foreign cache entry is a miss and gets rewritten", "[providers]") {
    test::TempDir dir;
    const ModelSpec model = openai_model();
    const Request request = make_request("q");
    ResponseCache cache(dir.path());
    const std::string key = cache_key(model, request);
    const std::filesystem::path path = cache.entry_path(key);
    std::filesystem::create_directories(path.parent_path());

    SECTION("half a file") {
        std::ofstream(path) << R"({"format": 1, "key": ")" << key << R"(", "completion": {"cont)";
        CHECK_FALSE(cache.load(key).has_value());
    }
    SECTION("an entry stored under another key") {
        REQUIRE(cache.store(key, make_completion("x"), Json::object()).has_value());
        std::filesystem::create_directories(cache.entry_path(std::string(64, 'a')).parent_path());
        std::filesystem::rename(path, cache.entry_path(std::string(64, 'a')));
        CHECK_FALSE(cache.load(std::string(64, 'a')).has_value());
    }
    auto script = std::make_shared<test::Script>();
    std::unique_ptr<Provider> provider =
        make_caching_provider(std::make_unique<test::ScriptedProvider>(script), model, dir.path(), nullptr);
    REQUIRE(provider->complete(request).has_value());
    CHECK(script->calls() == 1);
    CHECK(cache.load(key).has_value());
}

TEST_CASE("concurrent writers of one entry leave a whole entry", "[providers]") {
    test::TempDir dir;
    ResponseCache cache(dir.path());
    const std::string key(64, 'b');
    std::atomic<int> failed_writes{0};  // Catch2 assertions are not thread-safe: count, check after
    std::vector<std::thread> writers;
    for (int i = 0; i < 8; ++i) {
        writers.emplace_back([&cache, &key, &failed_writes, i] {
            for (int round = 0; round < 20; ++round) {
                if (!cache.store(key, make_completion(std::string(1000, static_cast<char>('a' + i))),
                                 Json::object())) {
                    ++failed_writes;
                }
            }
        });
    }
    for (std::thread& writer : writers) {
        writer.join();
    }
    CHECK(failed_writes == 0);
    const std::optional<Completion> loaded = cache.load(key);
    REQUIRE(loaded.has_value());
    CHECK(loaded->content.size() == 1000);
    CHECK(loaded->content == std::string(1000, loaded->content[0]));
    CHECK(count_files(dir.path()) == 1);
}

TEST_CASE("clearing the cache removes entries and nothing else", "[providers]") {
    test::TempDir dir;
    ResponseCache cache(dir.path());
    for (int i = 0; i < 5; ++i) {
        const std::string key = cache_key(openai_model(), make_request("q", i));
        REQUIRE(cache.store(key, make_completion("a"), Json::object()));
    }
    dir.write("README.txt", "not a cache entry");
    dir.write("ab/notes.json", "{}");
    dir.write("ab/" + std::string(64, 'a') + ".json.tmp-1-2", "partial");

    const std::expected<std::size_t, std::string> removed = clear_cache(dir.path());
    REQUIRE(removed.has_value());
    CHECK(*removed == 5);
    CHECK(count_files(dir.path()) == 2);
    CHECK(std::filesystem::exists(dir.path() / "README.txt"));
    CHECK(std::filesystem::exists(dir.path() / "ab" / "notes.json"));

    SECTION("a second clear finds nothing") { CHECK(clear_cache(dir.path()).value() == 0); }
    SECTION("a missing folder holds nothing") { CHECK(clear_cache(dir.path() / "absent").value() == 0); }
}

}  // namespace evalbench
