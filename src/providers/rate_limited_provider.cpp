// The Provider decorator that puts the pacers and gates of rate_limit.cpp in
// front of an adapter. Order matters: rpm and tpm pacing first, without
// holding a slot (a slot held while sleeping would starve other models on the
// same host), then the model's own cap, then the shared host gate (always in
// that order, so two gates can never deadlock).
#include <algorithm>

#include "evalbench/providers/rate_limit.hpp"

namespace evalbench {

std::int64_t estimate_input_tokens(const Request& request) {
    std::size_t characters = 0;
    for (const Message& message : request.messages) {
        characters += message.content.size();
    }
    if (!request.tools.is_null()) {
        characters += request.tools.dump().size();
    }
    if (!request.tool_choice.is_null()) {
        characters += request.tool_choice.dump().size();
    }
    return static_cast<std::int64_t>((characters + 3) / 4);
}

namespace {

Outcome outcome_of(const ProviderResult& result) {
    if (result) {
        return Outcome::success;
    }
    return result.error().kind == ErrorKind::rate_limited ? Outcome::rate_limited : Outcome::other_failure;
}

// What the finished request really cost against tpm.
double tokens_used(const ProviderResult& result, std::int64_t estimate) {
    if (!result) {
        // The provider may or may not have counted a failed request; keeping
        // the estimate errs on the side of staying under the limit.
        return static_cast<double>(estimate);
    }
    const Usage& usage = result->usage;
    if (usage.reported) {
        return static_cast<double>(usage.input_tokens + usage.output_tokens);
    }
    return static_cast<double>(estimate) + static_cast<double>((result->content.size() + 3) / 4);
}

class LimitedProvider final : public Provider {
public:
    LimitedProvider(std::unique_ptr<Provider> inner, LimitOptions options)
        : m_inner(std::move(inner)), m_options(std::move(options)) {}

    ProviderResult complete(const Request& request) override {
        Clock& clock = *m_options.clock;
        const SteadyTime queued = clock.now();
        if (m_options.rpm) {
            clock.sleep_until(m_options.rpm->reserve(1.0));
        }
        const std::int64_t estimate = estimate_input_tokens(request);
        if (m_options.tpm) {
            clock.sleep_until(m_options.tpm->reserve(static_cast<double>(estimate)));
        }
        ConcurrencyGate::Permit model_permit;
        if (m_options.model_gate) {
            model_permit = m_options.model_gate->acquire();
        }
        ConcurrencyGate::Permit host_permit = m_options.host_gate->acquire();
        const Nanos queue = clock.now() - queued;

        ProviderResult result = m_inner->complete(request);

        const Outcome outcome = outcome_of(result);
        host_permit.release(outcome);
        model_permit.release(outcome);
        if (m_options.tpm) {
            m_options.tpm->adjust(tokens_used(result, estimate) - static_cast<double>(estimate));
        }
        if (result) {
            result->queue_ms = to_ms(std::max(queue, Nanos::zero()));
        }
        return result;
    }

private:
    std::unique_ptr<Provider> m_inner;
    LimitOptions m_options;
};

}  // namespace

std::unique_ptr<Provider> make_limited_provider(std::unique_ptr<Provider> inner, LimitOptions options) {
    if (!options.clock) {
        options.clock = system_clock();
    }
    if (!options.host_gate) {
        options.host_gate = std::make_shared<ConcurrencyGate>(GateOptions{});
    }
    return std::make_unique<LimitedProvider>(std::move(inner), std::move(options));
}

}  // namespace evalbench
