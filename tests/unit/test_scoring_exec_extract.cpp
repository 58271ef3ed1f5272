// Finding the program in an answer (code_extract.cpp).

#include <catch2/catch.hpp>

#include "../../src/scoring/code_extract.hpp"

namespace evalbench {

TEST_CASE("extract_code prefers the first block tagged with the language", "[scoring]") {
    const std::string answer =
        "Install it:\n```bash\npip install x\n```\nThen:\n```py\nprint(1)\n```\n```python\nprint(2)\n```\n";
    const auto code = extract_code(answer, "python");
    REQUIRE(code);
    CHECK(code->code == "print(1)\n");
    CHECK(code->source == "```py block");
    CHECK(extract_code("```Python3 title=x\nprint(3)\n```", "python")->code == "print(3)\n");
}

TEST_CASE("extract_code falls back to an untagged block, then to any block", "[scoring]") {
    CHECK(extract_code("```bash\nls\n```\n```\nprint(1)\n```", "python")->code == "print(1)\n");
    const auto other = extract_code("```ruby\nputs 1\n```", "python");
    REQUIRE(other);
    CHECK(other->code == "puts 1\n");
    CHECK(other->source == "```ruby block");
}

TEST_CASE("extract_code honours tilde fences, longer fences and CRLF", "[scoring]") {
    CHECK(extract_code("~~~python\nx = '```'\n~~~\n", "python")->code == "x = '```'\n");
    CHECK(extract_code("````python\n```\ninner\n```\n````", "python")->code == "```\ninner\n```\n");
    CHECK(extract_code("```python\r\nprint(1)\r\n```\r\n", "python")->code == "print(1)\n");
    CHECK(extract_code("  ```python\nprint(1)\n  ```", "python")->code == "print(1)\n");
    CHECK(fenced_blocks("    ```python\n    print(1)\n    ```\n").empty());  // four spaces: indented code, not a fence
}

TEST_CASE("extract_code keeps an unterminated block of a cut-off answer", "[scoring]") {
    const auto code = extract_code("Here:\n```python\ndef f():\n    return 1\n", "python");
    REQUIRE(code);
    CHECK(code->code == "def f():\n    return 1\n");
    CHECK(code->source == "```python block (unterminated)");
}

TEST_CASE("extract_code takes an unfenced answer only when it looks like code", "[scoring]") {
    const std::string program = "import math\n\ndef area(r):\n    return math.pi * r ** 2\n\nprint(area(2))\n";
    const auto code = extract_code(program, "python");
    REQUIRE(code);
    CHECK(code->code == program);
    CHECK(code->source == "whole answer (no fenced block)");
    CHECK_FALSE(extract_code("The answer is 42. You can compute it by hand.", "python"));
    CHECK_FALSE(extract_code("Sure! Here is how:\nx = 1\n", "python"));  // starts with prose
    CHECK_FALSE(extract_code("", "python"));
    CHECK_FALSE(extract_code("   \n\n", "python"));
}

TEST_CASE("language_tags knows the usual aliases", "[scoring]") {
    CHECK(language_tags("py") == std::vector<std::string>{"python", "py", "python3"});
    CHECK(language_tags("js") == std::vector<std::string>{"javascript", "js", "node", "mjs"});
    CHECK(language_tags("lua") == std::vector<std::string>{"lua"});
}

TEST_CASE("fenced_blocks lists every block with its tag", "[scoring]") {
    const auto blocks = fenced_blocks("a\n```js\n1\n```\ntext\n```\n2\n```\n");
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].tag == "js");
    CHECK(blocks[1].tag.empty());
    CHECK(blocks[1].code == "2\n");
    CHECK(blocks[1].closed);
}

}  // namespace evalbench
