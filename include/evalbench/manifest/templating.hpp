#pragma once
// `{{var}}` templating of case texts and variant templates.
//
// A placeholder is `{{name}}` or `{{ name }}` where name is a letter or `_`
// followed by letters, digits, `_`, `-` or `.`. Anything else between braces
// (`{{ 1 + 1 }}`, `{{"a": 1}}`) is left as written, and `\{{` writes a
// literal `{{` (the backslash is dropped), so a prompt can show template code.

#include <map>
#include <string>
#include <vector>

namespace evalbench {

struct TemplateProblem {
    std::string variable;  // the unknown name
    std::size_t offset = 0;  // of the placeholder's `{{` in the text
    std::string message;     // "unknown template variable 'nmae' (did you mean 'name'?)"
};

// Substitutes every placeholder from `vars`. An unknown name is appended to
// `problems` and left in the output as written.
std::string render_template(const std::string& text, const std::map<std::string, std::string>& vars,
                            std::vector<TemplateProblem>& problems);

// Same, for texts already validated (a variant template at run time): an
// unknown name throws EvalError(Failure::bad_input) naming every unknown one.
std::string render_template(const std::string& text, const std::map<std::string, std::string>& vars);

// The distinct placeholder names a text uses, in order of first use.
std::vector<std::string> template_variables(const std::string& text);

}  // namespace evalbench
