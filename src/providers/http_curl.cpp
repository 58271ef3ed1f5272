// HttpClient on libcurl's easy interface.
//
// Connection reuse under many threads: an easy handle keeps its own cache of
// open connections, so finished handles are not destroyed but returned to a
// pool (under a mutex) and handed to the next request after
// curl_easy_reset, which clears options but keeps the live connections.
// Each worker thus keeps talking over warm keep-alive (or HTTP/2)
// connections. DNS answers and TLS session tickets are shared by all handles
// through a share handle, whose per-data-type locks are plain mutexes.
// Connection sharing (CURL_LOCK_DATA_CONNECT) is deliberately not used: the
// pool already gives reuse and it keeps the locking simple.
//
// Signals are off (CURLOPT_NOSIGNAL), as required for threaded use; proxies
// come from the environment (libcurl's default). Headers are never logged.

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <mutex>

#include "evalbench/providers/http.hpp"

namespace evalbench {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t k_max_idle_handles = 256;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void global_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// State of one transfer, reached from libcurl's callbacks.
struct Transfer {
    const HttpRequest* request = nullptr;
    CURL* handle = nullptr;
    Clock::time_point start;
    HttpResponse response;
    std::size_t body_bytes = 0;
    bool stopped_by_sink = false;
    bool too_large = false;
};

std::string trim(std::string_view text) {
    const auto not_space = [](char c) { return !std::isspace(static_cast<unsigned char>(c)); };
    const auto first = std::find_if(text.begin(), text.end(), not_space);
    const auto last = std::find_if(text.rbegin(), text.rend(), not_space).base();
    return first < last ? std::string(first, last) : std::string();
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    Transfer& transfer = *static_cast<Transfer*>(user);
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
        // A new status line (after 100 Continue or a redirect) starts a new header block.
        transfer.response.headers.clear();
        const std::size_t space = line.find(' ');
        if (space != std::string_view::npos) {
            transfer.response.status = std::atoi(std::string(line.substr(space + 1, 3)).c_str());
        }
        return size * count;
    }
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string name = trim(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        transfer.response.headers.push_back({std::move(name), trim(line.substr(colon + 1))});
    }
    return size * count;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
    Transfer& transfer = *static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    if (!transfer.response.first_byte_ms && bytes > 0) {
        transfer.response.first_byte_ms = ms_since(transfer.start);
    }
    transfer.body_bytes += bytes;
    if (transfer.body_bytes > transfer.request->max_body_bytes) {
        transfer.too_large = true;
        return 0;  // makes libcurl fail the transfer with CURLE_WRITE_ERROR
    }
    const int status = transfer.response.status;
    const bool success = status >= 200 && status < 300;
    if (success && transfer.request->on_body) {
        if (!transfer.request->on_body(std::string_view(data, bytes), ms_since(transfer.start))) {
            transfer.stopped_by_sink = true;
            return 0;
        }
        return bytes;
    }
    transfer.response.body.append(data, bytes);
    return bytes;
}

HttpErrorKind classify(CURLcode code, const Transfer& transfer) {
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return HttpErrorKind::timeout;
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return HttpErrorKind::connect;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return HttpErrorKind::tls;
        case CURLE_PARTIAL_FILE:
            return HttpErrorKind::truncated;
        case CURLE_GOT_NOTHING:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            // Cut after the body began: the answer is truncated, not missing.
            return transfer.body_bytes > 0 ? HttpErrorKind::truncated : HttpErrorKind::dropped;
        case CURLE_WRITE_ERROR:
            return (transfer.stopped_by_sink || transfer.too_large) ? HttpErrorKind::aborted
                                                                    : HttpErrorKind::other;
        default:
            return HttpErrorKind::other;
    }
}

class CurlHttpClient final : public HttpClient {
public:
    CurlHttpClient() {
        global_init_once();
        m_share = curl_share_init();
        curl_share_setopt(m_share, CURLSHOPT_LOCKFUNC, &CurlHttpClient::lock);
        curl_share_setopt(m_share, CURLSHOPT_UNLOCKFUNC, &CurlHttpClient::unlock);
        curl_share_setopt(m_share, CURLSHOPT_USERDATA, this);
        curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
        curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    }

