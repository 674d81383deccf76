#pragma once
// Training datasets in, when a scene first needs one, never with the first
// load. The scene asks once and then reads the state each frame (a progress
// bar, a message with a retry, or the bytes): no callbacks into the scene.
// Web (dataset_fetch_web.cpp, web/dataset_fetch.js): the page fetches
// data/NAME.bin.gz with progress and inflates it; the state changes between
// frames. Desktop (dataset_fetch_native.cpp): reads NAME.bin from the data
// folder the build made (POOLLAB_DATASET_DIR, or that environment variable)
// at once.
#include <string>

namespace platform {

// Where one dataset's fetch stands.
struct DataFetch {
    enum class State { Idle, Loading, Ready, Failed };
    State state = State::Idle;
    double fraction = 0;  // of the download, 0..1 while Loading; -1 when the size is not known
    std::string error;    // when Failed: what went wrong, in words (offline, not found, damaged)
};

// Starts fetching the dataset NAME ("mnist", "fashion"); again after a failure
// it retries. Does nothing while that dataset is Loading or Ready.
void fetch_dataset(const std::string& name);
// What is known about NAME now.
DataFetch dataset_fetch(const std::string& name);
// The bytes of a Ready dataset (a dataset file for pl::train::parse_dataset),
// handed over once: NAME goes back to Idle. "" if it is not Ready.
std::string take_dataset_bytes(const std::string& name);

}  // namespace platform
