#pragma once
// Private: the validating walk over a compiled schema (see
// json_schema_validate.cpp for how it works). The per-type keyword checks
// live in json_schema_validate_types.cpp.

#include <string>
#include <vector>

#include "json_schema_tree.hpp"

namespace evalbench::schema {

class Validator {
public:
    explicit Validator(std::vector<SchemaProblem>* out, int depth = 0) : m_out(out), m_depth(depth) {}

    bool check(const Node& node, const Json& instance);

    std::string path;  // the instance pointer being validated (collecting mode only)

private:
    bool check_object(const Node& node, const Json& instance);
    bool check_array(const Node& node, const Json& instance);
    bool check_scalar(const Node& node, const Json& instance);
    bool check_applicators(const Node& node, const Json& instance);
    bool child(const Node& node, const Json& instance, const std::string& key);
    bool child(const Node& node, const Json& instance, std::size_t index);
    bool matches(const Node& node, const Json& instance) const;
    std::string why_not(const std::vector<const Node*>& branches, const Json& instance) const;
    bool fail(const Node& node, const char* keyword, const std::string& message);

    std::vector<SchemaProblem>* m_out;  // null: deciding mode
    int m_depth;
};

// "(root)" for the empty pointer, for messages.
std::string display(const std::string& pointer);

}  // namespace evalbench::schema
