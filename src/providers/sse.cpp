// Server-Sent Events, following the WHATWG HTML "event stream interpretation".
//
// The stream is split into lines ending in "\r\n", "\n" or "\r". Bytes arrive
// in chunks cut anywhere, so the unfinished tail of a line is kept between
// calls, and a '\r' that ends a chunk remembers that a '\n' opening the next
// chunk is the second half of the same line break, not an empty line. Each
// line is then one of:
//   ""             dispatch the event gathered so far (if it has data)
//   ":comment"     ignored (servers send these as keep-alives)
//   "field:value"  one leading space of the value is dropped; `data` lines
//                  accumulate joined by '\n', `event` names the type, `id`
//                  persists, `retry` and unknown fields are ignored
//   "field"        the same field with an empty value

#include "evalbench/providers/sse.hpp"

namespace evalbench {

std::vector<SseEvent> SseParser::feed(std::string_view bytes) {
    std::vector<SseEvent> events;
    if (m_at_start) {
        // Hold the first bytes back until we know whether they are a BOM.
        constexpr std::string_view k_bom = "\xEF\xBB\xBF";
        m_head.append(bytes);
        if (m_head.size() < k_bom.size() && k_bom.starts_with(m_head)) {
            return events;
        }
        m_at_start = false;
        std::string head = std::move(m_head);
        m_head.clear();
        if (head.starts_with(k_bom)) {
            head.erase(0, k_bom.size());
        }
        scan(head, events);
        return events;
    }
    scan(bytes, events);
    return events;
}

void SseParser::scan(std::string_view bytes, std::vector<SseEvent>& events) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (m_skip_lf) {
            m_skip_lf = false;
            if (c == '\n') {
                start = i + 1;
                continue;
            }
        }
        if (c != '\n' && c != '\r') {
            continue;
        }
        m_line.append(bytes.substr(start, i - start));
        take_line(m_line, events);
        m_line.clear();
        if (c == '\r') {
            if (i + 1 < bytes.size()) {
                if (bytes[i + 1] == '\n') {
                    ++i;
                }
            } else {
                m_skip_lf = true;
            }
        }
        start = i + 1;
    }
    m_line.append(bytes.substr(start));
}

bool SseParser::has_partial_event() const {
    return !m_head.empty() || !m_line.empty() || m_data_seen || !m_type.empty();
}

void SseParser::take_line(std::string_view line, std::vector<SseEvent>& out) {
    if (line.empty()) {
        if (m_data_seen) {
            SseEvent event;
            if (!m_type.empty()) {
                event.type = m_type;
            }
            event.data = std::move(m_data);
            if (!event.data.empty() && event.data.back() == '\n') {
                event.data.pop_back();
            }
            event.id = m_id;
            out.push_back(std::move(event));
        }
        m_data.clear();
        m_type.clear();
        m_data_seen = false;
        return;
    }
    if (line.front() == ':') {
        return;
    }
    const std::size_t colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
    if (value.starts_with(' ')) {
        value.remove_prefix(1);
    }
    if (field == "data") {
        m_data.append(value);
        m_data += '\n';
        m_data_seen = true;
    } else if (field == "event") {
        m_type = value;
    } else if (field == "id" && value.find('\0') == std::string_view::npos) {
        m_id = value;
    }
}

}  // namespace evalbench
