// Sending one attempt of an adapter's request, plain or streamed, and
// handing the answer to the provider-specific parser or stream decoder.
// Parsers may throw nlohmann's exceptions on a body of the wrong shape;
// those become protocol errors here, once.

#include "http_adapter.hpp"

namespace evalbench {

namespace {

bool is_success(int status) {
    return status >= 200 && status < 300;
}

std::string snippet(std::string_view text) {
    constexpr std::size_t k_max = 200;
    return text.size() > k_max ? std::string(text.substr(0, k_max)) + "..." : std::string(text);
}

std::expected<Completion, ProviderError> parse_body(const std::string& text, const Endpoint& endpoint,
                                                    const PlainParser& parse) {
    const Json body = Json::parse(text, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        return std::unexpected(protocol_error(endpoint, "not a JSON object: " + snippet(text)));
    }
    try {
        return parse(body);
    } catch (const Json::exception& error) {
        return std::unexpected(protocol_error(endpoint, std::string("unexpected JSON shape: ") + error.what()));
    }
}

}  // namespace

ProviderResult send_plain(HttpClient& http, HttpRequest request, const Endpoint& endpoint,
                          const PlainParser& parse) {
    request.headers.push_back({"Accept", "application/json"});
    const HttpResult response = http.send(request);
    if (!response) {
        return std::unexpected(error_from_transport(response.error(), endpoint));
    }
    if (!is_success(response->status)) {
        return std::unexpected(error_from_status(*response, endpoint));
    }
    auto completion = parse_body(response->body, endpoint, parse);
    if (completion) {
        completion->latency_ms = response->total_ms;
    }
    return completion;
}

ProviderResult send_streaming(HttpClient& http, HttpRequest request, const Endpoint& endpoint,
                              StreamDecoder& decoder, const PlainParser& parse) {
    request.headers.push_back({"Accept", "text/event-stream"});
    SseParser parser;
    std::optional<ProviderError> stopped;
    bool saw_event = false;
    std::string head;  // the body until the first event, in case it is plain JSON
    request.on_body = [&](std::string_view chunk, double elapsed_ms) {
        if (!saw_event) {
            head.append(chunk);
        }
        for (const SseEvent& event : parser.feed(chunk)) {
            saw_event = true;
            try {
                stopped = decoder.on_event(event, elapsed_ms);
            } catch (const Json::exception& error) {
                stopped = protocol_error(endpoint, std::string("unexpected event shape: ") + error.what());
            }
            if (stopped) {
                return false;
            }
        }
        if (saw_event) {
            head.clear();
        }
        return true;
    };
    const HttpResult response = http.send(request);
    if (stopped) {
        return std::unexpected(*stopped);
    }
    if (!response) {
        return std::unexpected(error_from_transport(response.error(), endpoint));
    }
    if (!is_success(response->status)) {
        return std::unexpected(error_from_status(*response, endpoint));
    }
    std::expected<Completion, ProviderError> completion;
    const bool event_stream = response->header("content-type").value_or("").find("event-stream") != std::string::npos;
    if (!saw_event && !event_stream && !head.empty()) {
        completion = parse_body(head, endpoint, parse);
    } else {
        completion = decoder.finish();
    }
    if (completion) {
        completion->latency_ms = response->total_ms;
    }
    return completion;
}

}  // namespace evalbench
