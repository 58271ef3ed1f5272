// The Provider decorator in front of the retry layer: a hit never reaches
// the network, a miss goes through and a success is written back. Only
// successful answers are stored (an error is worth retrying next run), and
// never a mock answer (cheap, deterministic, and marked mock).
#include <fmt/format.h>

#include "evalbench/providers/cache.hpp"

namespace evalbench {
namespace {

class CachingProvider final : public Provider {
public:
    CachingProvider(std::unique_ptr<Provider> inner, const ModelSpec& model, std::filesystem::path dir,
                    std::shared_ptr<ProviderStats> stats)
        : m_inner(std::move(inner)), m_model(model), m_cache(std::move(dir)), m_stats(std::move(stats)) {}

    ProviderResult complete(const Request& request) override {
        const std::string key = cache_key(m_model, request);
        if (std::optional<Completion> hit = m_cache.load(key)) {
            ++m_stats->cache_hits;
            hit->cached = true;
            hit->attempts = 0;  // nothing was sent
            hit->queue_ms = 0.0;
            hit->backoff_ms = 0.0;
            return *hit;
        }
        ProviderResult result = m_inner->complete(request);
        if (result && !result->mock && result->finish != FinishReason::error) {
            const Json about{{"model_id", m_model.id}, {"provider", m_model.provider}, {"model", m_model.model},
                             {"repeat", request.repeat}};
            if (!m_cache.store(key, *result, about)) {
                // The answer is still good; the progress line shows the count.
                ++m_stats->cache_errors;
            }
        }
        return result;
    }

private:
    std::unique_ptr<Provider> m_inner;
    ModelSpec m_model;
    ResponseCache m_cache;
    std::shared_ptr<ProviderStats> m_stats;
};

}  // namespace

std::unique_ptr<Provider> make_caching_provider(std::unique_ptr<Provider> inner, const ModelSpec& model,
                                                std::filesystem::path dir, std::shared_ptr<ProviderStats> stats) {
    if (!stats) {
        stats = std::make_shared<ProviderStats>();
    }
    return std::make_unique<CachingProvider>(std::move(inner), model, std::move(dir), std::move(stats));
}

}  // namespace evalbench
