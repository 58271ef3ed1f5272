#pragma once
// The HTTP seam. Provider adapters talk to an `HttpClient`; the real one is
// libcurl (make_curl_http_client), tests may pass their own. Nothing in here
// knows about providers: a request is a URL, headers and a body, an answer is
// a status, headers, a body and two timings.
//
// Header values may hold API keys: no implementation logs them, and
// HttpError messages never contain them.

#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evalbench {

struct HttpHeader {
    std::string name;
    std::string value;
};

enum class HttpMethod { get, post };

// Receives successive pieces of a successful (2xx) body as they arrive, with
// the milliseconds elapsed since the request started. Return false to abort
// the transfer (the result is then HttpErrorKind::aborted).
using HttpBodySink = std::function<bool(std::string_view chunk, double elapsed_ms)>;

struct HttpRequest {
    HttpMethod method = HttpMethod::post;
    std::string url;
    std::vector<HttpHeader> headers;
    std::string body;  // sent for POST
    double connect_timeout_s = 10.0;
    double timeout_s = 60.0;  // total, connect included
    // When set, a 2xx body is handed to the sink instead of being kept in
    // HttpResponse::body (streaming). Non-2xx bodies are always kept, so an
    // error message can be read.
    HttpBodySink on_body;
    std::size_t max_body_bytes = 64u << 20;  // larger answers abort the transfer
};

struct HttpResponse {
    int status = 0;
    std::vector<HttpHeader> headers;  // names lower-cased, in arrival order
    std::string body;                 // empty when streamed to on_body
    double total_ms = 0.0;            // request start to last byte
    std::optional<double> first_byte_ms;  // request start to first body byte

    // Value of the first header named `name` (case-insensitive).
    std::optional<std::string> header(std::string_view name) const;
};

enum class HttpErrorKind {
    timeout,    // connect or total timeout
    connect,    // refused, DNS failure, unreachable
    tls,        // handshake or certificate failure
    dropped,    // connection reset or closed before a complete answer arrived
    truncated,  // the answer began but its body was cut short
    aborted,    // the body sink asked to stop, or the body exceeded max_body_bytes
    other,
};
std::string to_string(HttpErrorKind kind);

struct HttpError {
    HttpErrorKind kind = HttpErrorKind::other;
    std::string message;  // transport detail (libcurl's), never a header value
    int status = 0;       // the status line, when one arrived before the failure
    double elapsed_ms = 0.0;
};

using HttpResult = std::expected<HttpResponse, HttpError>;

class HttpClient {
public:
    virtual ~HttpClient() = default;
    // Thread-safe: called concurrently from many dispatcher workers.
    virtual HttpResult send(const HttpRequest& request) = 0;
};

// libcurl: TLS, HTTP/2 over TLS where the server offers it, keep-alive
// (finished handles go back to a pool with their open connections; DNS
// answers and TLS sessions are shared), proxies from the usual environment
// variables (https_proxy, no_proxy, ...).
std::shared_ptr<HttpClient> make_curl_http_client();

// "https://h/v1/" + "/chat" -> "https://h/v1/chat": exactly one slash at the seam.
std::string join_url(std::string_view base, std::string_view path);

}  // namespace evalbench
