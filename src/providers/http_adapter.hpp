#pragma once
// What the HTTP adapters (openai, anthropic, gemini) share: sending one
// attempt, plain or streamed, and turning every way it can fail into a
// ProviderError with a hint on what to fix. Private to the providers module.

#include <chrono>
#include <expected>
#include <functional>
#include <optional>
#include <string>

#include "evalbench/core/completion.hpp"
#include "evalbench/providers/adapters.hpp"
#include "evalbench/providers/http.hpp"
#include "evalbench/providers/provider.hpp"
#include "evalbench/providers/sse.hpp"

namespace evalbench {

// Who we talk to, for error messages (and to keep the key out of them).
struct Endpoint {
    std::string provider;  // "openai", "anthropic", "gemini"
    std::string model;     // the provider's model name
    std::string base_url;  // without a trailing slash
    Credentials credentials;
};

// Turns a parsed 2xx body into a Completion, or says why it cannot.
using PlainParser = std::function<std::expected<Completion, ProviderError>(const Json& body)>;

// Consumes a provider's event stream, one SSE event at a time.
class StreamDecoder {
public:
    virtual ~StreamDecoder() = default;
    // An error stops the transfer (malformed event, error event in the stream).
    virtual std::optional<ProviderError> on_event(const SseEvent& event, double elapsed_ms) = 0;
    // After the stream ended: the Completion, or a protocol error when the
    // stream stopped before its final event.
    virtual std::expected<Completion, ProviderError> finish() = 0;
};

// One attempt with a JSON answer.
ProviderResult send_plain(HttpClient& http, HttpRequest request, const Endpoint& endpoint,
                          const PlainParser& parse);
// One attempt with an SSE answer. A server that answers a stream request with
// plain JSON (some OpenAI-compatible servers) is read with `parse`.
ProviderResult send_streaming(HttpClient& http, HttpRequest request, const Endpoint& endpoint,
                              StreamDecoder& decoder, const PlainParser& parse);

// What differs between the HTTP APIs; make_http_api_provider does the rest
// (endpoint set-up, plain vs streamed sending, one attempt per call).
struct ApiDialect {
    std::string provider;      // "openai", "anthropic", "gemini"
    std::string default_base;  // used when the model entry has no base_url
    // URL, body and auth headers of one request.
    std::function<HttpRequest(const Endpoint& endpoint, const ModelSpec& model, const Request& request)> build;
    std::function<std::expected<Completion, ProviderError>(const Json& body, const Endpoint& endpoint)> parse;
    std::function<std::unique_ptr<StreamDecoder>(const Endpoint& endpoint)> stream_decoder;
};

std::unique_ptr<Provider> make_http_api_provider(ApiDialect dialect, const ModelSpec& model, Credentials credentials,
                                                 std::shared_ptr<HttpClient> http);

ProviderError error_from_status(const HttpResponse& response, const Endpoint& endpoint);
ProviderError error_from_transport(const HttpError& error, const Endpoint& endpoint);
ProviderError protocol_error(const Endpoint& endpoint, const std::string& what);

// Seconds the server asked us to wait: `retry-after-ms`, then `Retry-After`
// (delta-seconds or an HTTP-date relative to `now`), then a Gemini
// RetryInfo `retryDelay` ("7s") in the error body.
std::optional<double> retry_after_seconds(const HttpResponse& response, std::chrono::system_clock::time_point now);

// The provider's own error text from an error body ({"error": {"message"}},
// {"error": "..."}, {"message"}, {"detail"}), or the start of the raw body.
std::string error_text(const std::string& body);

// Replaces every occurrence of the key by "***": no message carries it.
std::string scrub_key(std::string text, const Credentials& credentials);

// JSON access that tolerates absent keys and nulls.
std::string json_string(const Json& object, const char* key);
std::int64_t json_int(const Json& object, const char* key);

// Wire helpers shared by the adapters (http_wire.cpp).
// A case's tool as {name, description, parameters}, whether it was written
// that way or in OpenAI's {type: function, function: {...}} shape.
Json tool_function(const Json& tool);
// The one function a tool_choice forces ({name}, {type: function,
// function: {name}}, {type: tool, name}), if any.
std::optional<std::string> forced_tool_name(const Json& tool_choice);
// The request's system messages joined by blank lines ("" when none).
std::string system_text(const Request& request);
// Appends a text delta; records the time of the first non-empty one (TTFT).
void append_text(Completion& completion, std::string_view delta, double elapsed_ms);

// Header list every JSON POST starts with.
HttpRequest json_post(const std::string& url, const Json& body, double timeout_s);

}  // namespace evalbench
