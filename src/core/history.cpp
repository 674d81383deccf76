#include "core/history.h"

#include <utility>

namespace pl {

namespace {

// A change the last note did not take yet (a gesture still going on, or no note since).
bool pending(const History& h, const std::string& key) { return h.started && key != h.now.key; }

void take(History& h, const std::any& model, const std::string& key) {
    h.now.model = model;
    h.now.key = key;
}

// Moves one entry from `from` to the model, the model's state going onto `to`.
bool step(History& h, std::vector<HistoryEntry>& from, std::vector<HistoryEntry>& to, std::any& model, const std::string& key) {
    if (pending(h, key)) {  // what is on screen is newer than the last note: it is the state to come back to
        h.back.push_back(std::move(h.now));
        h.forward.clear();
        take(h, model, key);
    }
    if (from.empty()) return false;
    to.push_back({model, h.now.key});  // the model as it is now, views and all
    h.now = std::move(from.back());
    from.pop_back();
    model = h.now.model;
    return true;
}

}  // namespace

bool history_note(History& h, const std::any& model, const std::string& key, bool settled, int depth) {
    if (!h.started) {
        take(h, model, key);
        h.started = true;
        return false;
    }
    if (key == h.now.key) return false;  // no edit (a step or a tab is a view, not an edit): nothing to copy
    if (!settled) return false;
    h.back.push_back(std::move(h.now));
    if (depth < 1) depth = 1;
    if (h.back.size() > static_cast<size_t>(depth)) h.back.erase(h.back.begin(), h.back.begin() + static_cast<long>(h.back.size() - static_cast<size_t>(depth)));
    h.forward.clear();
    take(h, model, key);
    return true;
}

bool history_undo(History& h, std::any& model, const std::string& key) { return step(h, h.back, h.forward, model, key); }
bool history_redo(History& h, std::any& model, const std::string& key) {
    if (pending(h, key)) return false;  // a new edit ends what could be redone
    return step(h, h.forward, h.back, model, key);
}

bool history_can_undo(const History& h, const std::string& key) { return !h.back.empty() || pending(h, key); }
bool history_can_redo(const History& h, const std::string& key) { return !h.forward.empty() && !pending(h, key); }

}  // namespace pl
