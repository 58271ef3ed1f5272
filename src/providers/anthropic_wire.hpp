#pragma once
// The Anthropic Messages wire format, shared by the plain and the streaming
// halves of the adapter.

#include <memory>

#include "http_adapter.hpp"

namespace evalbench {

Json anthropic_request_body(const ModelSpec& model, const Request& request);
std::expected<Completion, ProviderError> parse_anthropic_response(const Json& body, const Endpoint& endpoint);
std::unique_ptr<StreamDecoder> make_anthropic_stream_decoder(const Endpoint& endpoint);

// end_turn/stop_sequence/pause_turn -> stop, max_tokens -> length,
// refusal, tool_use -> tool_calls; anything else is error.
FinishReason anthropic_finish(const std::string& raw);
// input_tokens plus cache writes and reads: all of them are prompt tokens.
std::int64_t anthropic_input_tokens(const Json& usage);

}  // namespace evalbench
