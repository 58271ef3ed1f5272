#include "evalbench/providers/provider.hpp"

namespace evalbench {

std::string to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::timeout: return "timeout";
        case ErrorKind::rate_limited: return "rate_limited";
        case ErrorKind::server: return "server";
        case ErrorKind::client: return "client";
        case ErrorKind::auth: return "auth";
        case ErrorKind::network: return "network";
        case ErrorKind::protocol: return "protocol";
        case ErrorKind::config: return "config";
    }
    return "network";
}

bool ProviderError::retryable() const {
    switch (kind) {
        case ErrorKind::timeout:
        case ErrorKind::rate_limited:
        case ErrorKind::server:
        case ErrorKind::network:
            return true;
        case ErrorKind::protocol:
            // A truncated or garbled answer is usually transient (a proxy cut
            // the stream); a second attempt is cheap compared to a lost trial.
            return true;
        case ErrorKind::client:
        case ErrorKind::auth:
        case ErrorKind::config:
            return false;
    }
    return false;
}

}  // namespace evalbench
