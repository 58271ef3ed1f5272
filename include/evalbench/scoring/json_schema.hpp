#pragma once
// A JSON Schema validator: draft-07 semantics plus the 2020-12 spellings
// `$defs` and `prefixItems` that provider structured-output schemas use.
// Compiling rejects keywords it does not support instead of ignoring them.

#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "evalbench/core/json.hpp"

namespace evalbench {

struct SchemaProblem {
    std::string pointer;  // JSON pointer into the schema (compile) or the instance (validate)
    std::string message;
};

class JsonSchema {
public:
    // Fails with every problem found in the schema itself (unsupported
    // keyword, wrong keyword type, unresolvable $ref), each with its pointer.
    static std::expected<JsonSchema, std::vector<SchemaProblem>> compile(const Json& schema);

    // Every violation, each naming the instance pointer that failed ("" = root).
    std::vector<SchemaProblem> validate(const Json& instance) const;
    bool is_valid(const Json& instance) const { return validate(instance).empty(); }

    ~JsonSchema();
    JsonSchema(JsonSchema&&) noexcept;
    JsonSchema& operator=(JsonSchema&&) noexcept;

private:
    struct Impl;
    explicit JsonSchema(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace evalbench
