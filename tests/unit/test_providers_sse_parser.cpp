#include <catch2/catch.hpp>

#include "evalbench/providers/sse.hpp"

using evalbench::SseEvent;
using evalbench::SseParser;

namespace {

std::vector<SseEvent> parse_all(std::string_view stream) {
    SseParser parser;
    return parser.feed(stream);
}

// Feeds the stream in pieces of `size` bytes and collects every event.
std::vector<SseEvent> parse_in_pieces(std::string_view stream, std::size_t size) {
    SseParser parser;
    std::vector<SseEvent> all;
    for (std::size_t at = 0; at < stream.size(); at += size) {
        for (SseEvent& event : parser.feed(stream.substr(at, size))) {
            all.push_back(std::move(event));
        }
    }
    return all;
}

}  // namespace

TEST_CASE("an SSE stream yields one event per blank-line-terminated block", "[providers]") {
    const auto events = parse_all("event: message_start\ndata: {\"a\":1}\n\ndata: two\n\n");
    REQUIRE(events.size() == 2);
    CHECK(events[0].type == "message_start");
    CHECK(events[0].data == "{\"a\":1}");
    CHECK(events[1].type == "message");
    CHECK(events[1].data == "two");
}

TEST_CASE("multi-line data is joined with newlines and one leading space is dropped", "[providers]") {
    const auto events = parse_all("data: first\ndata:second\ndata:  third\n\n");
    REQUIRE(events.size() == 1);
    CHECK(events[0].data == "first\nsecond\n third");
}

TEST_CASE("comments, retry and unknown fields are ignored", "[providers]") {
    const auto events = parse_all(": keep-alive\nretry: 100\nfoo: bar\ndata: x\n\n: another\n\n");
    REQUIRE(events.size() == 1);
    CHECK(events[0].data == "x");
}

TEST_CASE("a block without data dispatches nothing and its type does not leak", "[providers]") {
    const auto events = parse_all("event: ping\n\ndata: y\n\n");
    REQUIRE(events.size() == 1);
    CHECK(events[0].type == "message");
    CHECK(events[0].data == "y");
}

TEST_CASE("CRLF, LF and CR line endings are all accepted", "[providers]") {
    for (const std::string& stream : {std::string("data: a\r\n\r\ndata: b\r\n\r\n"),
                                      std::string("data: a\n\ndata: b\n\n"),
                                      std::string("data: a\r\rdata: b\r\r")}) {
        const auto events = parse_all(stream);
        REQUIRE(events.size() == 2);
        CHECK(events[0].data == "a");
        CHECK(events[1].data == "b");
    }
}

TEST_CASE("chunk boundaries anywhere give the same events", "[providers]") {
    const std::string stream =
        "\xEF\xBB\xBF"
        "event: content_block_delta\r\ndata: {\"text\":\"h\xC3\xA9llo\"}\r\n\r\n"
        ": ping\r\n"
        "data: line one\r\ndata: line two\r\n\r\n"
        "id: 7\ndata: [DONE]\n\n";
    for (std::size_t size = 1; size <= stream.size(); ++size) {
        INFO("piece size " << size);
        const auto events = parse_in_pieces(stream, size);
        REQUIRE(events.size() == 3);
        CHECK(events[0].type == "content_block_delta");
        CHECK(events[0].data == "{\"text\":\"h\xC3\xA9llo\"}");
        CHECK(events[1].data == "line one\nline two");
        CHECK(events[2].data == "[DONE]");
        CHECK(events[2].id == "7");
    }
}

TEST_CASE("a CR at the end of a chunk and a LF opening the next are one line break", "[providers]") {
    SseParser parser;
    CHECK(parser.feed("data: a\r").empty());
    CHECK(parser.feed("\n").empty());  // not a blank line: no event yet
    const auto events = parser.feed("\r\n");
    REQUIRE(events.size() == 1);
    CHECK(events[0].data == "a");
}

TEST_CASE("an event that no blank line finished is reported as partial", "[providers]") {
    SseParser parser;
    CHECK_FALSE(parser.has_partial_event());
    CHECK(parser.feed("data: {\"cut").empty());
    CHECK(parser.has_partial_event());
    CHECK(parser.feed("\"}\n").empty());
    CHECK(parser.has_partial_event());
    CHECK(parser.feed("\n").size() == 1);
    CHECK_FALSE(parser.has_partial_event());
}

TEST_CASE("the id persists across events until changed", "[providers]") {
    const auto events = parse_all("id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n");
    REQUIRE(events.size() == 3);
    CHECK(events[0].id == "1");
    CHECK(events[1].id == "1");
    CHECK(events[2].id == "2");
}
