#pragma once
// Incremental parser for Server-Sent Events (text/event-stream), as the
// streaming APIs of OpenAI, Anthropic and Gemini send them.

#include <string>
#include <string_view>
#include <vector>

namespace evalbench {

struct SseEvent {
    std::string type = "message";  // the `event:` field; "message" when absent
    std::string data;              // `data:` lines joined with '\n'
    std::string id;                // the last `id:` seen (it persists across events)
};

class SseParser {
public:
    // Feeds the next bytes of the stream, cut anywhere (even inside "\r\n"),
    // and returns the events they complete.
    std::vector<SseEvent> feed(std::string_view bytes);

    // True when bytes of an event arrived that no blank line has completed:
    // at the end of the stream, that event was cut off.
    bool has_partial_event() const;

private:
    void scan(std::string_view bytes, std::vector<SseEvent>& events);
    void take_line(std::string_view line, std::vector<SseEvent>& out);

    std::string m_head;  // the first bytes, until they prove not to be a BOM
    std::string m_line;  // bytes of the current, unfinished line
    std::string m_type;
    std::string m_data;
    std::string m_id;
    bool m_data_seen = false;
    bool m_skip_lf = false;  // the previous chunk ended in '\r'; a leading '\n' belongs to it
    bool m_at_start = true;  // a UTF-8 byte order mark may open the stream
};

}  // namespace evalbench
