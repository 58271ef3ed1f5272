#pragma once
// The Gemini generateContent wire format, shared by the request builder, the
// plain reader and the stream decoder.

#include <memory>

#include "http_adapter.hpp"

namespace evalbench {

// {base}/v1beta/models/{model}:generateContent, or the SSE stream method.
std::string gemini_url(const std::string& base_url, std::string model, bool stream);
Json gemini_request_body(const Request& request);
std::expected<Completion, ProviderError> parse_gemini_response(const Json& body, const Endpoint& endpoint);
std::unique_ptr<StreamDecoder> make_gemini_stream_decoder(const Endpoint& endpoint);

// STOP -> stop, MAX_TOKENS -> length, SAFETY/RECITATION/BLOCKLIST/
// PROHIBITED_CONTENT/SPII/IMAGE_* -> content_filter; anything else is error.
FinishReason gemini_finish(const std::string& raw);
// Sets finish and finish_raw; STOP after function calls is tool_calls.
void set_gemini_finish(Completion& completion, const std::string& raw);
// thoughtsTokenCount is billed as output: it is added to output_tokens.
Usage gemini_usage(const Json& metadata);
// Appends a candidate's text parts (not thoughts) and function calls.
void take_gemini_parts(Completion& completion, const Json& candidate, double elapsed_ms);
std::optional<std::string> gemini_block_reason(const Json& body);

}  // namespace evalbench
