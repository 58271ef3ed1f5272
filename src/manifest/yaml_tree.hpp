#pragma once
// A YAML document as a small tree of our own (private to the manifest module).
//
// yaml-cpp's node API hides three things a validator needs: duplicate keys
// (first one wins, silently), whether a scalar was quoted, and how large the
// document becomes once aliases are expanded. parse_yaml() therefore builds
// this tree from yaml-cpp's event stream instead, where all three are visible.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "evalbench/core/error.hpp"

namespace evalbench::yaml {

// Nodes reached by walking the tree with aliases expanded; a document above
// this is refused as an alias bomb instead of being walked.
inline constexpr std::uint64_t k_node_budget = 1'000'000;

enum class Kind { null, scalar, sequence, mapping };

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Entry {
    std::string key;
    SourceLocation key_where;
    NodePtr value;
};

struct Node {
    Kind kind = Kind::null;
    std::string text;    // scalar value
    bool plain = false;  // an unquoted scalar without an explicit tag: its type is inferred
    bool had_merge_key = false;  // a refused `<<` entry: the mapping's real keys are unknown
    std::vector<NodePtr> items;    // sequence
    std::vector<Entry> entries;    // mapping, in document order, keys unique
    SourceLocation where;          // 1-based
    std::uint64_t expanded = 1;    // nodes in this subtree with aliases expanded (saturating)

    const Node* find(const std::string& key) const;
    const Entry* find_entry(const std::string& key) const;
};

// "a mapping", "a list", "a string", "an integer", "a number", "a boolean", "null".
std::string describe(const Node& node);

// What a plain scalar means under YAML's core schema.
enum class ScalarType { null, boolean, integer, floating, string };
ScalarType infer_type(const Node& node);

struct ParseResult {
    NodePtr root;  // null when the document could not be used
    Diagnostics diagnostics;
};

// Parses one YAML document. `display_name` is the file name used in
// diagnostics. Syntax errors, duplicate keys, merge keys, non-scalar keys,
// several documents and alias bombs are reported as located errors.
ParseResult parse_yaml(const std::string& text, const std::string& display_name);

}  // namespace evalbench::yaml
