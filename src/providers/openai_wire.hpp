#pragma once
// The OpenAI chat/completions wire format, shared by the plain and the
// streaming halves of the adapter.

#include <memory>

#include "http_adapter.hpp"

namespace evalbench {

Json openai_request_body(const ModelSpec& model, const Request& request);
std::expected<Completion, ProviderError> parse_openai_response(const Json& body, const Endpoint& endpoint);
std::unique_ptr<StreamDecoder> make_openai_stream_decoder(const Endpoint& endpoint);

// stop | length | content_filter | tool_calls (function_call); anything else is error.
FinishReason openai_finish(const std::string& raw);
Usage openai_usage(const Json& usage);

}  // namespace evalbench
