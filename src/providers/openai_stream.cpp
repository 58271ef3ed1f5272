// Decoding OpenAI's chat.completion.chunk stream.
//
// Each `data:` event is a chunk whose choices[0].delta carries a piece of
// content, of refusal, or of a tool call (tool calls arrive by `index`: the
// first piece has the id and name, later pieces append to `arguments`). The
// chunk with `finish_reason` ends the answer; with include_usage a last chunk
// with empty choices carries usage; `data: [DONE]` closes the stream. A
// stream that ends before a finish_reason or [DONE] was cut off.

#include <map>

#include "openai_wire.hpp"

namespace evalbench {

namespace {

class OpenAiStreamDecoder final : public StreamDecoder {
public:
    explicit OpenAiStreamDecoder(const Endpoint& endpoint) : m_endpoint(endpoint) {}

    std::optional<ProviderError> on_event(const SseEvent& event, double elapsed_ms) override {
        if (event.data == "[DONE]") {
            m_done = true;
            return std::nullopt;
        }
        const Json chunk = Json::parse(event.data, nullptr, false);
        if (chunk.is_discarded() || !chunk.is_object()) {
            return protocol_error(m_endpoint, "malformed JSON in a stream event: " + event.data.substr(0, 200));
        }
        if (chunk.contains("error")) {
            ProviderError error = protocol_error(m_endpoint, "error in the stream: " + error_text(event.data));
            error.kind = ErrorKind::server;
            return error;
        }
        if (m_completion.served_model.empty()) {
            m_completion.served_model = json_string(chunk, "model");
        }
        if (m_completion.fingerprint.empty()) {
            m_completion.fingerprint = json_string(chunk, "system_fingerprint");
        }
        if (chunk.contains("usage") && chunk["usage"].is_object()) {
            m_completion.usage = openai_usage(chunk["usage"]);
        }
        const Json& choices = chunk.value("choices", Json::array());
        if (choices.is_array() && !choices.empty()) {
            take_choice(choices.front(), elapsed_ms);
        }
        return std::nullopt;
    }

    std::expected<Completion, ProviderError> finish() override {
        // [DONE] alone closes a stream too (some compatible servers send no finish_reason).
        if (!m_finished && !m_done) {
            return std::unexpected(protocol_error(m_endpoint, "the stream ended before a finish_reason"));
        }
        for (auto& [index, call] : m_calls) {
            m_completion.tool_calls.push_back(std::move(call));
        }
        if (!m_refusal.empty()) {
            m_completion.refusal = m_refusal;
            m_completion.finish = FinishReason::refusal;
        }
        return m_completion;
    }

private:
    void take_choice(const Json& choice, double elapsed_ms) {
        const Json& delta = choice.value("delta", Json::object());
        append_text(m_completion, json_string(delta, "content"), elapsed_ms);
        const std::string refusal = json_string(delta, "refusal");
        if (!refusal.empty() && !m_completion.ttft_ms) {
            m_completion.ttft_ms = elapsed_ms;
        }
        m_refusal += refusal;
        for (const Json& piece : delta.value("tool_calls", Json::array())) {
            ToolCall& call = m_calls[json_int(piece, "index")];
            if (piece.contains("id") && piece["id"].is_string()) {
                call.id = piece["id"].get<std::string>();
            }
            const Json& function = piece.value("function", Json::object());
            if (function.contains("name") && function["name"].is_string()) {
                call.name = function["name"].get<std::string>();
            }
            call.arguments += json_string(function, "arguments");
        }
        if (choice.contains("finish_reason") && choice["finish_reason"].is_string()) {
            m_finished = true;
            m_completion.finish_raw = choice["finish_reason"].get<std::string>();
            m_completion.finish = openai_finish(m_completion.finish_raw);
        }
    }

    const Endpoint& m_endpoint;
    Completion m_completion;
    std::map<std::int64_t, ToolCall> m_calls;  // by the stream's tool call index
    std::string m_refusal;
    bool m_finished = false;
    bool m_done = false;
};

}  // namespace

std::unique_ptr<StreamDecoder> make_openai_stream_decoder(const Endpoint& endpoint) {
    return std::make_unique<OpenAiStreamDecoder>(endpoint);
}

}  // namespace evalbench
