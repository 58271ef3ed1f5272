#pragma once
// One ProviderHub per run: it owns what the models of a run share — the HTTP
// client (one connection pool) and one AIMD concurrency gate per provider
// host — and builds each model's provider stack:
//
//   cache -> retry (backoff, jitter) -> limits (rpm/tpm, caps, host gate) -> adapter
//
// The mock provider gets no layer at all (nothing to cache, nothing to
// retry). Providers it returns hold shared ownership of what they use, so
// they may outlive the hub.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "evalbench/core/model.hpp"
#include "evalbench/providers/clock.hpp"
#include "evalbench/providers/factory.hpp"
#include "evalbench/providers/provider.hpp"
#include "evalbench/providers/rate_limit.hpp"

namespace evalbench {

class HttpClient;

struct HubOptions {
    std::shared_ptr<Clock> clock = system_clock();
    UniformRandom random = default_random();
    std::shared_ptr<HttpClient> http;  // empty: libcurl, created on first use
    int host_concurrency = 64;         // a host gate's ceiling unless a model's max_concurrency is higher
    // Environment lookup for API keys; empty: the process environment.
    std::function<std::optional<std::string>(const std::string&)> environment;
};

class ProviderHub {
public:
    explicit ProviderHub(ProviderSettings settings, HubOptions options = {});

    // Thread-safe. Throws EvalError(bad_input) for an unknown provider, a
    // missing API key or a bad exec entry: all before anything is sent.
    std::unique_ptr<Provider> make_provider(const ModelSpec& model);

    // The gate shared by every model on this provider + base URL.
    std::shared_ptr<ConcurrencyGate> host_gate(const ModelSpec& model);

    const ProviderSettings& settings() const { return m_settings; }

private:
    std::unique_ptr<Provider> make_adapter(const ModelSpec& model);
    std::shared_ptr<HttpClient> http();

    ProviderSettings m_settings;
    HubOptions m_options;
    std::mutex m_mutex;
    std::shared_ptr<HttpClient> m_http;
    std::map<std::string, std::shared_ptr<ConcurrencyGate>> m_host_gates;
};

// "openai|https://api.openai.com/v1": what the host gate is keyed by.
std::string host_key(const ModelSpec& model);

}  // namespace evalbench
