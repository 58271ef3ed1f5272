// Provider-independent helpers of the HTTP seam.

#include <algorithm>
#include <cctype>

#include "evalbench/providers/http.hpp"

namespace evalbench {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
    for (const HttpHeader& entry : headers) {
        if (iequals(entry.name, name)) {
            return entry.value;
        }
    }
    return std::nullopt;
}

std::string to_string(HttpErrorKind kind) {
    switch (kind) {
        case HttpErrorKind::timeout: return "timeout";
        case HttpErrorKind::connect: return "connect";
        case HttpErrorKind::tls: return "tls";
        case HttpErrorKind::dropped: return "dropped";
        case HttpErrorKind::truncated: return "truncated";
        case HttpErrorKind::aborted: return "aborted";
        case HttpErrorKind::other: return "other";
    }
    return "other";
}

std::string join_url(std::string_view base, std::string_view path) {
    while (!base.empty() && base.back() == '/') {
        base.remove_suffix(1);
    }
    while (!path.empty() && path.front() == '/') {
        path.remove_prefix(1);
    }
    if (path.empty()) {
        return std::string(base);
    }
    std::string url(base);
    url += '/';
    url += path;
    return url;
}

}  // namespace evalbench
