"""Wire formats of the fake LLM server: one class per provider API.

Each format reads the prompt out of a request body, and writes a `Reply`
(the provider-neutral answer) as a plain JSON body, as a list of SSE events,
or as an error body.
"""

import json
import re

GEMINI_PATH = re.compile(r"/v1beta/models/([^:/?]+):(generateContent|streamGenerateContent)")


def route(path):
    bare = path.split("?", 1)[0]
    if bare.endswith("/chat/completions"):
        return "openai"
    if bare.endswith("/embeddings"):
        return "embeddings"
    if bare.endswith("/v1/messages"):
        return "anthropic"
    if GEMINI_PATH.search(bare):
        return "gemini"
    return None


def sse(event, data, newline="\n"):
    text = ""
    if event:
        text += "event: " + event + newline
    text += "data: " + (data if isinstance(data, str) else json.dumps(data)) + newline + newline
    return text.encode()


def pieces(text):
    """Splits text into word-sized deltas that join back to the text."""
    return re.findall(r"\S+\s*|\s+", text) if text else []


def text_of(content):
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


class Reply:
    """The provider-neutral answer a behaviour asks for."""

    def __init__(self, behaviour, body, path, texts, last_user):
        self.behaviour = behaviour
        self.body = body
        silent = behaviour.get("silent_refusal", False)
        self.content = "" if silent else behaviour.get("content", last_user)
        self.refusal = behaviour.get("refusal")
        self.thinking = behaviour.get("thinking")
        self.tool_calls = behaviour.get("tool_calls", [])
        default_finish = "tool_calls" if self.tool_calls else ("refusal" if self.refusal else "stop")
        self.finish = "length" if silent else behaviour.get("finish", default_finish)
        self.finish_raw = behaviour.get("finish_raw")
        requested = body.get("model") or (GEMINI_PATH.search(path).group(1) if "/v1beta/" in path else "")
        self.model = behaviour.get("model", requested + "-0001")
        self.input_tokens = behaviour.get("input_tokens", max(1, sum(len(t.split()) for t in texts)))
        self.reasoning_tokens = behaviour.get("reasoning_tokens", 64 if silent else 0)
        visible = len((self.content or "").split()) + len((self.refusal or "").split())
        self.output_tokens = behaviour.get("output_tokens", visible)
        self.block_reason = behaviour.get("block_reason")

    def native_finish(self, table):
        return self.finish_raw if self.finish_raw is not None else table.get(self.finish, self.finish)


