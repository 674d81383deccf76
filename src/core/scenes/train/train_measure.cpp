// The trained-networks scene's measures of one network, a few pictures at a
// time: held-out accuracy, the same 2 px off, Zhang's consistency, 1-pixel
// flips, and accuracy at every shift for the heat map.
#include <algorithm>
#include <chrono>

#include "core/scenes/train/train_measure.h"
#include "core/train/evaluate.h"

namespace pl {

namespace {

// Zhang's two random shifts of picture i, the same on every platform and in every run.
void consistency_shifts(int i, train::ShiftedPicture* a, train::ShiftedPicture* b) {
    train::Rng rng(0x9e3779b97f4a7c15ULL ^ static_cast<std::uint64_t>(i) * 1000003ULL);
    const int span = 2 * kTrainConsistencyRadius + 1;
    *a = {i, rng.below(span) - kTrainConsistencyRadius, rng.below(span) - kTrainConsistencyRadius};
    *b = {i, rng.below(span) - kTrainConsistencyRadius, rng.below(span) - kTrainConsistencyRadius};
}

constexpr int kShift2[4][2] = {{2, 0}, {-2, 0}, {0, 2}, {0, -2}};
constexpr int kShift1[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};

// Measures `n` in chunks until `ms` pass. True while more remains.
}  // namespace

bool train_measure_slice(TrainNet& n, const train::Dataset& test, double ms, std::chrono::steady_clock::time_point t0) {
    NetMeasures& m = n.measures;
    const int N = test.count();
    const int span = 2 * kTrainSweepRadius + 1;
    const int stage = m.stage;  // one stage at a time: the caller picks the network least far on
    while (!m.done() && m.stage == stage && std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() < ms) {
        std::vector<train::ShiftedPicture> jobs;
        const int chunk = 20;  // forwards between looks at the clock (a big network's 20 take a few ms in WebAssembly)
        switch (m.stage) {
            case 0: {  // held-out accuracy
                const int end = std::min(N, m.next + chunk);
                for (int i = m.next; i < end; ++i) jobs.push_back({i, 0, 0});
                const std::vector<int> c = train::classify(n.net, test, jobs);
                for (size_t k = 0; k < c.size(); ++k) m.right += c[k] == test.labels[static_cast<size_t>(jobs[k].picture)];
                m.total += static_cast<long long>(c.size());
                m.next = end;
                if (m.next >= N) {
                    m.accuracy = m.total ? static_cast<double>(m.right) / static_cast<double>(m.total) : 0;
                    m.stage = 1, m.next = 0, m.right = m.total = 0;
                }
                break;
            }
            case 1: {  // shifted by 2 px, four ways
                const int P = std::min(N, kTrainShiftedPictures);
                const int end = std::min(4 * P, m.next + chunk);
                for (int k = m.next; k < end; ++k) jobs.push_back({k % P, kShift2[k / P][0], kShift2[k / P][1]});
                const std::vector<int> c = train::classify(n.net, test, jobs);
                for (size_t k = 0; k < c.size(); ++k) m.right += c[k] == test.labels[static_cast<size_t>(jobs[k].picture)];
                m.total += static_cast<long long>(c.size());
                m.next = end;
                if (m.next >= 4 * P) {
                    m.shifted = m.total ? static_cast<double>(m.right) / static_cast<double>(m.total) : 0;
                    m.stage = 2, m.next = 0, m.right = m.total = 0;
                }
                break;
            }
            case 2: {  // consistency: pairs of random shifts
                const int P = std::min(N, kTrainConsistencyPictures);
                const int end = std::min(P, m.next + chunk / 2);
                for (int i = m.next; i < end; ++i) {
                    train::ShiftedPicture a, b;
                    consistency_shifts(i, &a, &b);
                    jobs.push_back(a);
                    jobs.push_back(b);
                }
                const std::vector<int> c = train::classify(n.net, test, jobs);
                for (size_t k = 0; k + 1 < c.size(); k += 2) m.right += c[k] == c[k + 1];
                m.total += static_cast<long long>(c.size() / 2);
                m.next = end;
                if (m.next >= P) {
                    m.consistency = m.total ? static_cast<double>(m.right) / static_cast<double>(m.total) : 0;
                    m.stage = 3, m.next = 0, m.right = m.total = 0;
                }
                break;
            }
            case 3: {  // 1-pixel flips; `right` counts the changes here
                const int P = std::min(N, kTrainFlipPictures);
                const int end = std::min(P, m.next + std::max(1, chunk / 5));
                for (int i = m.next; i < end; ++i) {
                    jobs.push_back({i, 0, 0});
                    for (const auto& s : kShift1) jobs.push_back({i, s[0], s[1]});
                }
                const std::vector<int> c = train::classify(n.net, test, jobs);
                for (size_t k = 0; k + 4 < c.size(); k += 5) {
                    for (size_t j = 1; j <= 4; ++j) m.right += c[k + j] != c[k];
                }
                m.total += static_cast<long long>(c.size() / 5 * 4);
                m.next = end;
                if (m.next >= P) {
                    m.flips = m.total ? static_cast<double>(m.right) / static_cast<double>(m.total) : 0;
                    m.stage = 4, m.next = 0, m.right = m.total = 0;
                }
                break;
            }
            case 4: {  // every shift in -R..R on the first pictures, a block of pictures at a time
                const int P = std::min(N, kTrainSweepPictures);
                const int blocks = (P + chunk - 1) / chunk;
                const int shift = m.next / blocks, block = m.next % blocks;
                const int dx = shift % span - kTrainSweepRadius, dy = shift / span - kTrainSweepRadius;
                for (int i = block * chunk; i < std::min(P, (block + 1) * chunk); ++i) jobs.push_back({i, dx, dy});
                const std::vector<int> c = train::classify(n.net, test, jobs);
                for (size_t k = 0; k < c.size(); ++k) m.right += c[k] == test.labels[static_cast<size_t>(jobs[k].picture)];
                if (block == blocks - 1) {
                    m.sweep[static_cast<size_t>(shift)] = P ? static_cast<double>(m.right) / P : 0;
                    m.right = 0;
                }
                if (++m.next >= span * span * blocks) m.stage = 5;
                break;
            }
            default: m.stage = 5; break;
        }
    }
    return !m.done();
}


// Forgets what was measured of a network whose weights changed.
void reset_measures(TrainNet& n) {
    n.measures = NetMeasures{};
    n.measures.sweep.assign(static_cast<size_t>((2 * kTrainSweepRadius + 1) * (2 * kTrainSweepRadius + 1)), -1.0);
    n.probs.clear();
    n.along.clear();
}

}  // namespace pl
