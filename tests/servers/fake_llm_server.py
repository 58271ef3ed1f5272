#!/usr/bin/env python3
"""A loopback stand-in for the OpenAI, Anthropic and Gemini HTTP APIs.

Standard library only. Binds 127.0.0.1 on an ephemeral port (or --port) and
prints `PORT <n>` as its first stdout line. Speaks, plain and as SSE:
  POST .../chat/completions                       (OpenAI and compatible)
  POST .../embeddings                             (OpenAI format)
  POST .../v1/messages                            (Anthropic)
  POST .../v1beta/models/<m>:generateContent      (Gemini)
  POST .../v1beta/models/<m>:streamGenerateContent?alt=sse
Control endpoints:
  GET  /_requests  every model request so far: [{method, path, headers, body, peer}]
  POST /_reset     forget requests and scripted behaviours
  POST /_script    append behaviours (an object or a list) to a FIFO queue
  GET  /_health    "ok"

The default answer echoes the last user message (deterministic). A behaviour
(JSON object) changes one answer; it is taken, in this order, from the
`x-fake-fault` request header, from a `[[fake:{...}]]` directive inside the
last user message (removed from the echo), or from the script queue. Keys:
  status, error_message, retry_after (Retry-After value), retry_after_ms,
  retry_delay (Gemini RetryInfo)          -> an error answer with that status
  fault: drop | malformed | truncate | cut | stream_error
  delay_ms (before the answer), chunk_delay_ms (between SSE events)
  content, refusal, thinking, finish (stop|length|content_filter|refusal|
  tool_calls), finish_raw (sent verbatim), tool_calls [{name, arguments}],
  reasoning_tokens, input_tokens, output_tokens, model (served model name),
  block_reason (Gemini prompt blocked), silent_refusal (empty + length)
"""

import argparse
import hashlib
import json
import math
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import fake_llm_formats as formats


class State:
    def __init__(self, record, latency_ms):
        self.lock = threading.Lock()
        self.requests = []
        self.script = []
        self.record = record
        self.latency_ms = latency_ms

    def add_request(self, entry):
        if self.record:
            with self.lock:
                self.requests.append(entry)

    def next_scripted(self):
        with self.lock:
            return self.script.pop(0) if self.script else None


DIRECTIVE = "[[fake:"


def extract_directive(text):
    """Returns (behaviour or None, text without the directive)."""
    start = text.find(DIRECTIVE)
    if start < 0:
        return None, text
    try:
        behaviour, end = json.JSONDecoder().raw_decode(text, start + len(DIRECTIVE))
    except ValueError:
        return None, text
    if not text.startswith("]]", end):
        return None, text
    return behaviour, (text[:start].rstrip() + " " + text[end + 2:].lstrip()).strip()


def words(text):
    return len(text.split())


