#pragma once
// The on-disk response cache: successful completions, content-addressed, one
// JSON file per entry. See src/providers/cache.cpp for the layout.

#include <cstddef>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "evalbench/core/json.hpp"
#include "evalbench/core/model.hpp"
#include "evalbench/providers/factory.hpp"
#include "evalbench/providers/provider.hpp"

namespace evalbench {

// What the key is computed from: provider, base URL, model name, the model's
// and the request's params (keys sorted), messages, tools, tool_choice and
// the repeat index. Never a key, a timeout or the stream flag.
Json cache_key_material(const ModelSpec& model, const Request& request);
// sha256 hex of cache_key_material.
std::string cache_key(const ModelSpec& model, const Request& request);

class ResponseCache {
public:
    explicit ResponseCache(std::filesystem::path dir);

    // <dir>/<first 2 hex>/<key>.json
    std::filesystem::path entry_path(const std::string& key) const;
    // A missing, torn or foreign entry is a miss.
    std::optional<Completion> load(const std::string& key) const;
    // Written to a temporary file in the same folder, then renamed into
    // place, so a reader never sees half an entry.
    std::expected<void, std::string> store(const std::string& key, const Completion& completion,
                                           const Json& about) const;

    const std::filesystem::path& dir() const { return m_dir; }

private:
    std::filesystem::path m_dir;
};

// Returns a cached completion (marked `cached`, attempts 0, no queue or
// backoff) or asks `inner` and stores a successful, non-mock answer.
// A failed write is counted in stats->cache_errors; the answer still returns.
std::unique_ptr<Provider> make_caching_provider(std::unique_ptr<Provider> inner, const ModelSpec& model,
                                                std::filesystem::path dir, std::shared_ptr<ProviderStats> stats);

// Removes every cache entry (and stray temporary files) under `dir`; returns
// how many entries were removed. Files that are not cache entries are left
// alone. A missing folder holds 0 entries.
std::expected<std::size_t, std::string> clear_cache(const std::filesystem::path& dir);

}  // namespace evalbench
