// The response cache.
//
// An entry is addressed by the SHA-256 of everything that decides the answer
// (cache_key_material): provider, base URL, model, params, messages, tools,
// tool_choice and the repeat index (repeats are separate samples, so each has
// its own entry). JSON objects in params and tools are re-serialised with
// sorted keys, so the order keys were written in a manifest does not matter.
// Left out on purpose: the API key (a secret, and it does not change the
// answer), timeouts, and the stream flag (it changes how an answer arrives,
// not what it is; cached trials are excluded from latency figures anyway).
//
// Layout: <dir>/<first two hex digits>/<64 hex digits>.json, 256 shards so no
// folder grows huge. An entry is written to a temporary file beside its final
// name and renamed into place: rename is atomic within a file system, so
// concurrent workers and a crash mid-write never leave a torn entry, and a
// reader sees the old state or the new one. Reading treats anything it cannot
// parse as a miss (the next success overwrites it).
#include "evalbench/providers/cache.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "evalbench/core/hash.hpp"
#include "evalbench/core/trial.hpp"

namespace evalbench {
namespace {

constexpr int k_cache_format = 1;

// ordered_json keeps insertion order; a round trip through the plain json
// type (which sorts object keys) gives one spelling per value.
Json canonical(const Json& value) { return Json::parse(nlohmann::json::parse(value.dump()).dump()); }

bool is_hex(std::string_view text) {
    return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

bool is_entry_name(const std::string& name) {
    return name.size() == 64 + 5 && name.ends_with(".json") && is_hex(std::string_view(name).substr(0, 64));
}

bool is_temporary_name(const std::string& name) { return name.find(".json.tmp-") != std::string::npos; }

// The entry's completion as the journal writes it. Fields a torn or foreign
// entry would lack are read strictly (throwing means: a miss); the rest is
// the journal's own reader, so the two formats cannot drift apart.
Completion completion_from_cache(const Json& json) {
    std::ignore = json.at("content").get<std::string>();
    std::ignore = json.at("finish_reason").get<std::string>();
    Completion completion = completion_from_json(json);
    // What belonged to the run that stored it, not to this one.
    completion.attempts = 1;
    completion.queue_ms = 0.0;
    completion.backoff_ms = 0.0;
    completion.cached = false;
    return completion;
}

}  // namespace

Json cache_key_material(const ModelSpec& model, const Request& request) {
    Json messages = Json::array();
    for (const Message& message : request.messages) {
        messages.push_back(to_json(message));
    }
    std::string base_url = model.base_url;
    while (base_url.ends_with('/')) {
        base_url.pop_back();
    }
    return Json{
        {"format", k_cache_format},
        {"provider", model.provider},
        {"base_url", base_url},
        {"model", model.model},
        {"model_params", canonical(model.params)},
        {"params", canonical(request.params)},
        {"messages", messages},
        {"tools", canonical(request.tools)},
        {"tool_choice", canonical(request.tool_choice)},
        {"repeat", request.repeat},
    };
}

std::string cache_key(const ModelSpec& model, const Request& request) {
    return sha256_hex(cache_key_material(model, request).dump());
}

ResponseCache::ResponseCache(std::filesystem::path dir) : m_dir(std::move(dir)) {}

std::filesystem::path ResponseCache::entry_path(const std::string& key) const {
    return m_dir / key.substr(0, 2) / (key + ".json");
}

std::optional<Completion> ResponseCache::load(const std::string& key) const {
    std::ifstream in(entry_path(key), std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
        const Json entry = Json::parse(text.str());
        if (entry.value("format", 0) != k_cache_format || entry.value("key", "") != key) {
            return std::nullopt;
        }
        return completion_from_cache(entry.at("completion"));
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;  // torn by a foreign writer or edited by hand: a miss
    }
}

std::expected<void, std::string> ResponseCache::store(const std::string& key, const Completion& completion,
                                                      const Json& about) const {
    static std::atomic<unsigned long> counter{0};
    const std::filesystem::path final_path = entry_path(key);
    std::error_code error;
    std::filesystem::create_directories(final_path.parent_path(), error);
    if (error) {
        return std::unexpected(fmt::format("cannot create {}: {}", final_path.parent_path().string(), error.message()));
    }
    const std::filesystem::path temporary =
        final_path.string() + fmt::format(".tmp-{}-{}", ::getpid(), counter.fetch_add(1));
    Json entry{{"format", k_cache_format}, {"key", key}, {"about", about}, {"completion", to_json(completion)}};
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << entry.dump(1) << '\n';
        out.close();
        if (!out) {
            std::filesystem::remove(temporary, error);
            return std::unexpected(fmt::format("cannot write {}", temporary.string()));
        }
    }
    std::filesystem::rename(temporary, final_path, error);
    if (error) {
        const std::string reason = error.message();
        std::filesystem::remove(temporary, error);
        return std::unexpected(fmt::format("cannot rename into {}: {}", final_path.string(), reason));
    }
    return {};
}

namespace {

std::expected<std::size_t, std::string> remove_entries(const std::filesystem::path& dir) {
    std::error_code error;
    if (!std::filesystem::exists(dir, error)) {
        return std::size_t{0};
    }
    std::size_t removed = 0;
    for (const std::filesystem::directory_entry& shard : std::filesystem::directory_iterator(dir, error)) {
        const std::string shard_name = shard.path().filename().string();
        if (!shard.is_directory() || shard_name.size() != 2 || !is_hex(shard_name)) {
            continue;
        }
        for (const std::filesystem::directory_entry& file : std::filesystem::directory_iterator(shard.path(), error)) {
            const std::string name = file.path().filename().string();
            const bool entry = is_entry_name(name) && name.starts_with(shard_name);
            if (!entry && !is_temporary_name(name)) {
                continue;
            }
            if (!std::filesystem::remove(file.path(), error) && error) {
                return std::unexpected(fmt::format("cannot remove {}: {}", file.path().string(), error.message()));
            }
            removed += entry ? 1 : 0;
        }
        if (error) {
            return std::unexpected(fmt::format("cannot list {}: {}", shard.path().string(), error.message()));
        }
        std::filesystem::remove(shard.path(), error);  // only succeeds when empty, which is all we want
        error.clear();
    }
    if (error) {
        return std::unexpected(fmt::format("cannot list {}: {}", dir.string(), error.message()));
    }
    return removed;
}

}  // namespace

std::expected<std::size_t, std::string> clear_cache(const std::filesystem::path& dir) {
    try {
        return remove_entries(dir);
    } catch (const std::filesystem::filesystem_error& error) {
        return std::unexpected(fmt::format("cannot clear the cache in {}: {}", dir.string(), error.what()));
    }
}

}  // namespace evalbench
