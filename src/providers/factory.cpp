// Assembles each model's provider stack (see hub.hpp for the order and why
// it is that order):
//   - the cache is outermost, so a hit costs no slot, no token budget and
//     no retry bookkeeping;
//   - retry sits outside the limits, so a request sleeping in backoff holds
//     no concurrency slot, and every attempt is paced and counted again;
//   - the limits are innermost, so the host gate sees every 429 an adapter
//     returns and can back off (AIMD) for all models on that host.
// Keys are resolved first: a missing key fails the whole run as bad input
// before any request is sent.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "evalbench/providers/adapters.hpp"
#include "evalbench/providers/cache.hpp"
#include "evalbench/providers/exec.hpp"
#include "evalbench/providers/http.hpp"
#include "evalbench/providers/hub.hpp"
#include "evalbench/providers/retry.hpp"
#include "evalbench/providers/secrets.hpp"

namespace evalbench {
namespace {

const std::vector<std::string> k_providers = {"openai", "anthropic", "gemini", "exec", "mock"};

// `stream: true` on the model (or --stream) turns streaming on for every
// request, whatever the caller put in Request::stream.
class StreamingProvider final : public Provider {
public:
    explicit StreamingProvider(std::unique_ptr<Provider> inner) : m_inner(std::move(inner)) {}

    ProviderResult complete(const Request& request) override {
        if (request.stream) {
            return m_inner->complete(request);
        }
        Request streamed = request;
        streamed.stream = true;
        return m_inner->complete(streamed);
    }

private:
    std::unique_ptr<Provider> m_inner;
};

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

}  // namespace

std::string host_key(const ModelSpec& model) {
    if (model.provider == "exec" || model.provider == "mock") {
        return model.provider + ":" + model.id;  // a local command is its own "host"
    }
    if (model.base_url.empty()) {
        return "https://" + default_host(model.provider);
    }
    // Limits belong to a server, not to a path on it: keep scheme://authority.
    const std::string url = lower(model.base_url);
    const std::size_t scheme_end = url.find("://");
    const std::size_t authority_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
    return url.substr(0, url.find_first_of("/?#", authority_start));
}

ProviderHub::ProviderHub(ProviderSettings settings, HubOptions options)
    : m_settings(std::move(settings)), m_options(std::move(options)) {
    if (!m_options.clock) {
        m_options.clock = system_clock();
    }
    if (!m_options.random) {
        m_options.random = default_random();
    }
    if (!m_options.environment) {
        m_options.environment = process_environment();
    }
    if (!m_settings.stats) {
        m_settings.stats = std::make_shared<ProviderStats>();
    }
}

std::shared_ptr<HttpClient> ProviderHub::http() {
    std::lock_guard lock(m_mutex);
    if (!m_http) {
        m_http = m_options.http ? m_options.http : make_curl_http_client();
    }
    return m_http;
}

std::shared_ptr<ConcurrencyGate> ProviderHub::host_gate(const ModelSpec& model) {
    const int ceiling = std::max(m_options.host_concurrency, model.max_concurrency.value_or(0));
    std::lock_guard lock(m_mutex);
    std::shared_ptr<ConcurrencyGate>& gate = m_host_gates[host_key(model)];
    if (!gate) {
        gate = std::make_shared<ConcurrencyGate>(GateOptions{ceiling});
    } else {
        gate->raise_ceiling(ceiling);
    }
    return gate;
}

std::unique_ptr<Provider> ProviderHub::make_adapter(const ModelSpec& model) {
    if (model.provider == "exec") {
        return make_exec_provider(model, ExecOptions{m_settings.base_dir});
    }
    std::optional<Credentials> credentials = resolve_credentials(model, m_settings.dotenv, m_options.environment);
    Credentials sent = credentials.value_or(Credentials{});
    if (model.provider == "openai") {
        return make_openai_provider(model, std::move(sent), http());
    }
    if (model.provider == "anthropic") {
        return make_anthropic_provider(model, std::move(sent), http());
    }
    return make_gemini_provider(model, std::move(sent), http());
}

std::unique_ptr<Provider> ProviderHub::make_provider(const ModelSpec& spec) {
    if (std::find(k_providers.begin(), k_providers.end(), spec.provider) == k_providers.end()) {
        throw_bad_input(spec.where, fmt::format("model '{}': unknown provider '{}'{}; use one of openai, anthropic, "
                                                "gemini, exec, mock",
                                                spec.id, spec.provider, did_you_mean(spec.provider, k_providers)));
    }
    for (const auto& [name, value] : {std::pair{"rpm", spec.rpm}, std::pair{"tpm", spec.tpm},
                                      std::pair{"max_concurrency", spec.max_concurrency}}) {
        if (value && *value < 1) {
            throw_bad_input(spec.where, fmt::format("model '{}': {} must be at least 1", spec.id, name));
        }
    }
    ModelSpec model = spec;
    model.stream = spec.stream || m_settings.force_stream;
    if (model.provider == "mock") {
        return make_mock_provider(model);
    }

    std::unique_ptr<Provider> provider = make_adapter(model);

    LimitOptions limits;
    limits.clock = m_options.clock;
    limits.host_gate = host_gate(model);
    if (model.max_concurrency) {
        limits.model_gate = std::make_shared<ConcurrencyGate>(GateOptions{*model.max_concurrency, Adaptive::no});
    }
    if (model.rpm) {
        limits.rpm = std::make_shared<RatePacer>(*model.rpm, m_options.clock);
    }
    if (model.tpm) {
        limits.tpm = std::make_shared<RatePacer>(*model.tpm, m_options.clock);
    }
    provider = make_limited_provider(std::move(provider), std::move(limits));

    RetryPolicy policy;
    policy.retries = m_settings.retries;
    provider = make_retrying_provider(std::move(provider), policy,
                                      RetrySeams{m_options.clock, m_options.random, m_settings.stats,
                                                 m_settings.cancelled});

    // Exec answers depend on files the key cannot see (the script itself),
    // so a cached answer could silently be stale: exec is never cached.
    if (m_settings.use_cache && model.provider != "exec") {
        provider = make_caching_provider(std::move(provider), model, m_settings.cache_dir, m_settings.stats);
    }
    if (model.stream) {
        provider = std::make_unique<StreamingProvider>(std::move(provider));
    }
    return provider;
}

std::unique_ptr<Provider> make_provider(const ModelSpec& model, const ProviderSettings& settings) {
    ProviderHub hub(settings);
    return hub.make_provider(model);
}

}  // namespace evalbench
