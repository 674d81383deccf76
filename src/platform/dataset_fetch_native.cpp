// Datasets on the desktop: read from the data folder the build made.
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "platform/dataset_fetch.h"

#ifndef POOLLAB_DATASET_DIR
#define POOLLAB_DATASET_DIR "data"
#endif

namespace platform {

namespace {

struct Entry {
    DataFetch fetch;
    std::string bytes;
};
std::map<std::string, Entry> g_datasets;

std::string data_dir() {
    const char* dir = std::getenv("POOLLAB_DATASET_DIR");
    return dir && *dir ? dir : POOLLAB_DATASET_DIR;
}

bool plain_name(const std::string& name) {
    if (name.empty() || name.size() > 32) return false;
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    return true;
}

}  // namespace

void fetch_dataset(const std::string& name) {
    Entry& e = g_datasets[name];
    if (e.fetch.state == DataFetch::State::Loading || e.fetch.state == DataFetch::State::Ready) return;
    e = Entry{};
    if (!plain_name(name)) {
        e.fetch = {DataFetch::State::Failed, 0, "there is no dataset called '" + name + "'"};
        return;
    }
    const std::string path = data_dir() + "/" + name + ".bin";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    if (in) bytes << in.rdbuf();
    if (!in || in.bad()) {
        e.fetch = {DataFetch::State::Failed, 0,
                   "cannot read " + path + " (build the data with: ninja -C build/native poollab_datasets)"};
        return;
    }
    e.bytes = bytes.str();
    e.fetch = {DataFetch::State::Ready, 1, ""};
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