    ~CurlHttpClient() override {
        for (CURL* handle : m_idle) {
            curl_easy_cleanup(handle);
        }
        curl_share_cleanup(m_share);
    }

    CurlHttpClient(const CurlHttpClient&) = delete;
    CurlHttpClient& operator=(const CurlHttpClient&) = delete;

    HttpResult send(const HttpRequest& request) override {
        CURL* handle = acquire();
        Transfer transfer;
        transfer.request = &request;
        transfer.handle = handle;

        curl_slist* headers = nullptr;
        for (const HttpHeader& header : request.headers) {
            headers = curl_slist_append(headers, (header.name + ": " + header.value).c_str());
        }
        // No "Expect: 100-continue" round trip before large bodies.
        headers = curl_slist_append(headers, "Expect:");

        char error_buffer[CURL_ERROR_SIZE] = {};
        configure(handle, request, transfer, headers, error_buffer);

        transfer.start = Clock::now();
        const CURLcode code = curl_easy_perform(handle);
        const double elapsed = ms_since(transfer.start);
        curl_slist_free_all(headers);

        if (code != CURLE_OK) {
            HttpError error;
            error.kind = classify(code, transfer);
            error.status = transfer.response.status;
            error.elapsed_ms = elapsed;
            error.message = error_buffer[0] != '\0' ? std::string(error_buffer) : curl_easy_strerror(code);
            if (transfer.too_large) {
                error.message = "the answer exceeded " + std::to_string(request.max_body_bytes) + " bytes";
            }
            // A failed handle may hold a broken connection; libcurl closes
            // those itself, so the handle can still go back to the pool.
            release(handle);
            return std::unexpected(std::move(error));
        }
        long status = 0;
        curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
        transfer.response.status = static_cast<int>(status);
        transfer.response.total_ms = elapsed;
        release(handle);
        return std::move(transfer.response);
    }

private:
    static void configure(CURL* handle, const HttpRequest& request, Transfer& transfer, curl_slist* headers,
                          char* error_buffer) {
        curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
        if (request.method == HttpMethod::post) {
            curl_easy_setopt(handle, CURLOPT_POST, 1L);
            curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        } else {
            curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
        }
        const auto to_ms = [](double seconds) { return static_cast<long>(std::max(1.0, seconds * 1000.0)); };
        curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, to_ms(request.connect_timeout_s));
        curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, to_ms(request.timeout_s));
        curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(handle, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
        curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &on_header);
        curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer);
        curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &on_body);
        curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
        curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
        curl_easy_setopt(handle, CURLOPT_USERAGENT, "evalbench/" EVALBENCH_VERSION);
    }

    CURL* acquire() {
        CURL* handle = nullptr;
        {
            std::lock_guard<std::mutex> guard(m_pool_mutex);
            if (!m_idle.empty()) {
                handle = m_idle.back();
                m_idle.pop_back();
            }
        }
        if (handle == nullptr) {
            handle = curl_easy_init();
        }
        curl_easy_setopt(handle, CURLOPT_SHARE, m_share);
        return handle;
    }

    void release(CURL* handle) {
        // Forget this transfer's buffers and callbacks; the open connections stay.
        curl_easy_reset(handle);
        {
            std::lock_guard<std::mutex> guard(m_pool_mutex);
            if (m_idle.size() < k_max_idle_handles) {
                m_idle.push_back(handle);
                return;
            }
        }
        curl_easy_cleanup(handle);
    }

    static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
        static_cast<CurlHttpClient*>(user)->m_share_locks.at(static_cast<std::size_t>(data)).lock();
    }
    static void unlock(CURL*, curl_lock_data data, void* user) {
        static_cast<CurlHttpClient*>(user)->m_share_locks.at(static_cast<std::size_t>(data)).unlock();
    }

    CURLSH* m_share = nullptr;
    std::array<std::mutex, CURL_LOCK_DATA_LAST> m_share_locks;
    std::mutex m_pool_mutex;
    std::vector<CURL*> m_idle;
};

}  // namespace

std::shared_ptr<HttpClient> make_curl_http_client() {
    return std::make_shared<CurlHttpClient>();
}

}  // namespace evalbench
