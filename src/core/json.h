#pragma once
// A small streaming JSON writer: enough for the CLI's --json output and the
// app's state hook, with commas and escaping handled in one place.
#include <string>
#include <string_view>
#include <vector>

#include "core/grid.h"

namespace pl {

class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b);
    JsonWriter& value(int i);
    JsonWriter& value(float f);   // shortest round-trip form; non-finite becomes null
    JsonWriter& value(double d);
    JsonWriter& value(long long i);
    JsonWriter& null();
    // A value that is already JSON (another writer's output), written as it is.
    JsonWriter& raw(std::string_view json);
    // {"rows": R, "cols": C, "values": [[...], ...]}
    JsonWriter& grid(const Grid& g);

    const std::string& str() const { return out_; }

private:
    void separate();
    std::string out_;
    std::vector<bool> first_;  // per open container: nothing written yet
    bool after_key_ = false;
};

// JSON string escaping (quotes included).
std::string json_quote(std::string_view s);

}  // namespace pl
