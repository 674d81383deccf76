#include "core/json_value.h"

#include "core/csv.h"

#include <cmath>
#include <cstdlib>

namespace pl {

const JsonValue* JsonValue::find(std::string_view key) const {
    for (const auto& [k, v] : object) {
        if (k == key) return &v;
    }
    return nullptr;
}

const char* json_type_name(JsonValue::Type t) {
    switch (t) {
        case JsonValue::Type::Null: return "null";
        case JsonValue::Type::Bool: return "true or false";
        case JsonValue::Type::Number: return "a number";
        case JsonValue::Type::String: return "a string";
        case JsonValue::Type::Array: return "a list";
        case JsonValue::Type::Object: return "an object";
    }
    return "?";
}

namespace {

class Parser {
public:
    explicit Parser(std::string_view text) : s_(text) {}

    Result<JsonValue> document() {
        JsonValue v;
        skip_space();
        if (!value(&v, 0)) return Result<JsonValue>::failure(error_);
        skip_space();
        if (i_ != s_.size()) return fail_result("unexpected text after the JSON value");
        return Result<JsonValue>::success(std::move(v));
    }

private:
    std::string_view s_;
    size_t i_ = 0;
    std::string error_;

    Result<JsonValue> fail_result(const std::string& what) {
        fail(what);
        return Result<JsonValue>::failure(error_);
    }

    bool fail(const std::string& what) {
        int line = 1, col = 1;
        for (size_t k = 0; k < i_ && k < s_.size(); ++k) {
            if (s_[k] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        error_ = "JSON error at line " + count_text(line) + ", column " + count_text(col) + ": " + what;
        return false;
    }

    void skip_space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }

    bool literal(std::string_view word) {
        if (s_.substr(i_, word.size()) != word) return fail("expected '" + std::string(word) + "'");
        i_ += word.size();
        return true;
    }

    bool value(JsonValue* v, int depth) {
        if (depth > kMaxJsonDepth) return fail("nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
        if (i_ >= s_.size()) return fail("unexpected end of text");
        const char c = s_[i_];
        if (c == '{') return object(v, depth);
        if (c == '[') return array(v, depth);
        if (c == '"') {
            v->type = JsonValue::Type::String;
            return string(&v->string);
        }
        if (c == 't' || c == 'f') {
            v->type = JsonValue::Type::Bool;
            v->boolean = c == 't';
            return literal(c == 't' ? "true" : "false");
        }
        if (c == 'n') {
            v->type = JsonValue::Type::Null;
            return literal("null");
        }
        if (c == '-' || (c >= '0' && c <= '9')) return number(v);
        return fail(std::string("unexpected character '") + (c >= 32 && c < 127 ? std::string(1, c) : "?") + "'");
    }

    bool number(JsonValue* v) {
        const size_t start = i_;
        if (s_[i_] == '-') ++i_;
        auto digits = [&] {
            const size_t d = i_;
            while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
            return i_ > d;
        };
        if (i_ < s_.size() && s_[i_] == '0') {
            ++i_;
        } else if (!digits()) {
            return fail("a number needs digits");
        }
        if (i_ < s_.size() && s_[i_] == '.') {
            ++i_;
            if (!digits()) return fail("a number needs digits after '.'");
        }
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            ++i_;
            if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            if (!digits()) return fail("a number needs digits in its exponent");
        }
        const std::string text(s_.substr(start, i_ - start));
        v->type = JsonValue::Type::Number;
        v->number = std::strtod(text.c_str(), nullptr);
        if (!std::isfinite(v->number)) return fail("the number " + text + " is too large");
        return true;
    }

    bool string(std::string* out) {
        ++i_;  // the opening quote
        while (true) {
            if (i_ >= s_.size()) return fail("a string is not closed");
            const unsigned char c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') {
                ++i_;
                return true;
            }
            if (c < 0x20) return fail("a control character inside a string");
            if (c != '\\') {
                *out += static_cast<char>(c);
                ++i_;
                continue;
            }
            if (++i_ >= s_.size()) return fail("a string is not closed");
            const char e = s_[i_++];
            switch (e) {
                case '"': *out += '"'; break;
                case '\\': *out += '\\'; break;
                case '/': *out += '/'; break;
                case 'b': *out += '\b'; break;
                case 'f': *out += '\f'; break;
                case 'n': *out += '\n'; break;
                case 'r': *out += '\r'; break;
                case 't': *out += '\t'; break;
                case 'u': {
                    if (i_ + 4 > s_.size()) return fail("\\u needs four hex digits");
                    unsigned code = 0;
                    for (int k = 0; k < 4; ++k) {
                        const char h = s_[i_++];
                        code = code * 16 + static_cast<unsigned>(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 99);
                        if (code > 0xFFFF) return fail("\\u needs four hex digits");
                    }
                    // UTF-8 for the basic plane (surrogates become U+FFFD: model files do not need them).
                    if (code >= 0xD800 && code <= 0xDFFF) code = 0xFFFD;
                    if (code < 0x80) {
                        *out += static_cast<char>(code);
                    } else if (code < 0x800) {
                        *out += static_cast<char>(0xC0 | (code >> 6));
                        *out += static_cast<char>(0x80 | (code & 0x3F));
                    } else {
                        *out += static_cast<char>(0xE0 | (code >> 12));
                        *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                        *out += static_cast<char>(0x80 | (code & 0x3F));
                    }
                    break;
                }
                default: return fail(std::string("unknown escape '\\") + e + "'");
            }
        }
    }

    bool array(JsonValue* v, int depth) {
        v->type = JsonValue::Type::Array;
        ++i_;
        skip_space();
        if (i_ < s_.size() && s_[i_] == ']') {
            ++i_;
            return true;
        }
        while (true) {
            JsonValue item;
            skip_space();
            if (!value(&item, depth + 1)) return false;
            v->array.push_back(std::move(item));
            skip_space();
            if (i_ < s_.size() && s_[i_] == ',') {
                ++i_;
                continue;
            }
            if (i_ < s_.size() && s_[i_] == ']') {
                ++i_;
                return true;
            }
            return fail("expected ',' or ']' in a list");
        }
    }

    bool object(JsonValue* v, int depth) {
        v->type = JsonValue::Type::Object;
        ++i_;
        skip_space();
        if (i_ < s_.size() && s_[i_] == '}') {
            ++i_;
            return true;
        }
        while (true) {
            skip_space();
            if (i_ >= s_.size() || s_[i_] != '"') return fail("expected a quoted name");
            std::string key;
            if (!string(&key)) return false;
            if (v->find(key)) return fail("the name \"" + key + "\" appears twice");
            skip_space();
            if (i_ >= s_.size() || s_[i_] != ':') return fail("expected ':' after a name");
            ++i_;
            skip_space();
            JsonValue item;
            if (!value(&item, depth + 1)) return false;
            v->object.emplace_back(std::move(key), std::move(item));
            skip_space();
            if (i_ < s_.size() && s_[i_] == ',') {
                ++i_;
                continue;
            }
            if (i_ < s_.size() && s_[i_] == '}') {
                ++i_;
                return true;
            }
            return fail("expected ',' or '}' in an object");
        }
    }
};

}  // namespace

Result<JsonValue> parse_json(std::string_view text) {
    if (text.size() > kMaxJsonBytes) {
        return Result<JsonValue>::failure("the JSON text is too large (" + count_text(static_cast<long long>(text.size())) + " bytes; at most " +
                                          count_text(static_cast<long long>(kMaxJsonBytes)) + ")");
    }
    return Parser(text).document();
}

}  // namespace pl
