// The one Provider class behind the OpenAI, Anthropic and Gemini adapters:
// each supplies an ApiDialect (how to build a request, how to read an
// answer plain or streamed); sending, streaming and error mapping are shared.

#include "http_adapter.hpp"

namespace evalbench {
namespace {

class HttpApiProvider final : public Provider {
public:
    HttpApiProvider(ApiDialect dialect, const ModelSpec& model, Credentials credentials,
                    std::shared_ptr<HttpClient> http)
        : m_dialect(std::move(dialect)), m_model(model), m_http(std::move(http)) {
        m_endpoint.provider = m_dialect.provider;
        m_endpoint.model = model.model;
        m_endpoint.base_url = join_url(model.base_url.empty() ? m_dialect.default_base : model.base_url, "");
        m_endpoint.credentials = std::move(credentials);
    }

    ProviderResult complete(const Request& request) override {
        HttpRequest http = m_dialect.build(m_endpoint, m_model, request);
        const PlainParser parse = [this](const Json& body) { return m_dialect.parse(body, m_endpoint); };
        if (request.stream) {
            const std::unique_ptr<StreamDecoder> decoder = m_dialect.stream_decoder(m_endpoint);
            return send_streaming(*m_http, std::move(http), m_endpoint, *decoder, parse);
        }
        return send_plain(*m_http, std::move(http), m_endpoint, parse);
    }

private:
    ApiDialect m_dialect;
    ModelSpec m_model;
    Endpoint m_endpoint;
    std::shared_ptr<HttpClient> m_http;
};

}  // namespace

std::unique_ptr<Provider> make_http_api_provider(ApiDialect dialect, const ModelSpec& model, Credentials credentials,
                                                 std::shared_ptr<HttpClient> http) {
    return std::make_unique<HttpApiProvider>(std::move(dialect), model, std::move(credentials), std::move(http));
}

}  // namespace evalbench
