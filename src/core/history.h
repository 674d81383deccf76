#pragma once
// Undo and redo for a scene: a scene's model is a plain, copyable struct, so
// a step back is a copy of the model as it was. One History a scene.
//
// The shell calls history_note() after every frame with the scene's model and
// its edit key (its link without the fields that only say what is on view,
// see scene_edit_key in core/link.h). When the key has changed and the
// gesture is over (no button held, no text field typing), the state before
// the change becomes one step back: a drag or a typed number is one step,
// not one per frame.
#include <any>
#include <string>
#include <vector>

namespace pl {

struct HistoryEntry {
    std::any model;
    std::string key;
};

struct History {
    std::vector<HistoryEntry> back, forward;  // oldest first; the last is the next undo / redo
    HistoryEntry now;                          // the state last noted (what the next change is a change from)
    bool started = false;
};

// Notes the model after a frame; `settled`: no gesture is going on. At most
// `depth` steps back are kept (the oldest goes first). True if a step was taken.
bool history_note(History& h, const std::any& model, const std::string& key, bool settled, int depth);
// Puts the model one step back (or forward); false when there is none. A
// change not yet noted is noted first, so it can be redone.
bool history_undo(History& h, std::any& model, const std::string& key);
bool history_redo(History& h, std::any& model, const std::string& key);
bool history_can_undo(const History& h, const std::string& key);
bool history_can_redo(const History& h, const std::string& key);

}  // namespace pl
