// Decoding Gemini's streamGenerateContent?alt=sse stream.
//
// Every `data:` event is a whole GenerateContentResponse holding the next
// piece of the answer: text and functionCall parts append, usageMetadata
// and modelVersion replace (the last chunk has the totals), and the chunk
// with `finishReason` ends the answer. There is no [DONE]: a stream that
// ends without a finishReason (or a prompt block) was cut off.

#include "gemini_wire.hpp"

namespace evalbench {

namespace {

class GeminiStreamDecoder final : public StreamDecoder {
public:
    explicit GeminiStreamDecoder(const Endpoint& endpoint) : m_endpoint(endpoint) {}

    std::optional<ProviderError> on_event(const SseEvent& event, double elapsed_ms) override {
        const Json chunk = Json::parse(event.data, nullptr, false);
        if (chunk.is_discarded() || !chunk.is_object()) {
            return protocol_error(m_endpoint, "malformed JSON in a stream event: " + event.data.substr(0, 200));
        }
        if (chunk.contains("error")) {
            ProviderError error = protocol_error(m_endpoint, "error in the stream: " + error_text(event.data));
            error.kind = json_int(chunk["error"], "code") == 429 ? ErrorKind::rate_limited : ErrorKind::server;
            return error;
        }
        if (chunk.contains("modelVersion")) {
            m_completion.served_model = json_string(chunk, "modelVersion");
        }
        if (chunk.contains("usageMetadata")) {
            m_completion.usage = gemini_usage(chunk["usageMetadata"]);
        }
        if (const auto blocked = gemini_block_reason(chunk)) {
            m_blocked = blocked;
        }
        const Json& candidates = chunk.value("candidates", Json::array());
        if (candidates.is_array() && !candidates.empty()) {
            take_gemini_parts(m_completion, candidates.front(), elapsed_ms);
            const std::string finish = json_string(candidates.front(), "finishReason");
            if (!finish.empty()) {
                m_finish_raw = finish;
            }
        }
        return std::nullopt;
    }

    std::expected<Completion, ProviderError> finish() override {
        if (m_blocked && m_finish_raw.empty()) {
            m_completion.finish = FinishReason::content_filter;
            m_completion.finish_raw = *m_blocked;
            return m_completion;
        }
        if (m_finish_raw.empty()) {
            return std::unexpected(protocol_error(m_endpoint, "the stream ended before a finishReason"));
        }
        set_gemini_finish(m_completion, m_finish_raw);
        return m_completion;
    }

private:
    const Endpoint& m_endpoint;
    Completion m_completion;
    std::optional<std::string> m_blocked;
    std::string m_finish_raw;
};

}  // namespace

std::unique_ptr<StreamDecoder> make_gemini_stream_decoder(const Endpoint& endpoint) {
    return std::make_unique<GeminiStreamDecoder>(endpoint);
}

}  // namespace evalbench
