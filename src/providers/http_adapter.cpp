// One attempt of an HTTP adapter, and the mapping of its failures.
//
// The retry layer above decides what to do with a failure, so each one is
// classified precisely here: 429 is rate_limited (with the wait the server
// asked for), 5xx server, 401/403 auth (naming the variable the key came
// from, never the key), other 4xx client (with the provider's own message
// and what to check), transport failures timeout or network, and anything
// unreadable (bad JSON, a stream cut before its final event) protocol.

#include "http_adapter.hpp"

#include <curl/curl.h>

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace evalbench {

namespace {

constexpr std::size_t k_max_error_text = 400;

std::optional<double> parse_seconds(const std::string& text, std::string_view unit) {
    if (text.empty()) {
        return std::nullopt;
    }
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || std::string_view(end) != unit || !std::isfinite(value) || value < 0) {
        return std::nullopt;
    }
    return value;
}

std::string hint_for_status(int status, const Endpoint& endpoint) {
    if (status == 401 || status == 403) {
        if (endpoint.credentials.api_key.empty()) {
            return endpoint.credentials.env_name.empty()
                       ? "no API key was sent: name the variable that holds it with `api_key_env`"
                       : fmt::format("no API key was sent: {} is empty", endpoint.credentials.env_name);
        }
        return fmt::format("check the key in {}{}", endpoint.credentials.env_name,
                           status == 403 ? " and that it may use this model" : "");
    }
    if (status == 404) {
        return fmt::format("check `model` ('{}') and `base_url` ({})", endpoint.model, endpoint.base_url);
    }
    if (status == 413) {
        return "the request is too large: shorten the prompt or its context files";
    }
    return "check the model entry's `params` and the case's messages and tools";
}

}  // namespace

std::string json_string(const Json& object, const char* key) {
    if (!object.is_object()) {
        return {};
    }
    const auto found = object.find(key);
    return (found != object.end() && found->is_string()) ? found->get<std::string>() : std::string();
}

std::int64_t json_int(const Json& object, const char* key) {
    if (!object.is_object()) {
        return 0;
    }
    const auto found = object.find(key);
    return (found != object.end() && found->is_number()) ? found->get<std::int64_t>() : 0;
}

HttpRequest json_post(const std::string& url, const Json& body, double timeout_s) {
    HttpRequest request;
    request.url = url;
    request.body = body.dump();
    request.headers = {{"Content-Type", "application/json"}};
    request.timeout_s = timeout_s;
    request.connect_timeout_s = std::min(10.0, timeout_s);
    return request;
}

std::string scrub_key(std::string text, const Credentials& credentials) {
    const std::string& key = credentials.api_key;
    if (key.empty()) {
        return text;
    }
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 3)) {
        text.replace(at, key.size(), "***");
    }
    return text;
}

std::string error_text(const std::string& body) {
    const Json parsed = Json::parse(body, nullptr, false);
    std::string text;
    if (parsed.is_object()) {
        const auto error = parsed.find("error");
        if (error != parsed.end() && error->is_object()) {
            text = json_string(*error, "message");
        } else if (error != parsed.end() && error->is_string()) {
            text = error->get<std::string>();
        } else if (parsed.contains("message")) {
            text = json_string(parsed, "message");
        } else if (parsed.contains("detail")) {
            text = parsed["detail"].is_string() ? parsed["detail"].get<std::string>() : parsed["detail"].dump();
        }
    }
    if (text.empty()) {
        text = body;
    }
    if (text.size() > k_max_error_text) {
        text = text.substr(0, k_max_error_text) + "...";
    }
    return text;
}

std::optional<double> retry_after_seconds(const HttpResponse& response, std::chrono::system_clock::time_point now) {
    if (const auto ms = response.header("retry-after-ms")) {
        if (const auto value = parse_seconds(*ms, "")) {
            return *value / 1000.0;
        }
    }
    if (const auto after = response.header("retry-after")) {
        if (const auto value = parse_seconds(*after, "")) {
            return *value;
        }
        const time_t when = curl_getdate(after->c_str(), nullptr);
        if (when != -1) {
            const double delta = static_cast<double>(when - std::chrono::system_clock::to_time_t(now));
            return std::max(0.0, delta);
        }
    }
    // Gemini: {"error": {"details": [{"@type": ".../google.rpc.RetryInfo", "retryDelay": "7s"}]}}
    const Json parsed = Json::parse(response.body, nullptr, false);
    if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_object()) {
        const Json& details = parsed["error"].value("details", Json::array());
        for (const Json& detail : details.is_array() ? details : Json::array()) {
            if (const auto value = parse_seconds(json_string(detail, "retryDelay"), "s")) {
                return *value;
            }
        }
    }
    return std::nullopt;
}

ProviderError error_from_status(const HttpResponse& response, const Endpoint& endpoint) {
    ProviderError error;
    error.http_status = response.status;
    const int status = response.status;
    const std::string said = scrub_key(error_text(response.body), endpoint.credentials);
    const std::string head = fmt::format("{}: HTTP {} from {}", endpoint.provider, status, endpoint.base_url);
    if (status == 429) {
        error.kind = ErrorKind::rate_limited;
        error.retry_after_s = retry_after_seconds(response, std::chrono::system_clock::now());
        error.message = fmt::format("{} (rate limited): {}", head, said);
    } else if (status >= 500) {
        error.kind = ErrorKind::server;
        error.retry_after_s = retry_after_seconds(response, std::chrono::system_clock::now());
        error.message = fmt::format("{}: {}", head, said);
    } else if (status == 408) {
        error.kind = ErrorKind::timeout;
        error.message = fmt::format("{} (request timeout): {}", head, said);
    } else if (status >= 400) {
        error.kind = (status == 401 || status == 403) ? ErrorKind::auth : ErrorKind::client;
        error.message = fmt::format("{}: {} ({})", head, said, hint_for_status(status, endpoint));
    } else {
        error.kind = ErrorKind::protocol;
        error.message = fmt::format("{}: unexpected status (redirects are not followed; check `base_url`)", head);
    }
    return error;
}

ProviderError error_from_transport(const HttpError& failure, const Endpoint& endpoint) {
    ProviderError error;
    error.http_status = failure.status;
    const std::string detail = scrub_key(failure.message, endpoint.credentials);
    switch (failure.kind) {
        case HttpErrorKind::timeout:
            error.kind = ErrorKind::timeout;
            error.message = fmt::format("{}: no complete answer from {} after {:.0f} ms: {}", endpoint.provider,
                                        endpoint.base_url, failure.elapsed_ms, detail);
            return error;
        case HttpErrorKind::truncated:
        case HttpErrorKind::aborted:
            error.kind = ErrorKind::protocol;
            error.message = fmt::format("{}: the answer from {} was cut off: {}", endpoint.provider,
                                        endpoint.base_url, detail);
            return error;
        case HttpErrorKind::connect:
        case HttpErrorKind::tls:
        case HttpErrorKind::dropped:
        case HttpErrorKind::other:
            break;
    }
    error.kind = ErrorKind::network;
    error.message = fmt::format("{}: {} failed for {}: {}", endpoint.provider, to_string(failure.kind),
                                endpoint.base_url, detail);
    return error;
}

ProviderError protocol_error(const Endpoint& endpoint, const std::string& what) {
    ProviderError error;
    error.kind = ErrorKind::protocol;
    error.http_status = 200;
    error.message = fmt::format("{}: unreadable answer from {}: {}", endpoint.provider, endpoint.base_url,
                                scrub_key(what, endpoint.credentials));
    return error;
}

}  // namespace evalbench