def embedding(text, dims=32):
    """Hashed bag of words, normalised: equal texts give cosine 1."""
    vector = [0.0] * dims
    for word in re.findall(r"\w+", text.lower()):
        digest = hashlib.sha1(word.encode()).digest()
        vector[digest[0] % dims] += 1.0 if digest[1] % 2 == 0 else -1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-llm/1"

    def setup(self):
        super().setup()
        # Small writes (headers, then body, then SSE events) must not wait for
        # delayed ACKs: that would add ~40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    @property
    def state(self):
        return self.server.state

    # --- plumbing -----------------------------------------------------------
    def read_body(self):
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length else b""

    def send_bytes(self, status, data, content_type="application/json", extra=()):
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def send_json(self, status, value, extra=()):
        self.send_bytes(status, json.dumps(value).encode(), extra=extra)

    def start_stream(self):
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()

    def send_chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def end_stream(self):
        self.wfile.write(b"0\r\n\r\n")

    def hang_up(self):
        self.wfile.flush()
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # --- control endpoints ----------------------------------------------------
    def do_GET(self):
        if self.path == "/_requests":
            with self.state.lock:
                self.send_json(200, self.state.requests)
        elif self.path == "/_health":
            self.send_bytes(200, b"ok", "text/plain")
        else:
            self.send_json(404, {"error": {"message": "no route " + self.path}})

    def do_POST(self):
        raw = self.read_body()
        if self.path in ("/_reset", "/_script"):
            return self.control(raw)
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        self.state.add_request({
            "method": "POST",
            "path": self.path,
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "body": body,
            "peer": self.client_address[1],  # the client's port: shows connection reuse
        })
        route = formats.route(self.path)
        if route is None:
            return self.send_json(404, {"error": {"message": "no route " + self.path}})
        if not isinstance(body, dict):
            return self.send_json(400, {"error": {"message": "body is not a JSON object"}})
        if route == "embeddings":
            return self.embeddings(body)
        self.answer(route, body)

    def control(self, raw):
        with self.state.lock:
            if self.path == "/_reset":
                self.state.requests.clear()
                self.state.script.clear()
            else:
                entries = json.loads(raw or b"[]")
                self.state.script.extend(entries if isinstance(entries, list) else [entries])
        self.send_json(200, {"ok": True})

    def embeddings(self, body):
        inputs = body.get("input")
        inputs = inputs if isinstance(inputs, list) else [inputs or ""]
        data = [{"object": "embedding", "index": i, "embedding": embedding(str(text))}
                for i, text in enumerate(inputs)]
        tokens = sum(words(str(text)) for text in inputs)
        self.send_json(200, {"object": "list", "data": data, "model": body.get("model", ""),
                             "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})

    # --- model answers -------------------------------------------------------
    def answer(self, route, body):
        fmt = formats.FORMATS[route]
        texts, last_user = fmt.read_prompt(body, self.path)
        directive, last_user = extract_directive(last_user)
        behaviour = None
        if self.headers.get("x-fake-fault"):
            behaviour = json.loads(self.headers["x-fake-fault"])
        behaviour = behaviour or directive or self.state.next_scripted() or {}
        delay = behaviour.get("delay_ms", self.state.latency_ms)
        if delay:
            time.sleep(delay / 1000.0)

        fault = behaviour.get("fault")
        if fault == "drop":
            return self.hang_up()
        if "status" in behaviour:
            return self.error(fmt, behaviour)
        reply = formats.Reply(behaviour, body, self.path, texts, last_user)
        if fmt.is_stream(body, self.path):
            return self.stream(fmt, reply, fault, behaviour.get("chunk_delay_ms", 0))
        data = json.dumps(fmt.plain(reply)).encode()
        if fault == "malformed":
            data = data[: len(data) // 2]
        if fault in ("truncate", "cut"):
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            return self.hang_up()
        self.send_bytes(200, data)

    def error(self, fmt, behaviour):
        status = int(behaviour["status"])
        extra = []
        if "retry_after" in behaviour:
            extra.append(("retry-after", str(behaviour["retry_after"])))
        if "retry_after_ms" in behaviour:
            extra.append(("retry-after-ms", str(behaviour["retry_after_ms"])))
        message = behaviour.get("error_message", "fake error %d" % status)
        self.send_json(status, fmt.error(status, message, behaviour), extra)

    def stream(self, fmt, reply, fault, chunk_delay_ms):
        events = fmt.events(reply)
        if fault == "malformed":
            events.insert(len(events) // 2, formats.sse(None, "{not json"))
        if fault == "stream_error":
            events = events[: len(events) // 2] + [fmt.stream_error()]
        self.start_stream()
        cut_at = len(events) // 2 if fault in ("truncate", "cut") else len(events)
        for event in events[:cut_at]:
            if chunk_delay_ms:
                time.sleep(chunk_delay_ms / 1000.0)
            self.send_chunk(event)
        if fault == "cut":
            return self.hang_up()
        self.end_stream()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=0.0,
                        help="delay before every answer that does not set delay_ms")
    parser.add_argument("--no-record", action="store_true",
                        help="do not keep requests for /_requests (benchmarks)")
    args = parser.parse_args()

    ThreadingHTTPServer.request_queue_size = 512
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.state = State(not args.no_record, args.latency_ms)
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
