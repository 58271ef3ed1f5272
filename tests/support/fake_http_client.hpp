#pragma once
// An HttpClient that answers from a script instead of the network: each
// send() records the request and returns the next canned answer. A 2xx body
// sent to a streaming request is fed to the sink in pieces of
// `piece_size` bytes, the n-th piece stamped n milliseconds after the start,
// so tests control chunk boundaries and timings exactly.

#include <deque>
#include <mutex>

#include "evalbench/providers/http.hpp"

namespace evalbench::test {

class FakeHttpClient final : public HttpClient {
public:
    std::deque<HttpResult> answers;
    std::vector<HttpRequest> sent;
    std::size_t piece_size = 1;

    HttpResult send(const HttpRequest& request) override {
        std::lock_guard<std::mutex> guard(m_mutex);
        sent.push_back(request);
        if (answers.empty()) {
            return std::unexpected(HttpError{HttpErrorKind::connect, "no scripted answer", 0, 0.0});
        }
        HttpResult answer = std::move(answers.front());
        answers.pop_front();
        if (answer && request.on_body && answer->status >= 200 && answer->status < 300) {
            const std::string body = std::move(answer->body);
            answer->body.clear();
            double elapsed = 0.0;
            for (std::size_t at = 0; at < body.size(); at += piece_size) {
                elapsed += 1.0;
                if (!request.on_body(std::string_view(body).substr(at, piece_size), elapsed)) {
                    return std::unexpected(HttpError{HttpErrorKind::aborted, "sink stopped", 200, elapsed});
                }
            }
            answer->total_ms = elapsed + 1.0;
        }
        return answer;
    }

    static HttpResponse response(int status, std::string body, std::string content_type) {
        HttpResponse answer;
        answer.status = status;
        answer.body = std::move(body);
        answer.headers = {{"content-type", std::move(content_type)}};
        answer.total_ms = 5.0;
        return answer;
    }

private:
    std::mutex m_mutex;
};

}  // namespace evalbench::test
