#pragma once
// The one interface every provider adapter implements. A failed request is a
// value, not an exception: it carries what went wrong, on which attempt, and
// how long the server asked us to wait.

#include <expected>
#include <memory>
#include <optional>
#include <string>

#include "evalbench/core/completion.hpp"

namespace evalbench {

enum class ErrorKind {
    timeout,       // connect or total timeout
    rate_limited,  // 429
    server,        // 5xx
    client,        // 400/404/422: the request is wrong
    auth,          // 401/403: the key is wrong or missing
    network,       // connection refused/reset, DNS, TLS
    protocol,      // the answer could not be parsed
    config,        // the model entry cannot work (missing key, bad command)
};
std::string to_string(ErrorKind kind);

struct ProviderError {
    ErrorKind kind = ErrorKind::network;
    int http_status = 0;
    std::string message;  // includes a hint on what to fix where we know one
    int attempt = 1;
    std::optional<double> retry_after_s;

    bool retryable() const;
};

using ProviderResult = std::expected<Completion, ProviderError>;

class Provider {
public:
    virtual ~Provider() = default;
    // Thread-safe: called concurrently from dispatcher workers.
    virtual ProviderResult complete(const Request& request) = 0;
};

}  // namespace evalbench