class OpenAI:
    FINISH = {"refusal": "stop"}

    @staticmethod
    def read_prompt(body, path):
        messages = body.get("messages") or []
        texts = [text_of(m.get("content")) for m in messages]
        users = [text_of(m.get("content")) for m in messages if m.get("role") == "user"]
        return texts, users[-1] if users else ""

    @staticmethod
    def is_stream(body, path):
        return bool(body.get("stream"))

    @staticmethod
    def usage(reply):
        # completion_tokens already includes the reasoning tokens.
        output = reply.output_tokens + reply.reasoning_tokens
        return {"prompt_tokens": reply.input_tokens, "completion_tokens": output,
                "total_tokens": reply.input_tokens + output,
                "completion_tokens_details": {"reasoning_tokens": reply.reasoning_tokens}}

    @staticmethod
    def tool_call(index, call):
        return {"id": "call_%d" % index, "type": "function",
                "function": {"name": call["name"], "arguments": json.dumps(call.get("arguments", {}))}}

    def plain(self, reply):
        message = {"role": "assistant", "content": reply.content if not reply.refusal else None,
                   "refusal": reply.refusal}
        if reply.tool_calls:
            message["tool_calls"] = [self.tool_call(i, c) for i, c in enumerate(reply.tool_calls)]
        return {"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": reply.model,
                "system_fingerprint": "fp_fake",
                "choices": [{"index": 0, "message": message, "logprobs": None,
                             "finish_reason": reply.native_finish(self.FINISH)}],
                "usage": self.usage(reply)}

    def events(self, reply):
        def chunk(delta, finish=None):
            return sse(None, {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0,
                              "model": reply.model, "system_fingerprint": "fp_fake",
                              "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})

        events = [chunk({"role": "assistant", "content": ""})]
        events += [chunk({"content": p}) for p in pieces(reply.content if not reply.refusal else "")]
        events += [chunk({"refusal": p}) for p in pieces(reply.refusal or "")]
        for index, call in enumerate(reply.tool_calls):
            full = self.tool_call(index, call)
            arguments = full["function"]["arguments"]
            half = len(arguments) // 2
            events.append(chunk({"tool_calls": [{"index": index, "id": full["id"], "type": "function",
                                                 "function": {"name": call["name"], "arguments": ""}}]}))
            for part in (arguments[:half], arguments[half:]):
                events.append(chunk({"tool_calls": [{"index": index, "function": {"arguments": part}}]}))
        events.append(chunk({}, reply.native_finish(self.FINISH)))
        if (reply.body.get("stream_options") or {}).get("include_usage"):
            events.append(sse(None, {"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                                     "model": reply.model, "choices": [], "usage": self.usage(reply)}))
        events.append(sse(None, "[DONE]"))
        return events

    @staticmethod
    def error(status, message, behaviour):
        return {"error": {"message": message, "type": "fake_error", "param": None, "code": status}}

    @staticmethod
    def stream_error():
        return sse(None, {"error": {"message": "fake stream failure", "type": "server_error"}})


class Anthropic:
    FINISH = {"stop": "end_turn", "length": "max_tokens", "tool_calls": "tool_use",
              "content_filter": "refusal", "refusal": "refusal"}

    @staticmethod
    def read_prompt(body, path):
        messages = body.get("messages") or []
        texts = [text_of(body.get("system"))] + [text_of(m.get("content")) for m in messages]
        users = [text_of(m.get("content")) for m in messages if m.get("role") == "user"]
        return texts, users[-1] if users else ""

    @staticmethod
    def is_stream(body, path):
        return bool(body.get("stream"))

    def blocks(self, reply):
        blocks = []
        if reply.thinking:
            blocks.append({"type": "thinking", "thinking": reply.thinking, "signature": "sig"})
        text = reply.refusal if reply.refusal else reply.content
        if text or not reply.tool_calls:
            blocks.append({"type": "text", "text": text or ""})
        for index, call in enumerate(reply.tool_calls):
            blocks.append({"type": "tool_use", "id": "toolu_%d" % index, "name": call["name"],
                           "input": call.get("arguments", {})})
        return blocks

    def plain(self, reply):
        return {"id": "msg_fake", "type": "message", "role": "assistant", "model": reply.model,
                "content": self.blocks(reply), "stop_reason": reply.native_finish(self.FINISH),
                "stop_sequence": None,
                "usage": {"input_tokens": reply.input_tokens,
                          "output_tokens": reply.output_tokens + reply.reasoning_tokens}}

    def events(self, reply):
        events = [sse("message_start", {"type": "message_start", "message": {
            "id": "msg_fake", "type": "message", "role": "assistant", "model": reply.model, "content": [],
            "stop_reason": None, "stop_sequence": None,
            "usage": {"input_tokens": reply.input_tokens, "output_tokens": 1}}}),
            sse("ping", {"type": "ping"})]
        for index, block in enumerate(self.blocks(reply)):
            if block["type"] == "text":
                start, deltas = {"type": "text", "text": ""}, [
                    {"type": "text_delta", "text": p} for p in pieces(block["text"])]
            elif block["type"] == "thinking":
                start, deltas = {"type": "thinking", "thinking": ""}, [
                    {"type": "thinking_delta", "thinking": block["thinking"]}]
            else:
                arguments = json.dumps(block["input"])
                half = len(arguments) // 2
                start = {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}
                deltas = [{"type": "input_json_delta", "partial_json": part}
                          for part in (arguments[:half], arguments[half:])]
            events.append(sse("content_block_start",
                              {"type": "content_block_start", "index": index, "content_block": start}))
            events += [sse("content_block_delta", {"type": "content_block_delta", "index": index, "delta": d})
                       for d in deltas]
            events.append(sse("content_block_stop", {"type": "content_block_stop", "index": index}))
        events.append(sse("message_delta", {
            "type": "message_delta",
            "delta": {"stop_reason": reply.native_finish(self.FINISH), "stop_sequence": None},
            "usage": {"output_tokens": reply.output_tokens + reply.reasoning_tokens}}))
        events.append(sse("message_stop", {"type": "message_stop"}))
        return events

    @staticmethod
    def error(status, message, behaviour):
        kinds = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
                 404: "not_found_error", 429: "rate_limit_error", 529: "overloaded_error"}
        return {"type": "error", "error": {"type": kinds.get(status, "api_error"), "message": message}}

    @staticmethod
    def stream_error():
        return sse("error", {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})


class Gemini:
    FINISH = {"stop": "STOP", "length": "MAX_TOKENS", "content_filter": "SAFETY", "refusal": "SAFETY",
              "tool_calls": "STOP"}

    @staticmethod
    def read_prompt(body, path):
        contents = body.get("contents") or []
        system = (body.get("systemInstruction") or {}).get("parts") or []
        texts = [text_of(system)] + [text_of(c.get("parts")) for c in contents]
        users = [text_of(c.get("parts")) for c in contents if c.get("role", "user") == "user"]
        return texts, users[-1] if users else ""

    @staticmethod
    def is_stream(body, path):
        return ":streamGenerateContent" in path

    @staticmethod
    def usage(reply, final=True):
        usage = {"promptTokenCount": reply.input_tokens}
        if final:
            usage["candidatesTokenCount"] = reply.output_tokens
            if reply.reasoning_tokens:
                usage["thoughtsTokenCount"] = reply.reasoning_tokens
        usage["totalTokenCount"] = sum(v for v in usage.values())
        return usage

    def chunk(self, reply, parts, finish=None, final=False):
        candidate = {"content": {"role": "model", "parts": parts}, "index": 0}
        if finish:
            candidate["finishReason"] = finish
        return {"candidates": [candidate], "usageMetadata": self.usage(reply, final),
                "modelVersion": reply.model, "responseId": "fake"}

    def parts(self, reply):
        parts = [{"text": reply.thinking, "thought": True}] if reply.thinking else []
        text = reply.refusal if reply.refusal else reply.content
        if text:
            parts.append({"text": text})
        parts += [{"functionCall": {"name": c["name"], "args": c.get("arguments", {})}} for c in reply.tool_calls]
        return parts

    def blocked(self, reply):
        return {"promptFeedback": {"blockReason": reply.block_reason},
                "usageMetadata": self.usage(reply, final=False), "modelVersion": reply.model}

    def plain(self, reply):
        if reply.block_reason:
            return self.blocked(reply)
        return self.chunk(reply, self.parts(reply), reply.native_finish(self.FINISH), final=True)

    def events(self, reply):
        if reply.block_reason:
            return [sse(None, self.blocked(reply), "\r\n")]
        parts = self.parts(reply)
        text_parts = [p for p in parts if "text" in p and not p.get("thought")]
        other = [p for p in parts if p not in text_parts]
        events = [sse(None, self.chunk(reply, [p]), "\r\n") for p in other]
        for part in text_parts:
            events += [sse(None, self.chunk(reply, [{"text": piece}]), "\r\n") for piece in pieces(part["text"])]
        events.append(sse(None, self.chunk(reply, [{"text": ""}], reply.native_finish(self.FINISH), True), "\r\n"))
        return events

    @staticmethod
    def error(status, message, behaviour):
        names = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED",
                 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}
        error = {"code": status, "message": message, "status": names.get(status, "UNKNOWN")}
        if "retry_delay" in behaviour:
            error["details"] = [{"@type": "type.googleapis.com/google.rpc.RetryInfo",
                                 "retryDelay": behaviour["retry_delay"]}]
        return {"error": error}

    @staticmethod
    def stream_error():
        return sse(None, {"error": {"code": 503, "message": "fake stream failure", "status": "UNAVAILABLE"}},
                   "\r\n")


FORMATS = {"openai": OpenAI(), "anthropic": Anthropic(), "gemini": Gemini()}
