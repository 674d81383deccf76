#pragma once
// Reading JSON: the model files of the layer-stack scene and the CLI. A small
// strict parser (RFC 8259) that reports where the text is wrong, with limits
// on depth and size so hostile input is refused, not followed.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace pl {

struct JsonValue {
    enum class Type { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    double number = 0;
    std::string string;
    std::vector<JsonValue> array;
    std::vector<std::pair<std::string, JsonValue>> object;  // in file order; keys are unique

    bool is_number() const { return type == Type::Number; }
    bool is_string() const { return type == Type::String; }
    bool is_array() const { return type == Type::Array; }
    bool is_object() const { return type == Type::Object; }
    // The member called `key`, or nullptr.
    const JsonValue* find(std::string_view key) const;
};

constexpr int kMaxJsonDepth = 64;
constexpr size_t kMaxJsonBytes = 4 * 1024 * 1024;

// Parses a whole document; errors say what is wrong and where (line, column).
Result<JsonValue> parse_json(std::string_view text);

// "number", "string", ... for messages.
const char* json_type_name(JsonValue::Type t);

}  // namespace pl
