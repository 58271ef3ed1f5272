// Decoding Anthropic's Messages event stream.
//
//   message_start        the served model and input usage
//   content_block_start  a text, tool_use or thinking block at an index
//   content_block_delta  text_delta (content), input_json_delta (a tool
//                        call's arguments, in pieces), thinking_delta (skipped)
//   message_delta        stop_reason and the cumulative output_tokens
//   message_stop         the end; ping is a keep-alive
//   error                an error after the 200 (e.g. overloaded_error)
// A stream that ends before message_stop was cut off.

#include <map>

#include "anthropic_wire.hpp"

namespace evalbench {

namespace {

ErrorKind kind_of_stream_error(const std::string& type) {
    if (type == "rate_limit_error") {
        return ErrorKind::rate_limited;
    }
    if (type == "invalid_request_error") {
        return ErrorKind::client;
    }
    return ErrorKind::server;  // overloaded_error, api_error: the server's trouble
}

class AnthropicStreamDecoder final : public StreamDecoder {
public:
    explicit AnthropicStreamDecoder(const Endpoint& endpoint) : m_endpoint(endpoint) {}

    std::optional<ProviderError> on_event(const SseEvent& event, double elapsed_ms) override {
        const Json data = Json::parse(event.data, nullptr, false);
        if (data.is_discarded() || !data.is_object()) {
            return protocol_error(m_endpoint, "malformed JSON in a stream event: " + event.data.substr(0, 200));
        }
        const std::string type = data.contains("type") ? json_string(data, "type") : event.type;
        if (type == "error") {
            const Json& error = data.value("error", Json::object());
            ProviderError failure = protocol_error(m_endpoint, "error in the stream: " + error_text(event.data));
            failure.kind = kind_of_stream_error(json_string(error, "type"));
            return failure;
        }
        if (type == "message_start") {
            const Json& message = data.at("message");
            m_completion.served_model = json_string(message, "model");
            take_usage(message.value("usage", Json::object()));
        } else if (type == "content_block_start") {
            const Json& block = data.at("content_block");
            const std::int64_t index = json_int(data, "index");
            m_block_types[index] = json_string(block, "type");
            if (m_block_types[index] == "tool_use") {
                m_calls[index] = ToolCall{json_string(block, "id"), json_string(block, "name"), ""};
            } else if (m_block_types[index] == "text") {
                append_text(m_completion, json_string(block, "text"), elapsed_ms);
            }
        } else if (type == "content_block_delta") {
            const Json& delta = data.at("delta");
            const std::string delta_type = json_string(delta, "type");
            if (delta_type == "text_delta") {
                append_text(m_completion, json_string(delta, "text"), elapsed_ms);
            } else if (delta_type == "input_json_delta") {
                m_calls[json_int(data, "index")].arguments += json_string(delta, "partial_json");
            }
        } else if (type == "message_delta") {
            const Json& delta = data.value("delta", Json::object());
            if (delta.contains("stop_reason") && delta["stop_reason"].is_string()) {
                m_completion.finish_raw = delta["stop_reason"].get<std::string>();
                m_completion.finish = anthropic_finish(m_completion.finish_raw);
            }
            take_usage(data.value("usage", Json::object()));
        } else if (type == "message_stop") {
            m_stopped = true;
        }
        return std::nullopt;
    }

    std::expected<Completion, ProviderError> finish() override {
        if (!m_stopped) {
            return std::unexpected(protocol_error(m_endpoint, "the stream ended before message_stop"));
        }
        for (auto& [index, call] : m_calls) {
            if (call.arguments.empty()) {
                call.arguments = "{}";  // a tool without parameters streams no input at all
            }
            m_completion.tool_calls.push_back(std::move(call));
        }
        return m_completion;
    }

private:
    // message_start and message_delta each carry usage; the later counts are cumulative.
    void take_usage(const Json& usage) {
        if (!usage.is_object() || usage.empty()) {
            return;
        }
        m_completion.usage.reported = true;
        if (usage.contains("input_tokens")) {
            m_completion.usage.input_tokens = anthropic_input_tokens(usage);
        }
        if (usage.contains("output_tokens")) {
            m_completion.usage.output_tokens = json_int(usage, "output_tokens");
        }
    }

    const Endpoint& m_endpoint;
    Completion m_completion;
    std::map<std::int64_t, std::string> m_block_types;
    std::map<std::int64_t, ToolCall> m_calls;  // by content block index
    bool m_stopped = false;
};

}  // namespace

std::unique_ptr<StreamDecoder> make_anthropic_stream_decoder(const Endpoint& endpoint) {
    return std::make_unique<AnthropicStreamDecoder>(endpoint);
}

}  // namespace evalbench
