#pragma once
// Retries with exponential backoff and full jitter, as a Provider decorator.
// See src/providers/retry.cpp for the policy and why.

#include <memory>

#include "evalbench/providers/clock.hpp"
#include "evalbench/providers/factory.hpp"
#include "evalbench/providers/provider.hpp"

namespace evalbench {

struct RetryPolicy {
    int retries = 4;  // attempts after the first (ProviderSettings::retries)
    Nanos base = std::chrono::milliseconds(500);
    Nanos cap = std::chrono::seconds(30);
    // A Retry-After longer than this fails the trial at once instead of
    // parking a worker (a daily quota says "come back in 3 hours").
    double max_retry_after_s = 120.0;
};

struct RetrySeams {
    std::shared_ptr<Clock> clock = system_clock();
    UniformRandom random = default_random();
    std::shared_ptr<ProviderStats> stats = std::make_shared<ProviderStats>();
    const std::atomic<bool>* cancelled = nullptr;  // stop waiting when set
};

// The upper bound of the jittered sleep before retry number `retry`
// (0-based): min(cap, base * 2^retry).
Nanos backoff_ceiling(const RetryPolicy& policy, int retry);

// The completion carries `attempts` and `backoff_ms`; a final error carries
// `attempt`. Non-retryable errors (ProviderError::retryable) return at once.
std::unique_ptr<Provider> make_retrying_provider(std::unique_ptr<Provider> inner, RetryPolicy policy,
                                                 RetrySeams seams = {});

}  // namespace evalbench
