// Datasets in the browser: the page fetches and inflates them
// (web/dataset_fetch.js) and reports back through the entry points below,
// then wakes the app (poollab_wake) so the scene draws what changed.
#include <emscripten.h>

#include <map>
#include <string_view>

#include "platform/dataset_fetch.h"

namespace {

struct Entry {
    platform::DataFetch fetch;
    std::string bytes;
};
std::map<std::string, Entry> g_datasets;

}  // namespace

extern "C" {
// The download of NAME went on: `fraction` of it (0..1), or -1 if its size is not known.
EMSCRIPTEN_KEEPALIVE void poollab_data_progress(const char* name, double fraction) {
    Entry& e = g_datasets[name ? name : ""];
    if (e.fetch.state != platform::DataFetch::State::Loading) return;
    e.fetch.fraction = fraction;
}
// NAME arrived, inflated: `size` bytes of a dataset file.
EMSCRIPTEN_KEEPALIVE void poollab_data_arrived(const char* name, const char* bytes, int size) {
    Entry& e = g_datasets[name ? name : ""];
    e.bytes.assign(bytes ? bytes : "", bytes && size > 0 ? static_cast<size_t>(size) : 0);
    e.fetch = {platform::DataFetch::State::Ready, 1, ""};
}
// NAME could not be fetched; the message says why (offline, not found, damaged).
EMSCRIPTEN_KEEPALIVE void poollab_data_failed(const char* name, const char* message) {
    Entry& e = g_datasets[name ? name : ""];
    e.bytes.clear();
    e.fetch = {platform::DataFetch::State::Failed, 0, message ? message : "the data could not be fetched"};
}
}

namespace platform {

void fetch_dataset(const std::string& name) {
    Entry& e = g_datasets[name];
    if (e.fetch.state == DataFetch::State::Loading || e.fetch.state == DataFetch::State::Ready) return;
    e = Entry{};
    e.fetch.state = DataFetch::State::Loading;
    // Asynchronous: the page calls back between frames, never from inside this call.
    EM_ASM({
        const name = UTF8ToString($0);
        if (Module["fetchDataset"]) setTimeout(() => Module["fetchDataset"](name), 0);
        else Module.ccall("poollab_data_failed", null, ["string", "string"], [name, "this page cannot fetch data"]);
        if (!Module["fetchDataset"]) Module["_poollab_wake"]();
    }, name.c_str());
}

DataFetch dataset_fetch(const std::string& name) {
    const auto it = g_datasets.find(name);
    return it == g_datasets.end() ? DataFetch{} : it->second.fetch;
}

std::string take_dataset_bytes(const std::string& name) {
    const auto it = g_datasets.find(name);
    if (it == g_datasets.end() || it->second.fetch.state != DataFetch::State::Ready) return {};
    std::string bytes = std::move(it->second.bytes);
    g_datasets.erase(it);
    return bytes;
}

}  // namespace platform
