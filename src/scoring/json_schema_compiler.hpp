#pragma once
// Private: turns a schema document into the node tree of json_schema_tree.hpp.
// The core (json_schema_compile.cpp) walks sub-schemas, resolves `$ref`s and
// rejects loops; the keyword readers live in json_schema_keywords.cpp.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "json_schema_tree.hpp"

namespace evalbench::schema {

class Compiler {
public:
    Compiler(const Json& document, std::vector<std::unique_ptr<Node>>& arena);

    // The node for the schema at `pointer` (compiled once; later calls with
    // the same pointer return the same node, which is what makes `$ref`
    // cycles finite).
    const Node* compile(const Json& schema, const std::string& pointer);

    // After the root is compiled: resolves `$ref`s, reports unknown keywords
    // and loops. Returns every problem found, in document order.
    std::vector<SchemaProblem> finish();

private:
    // json_schema_keywords.cpp: one reader per keyword family.
    void compile_keywords(Node& node, const Json& schema);
    void reject_ref_siblings(const Node& node, const Json& schema);
    bool read_type_keyword(Node& node, const std::string& key, const Json& value, const std::string& at);
    bool read_object_keyword(Node& node, const std::string& key, const Json& value, const std::string& at);
    bool read_array_keyword(Node& node, const std::string& key, const Json& value, const std::string& at,
                            const Json& schema);
    bool read_scalar_keyword(Node& node, const std::string& key, const Json& value, const std::string& at);
    bool read_applicator_keyword(Node& node, const std::string& key, const Json& value, const std::string& at);
    const Node* sub(const Json& value, const std::string& at);
    std::vector<const Node*> sub_list(const Json& value, const std::string& at, bool allow_empty);
    std::optional<std::size_t> count(const Json& value, const std::string& at, const std::string& key);
    std::optional<Pattern> regex(const Json& value, const std::string& at);

    const Node* resolve(const std::string& text, const std::string& at);
    void reject_unknown_keywords();
    void reject_in_place_loops();
    void problem(std::string pointer, std::string message);

    struct PendingRef {
        Node* node;
        std::string text;
        std::string at;
    };
    struct UnknownKeyword {
        std::string pointer;
        std::string keyword;
    };

    const Json& m_document;
    std::vector<std::unique_ptr<Node>>& m_arena;  // owned by JsonSchema::Impl
    std::unordered_map<std::string, Node*> m_by_pointer;
    std::vector<PendingRef> m_refs;
    std::vector<std::string> m_ref_targets;  // canonical pointers that a `$ref` resolved to
    std::vector<UnknownKeyword> m_unknown;   // errors unless a `$ref` points into them
    std::vector<SchemaProblem> m_problems;
    std::string m_root_id;  // root `$id` without fragment: refs that start with it are local
};

}  // namespace evalbench::schema
