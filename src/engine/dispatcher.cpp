#include "evalbench/engine/dispatcher.hpp"

#include <chrono>
#include <ctime>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "evalbench/engine/journal.hpp"
#include "evalbench/engine/progress.hpp"
#include "evalbench/scoring/scorer.hpp"

namespace evalbench {

std::string utc_timestamp() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                       utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

namespace {

TrialOutcome run_one(const Trial& trial, Provider& provider) {
    TrialOutcome outcome;
    outcome.key = trial.key;
    outcome.test_case = trial.test_case;
    outcome.model = trial.configuration.model;
    outcome.prompt_hash = trial.prompt_hash;
    outcome.started_at = utc_timestamp();
    ProviderResult result = provider.complete(trial.request);
    if (result) {
        outcome.completion = std::move(*result);
    } else {
        const ProviderError& error = result.error();
        outcome.error = TrialError{to_string(error.kind), error.http_status, error.message, error.attempt};
    }
    return outcome;
}

}  // namespace

DispatchResult dispatch(const std::vector<Trial>& trials, const DispatchServices& services,
                        const DispatchOptions& options) {
    std::vector<std::optional<TrialResult>> slots(trials.size());
    std::atomic<std::size_t> next{0};
    std::mutex failure_mutex;
    std::exception_ptr failure;  // a fatal error in a worker (journal write) stops the run

    auto worker = [&] {
        while (true) {
            if (options.interrupted != nullptr && options.interrupted->load()) {
                return;
            }
            {
                const std::lock_guard<std::mutex> lock(failure_mutex);
                if (failure) {
                    return;
                }
            }
            const std::size_t index = next.fetch_add(1);
            if (index >= trials.size()) {
                return;
            }
            const Trial& trial = trials[index];
            try {
                Provider* provider = services.providers.at(trial.key.model_id);
                TrialOutcome outcome = run_one(trial, *provider);
                if (outcome.error && options.interrupted != nullptr && options.interrupted->load()) {
                    // Failed while the run was being interrupted (a backoff
                    // cut short): not a result; --resume runs it again.
                    return;
                }
                TrialResult scored = services.scorer->score(std::move(outcome));
                services.journal->append(scored);
                if (services.progress != nullptr) {
                    services.progress->record(scored);
                }
                slots[index] = std::move(scored);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failure_mutex);
                if (!failure) {
                    failure = std::current_exception();
                }
                return;
            }
        }
    };

    const std::size_t worker_count =
        std::min<std::size_t>(trials.size(), static_cast<std::size_t>(std::max(1, options.concurrency)));
    std::vector<std::thread> workers;
    workers.reserve(worker_count);
    for (std::size_t i = 0; i < worker_count; ++i) {
        workers.emplace_back(worker);
    }
    for (std::thread& thread : workers) {
        thread.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    DispatchResult result;
    for (std::optional<TrialResult>& slot : slots) {
        if (slot) {
            result.trials.push_back(std::move(*slot));
        }
    }
    result.interrupted = result.trials.size() < trials.size();
    return result;
}

}  // namespace evalbench
