#pragma once
// Words for every term: what the glossary (core/glossary.h) says of a term,
// in a tooltip when the mouse rests on it or the keyboard focuses it, with a
// line of the live numbers where they help. One look for all scenes.
#include <imgui.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace term {

// The tooltip for the item just drawn (a slider, a radio button, a header).
void tip(const char* id, const std::string& live = {});
// Text with a dotted underline that explains itself.
void text(const char* label, const char* id, const std::string& live = {});
// A table's header row (in place of ImGui::TableHeadersRow) whose headers
// named in `terms` ({header, term id}) explain themselves.
void headers_row(std::initializer_list<std::pair<const char*, const char*>> terms);
// For words drawn straight onto the canvas: the tooltip while the mouse is over [min, max).
void zone(ImVec2 min, ImVec2 max, const char* id, const std::string& live = {});

// The terms offered in the last frame, each at the centre of its first place
// (device pixels), and the one whose definition is showing ("" for none): for the test hook.
struct Offered {
    std::string id;
    ImVec2 centre;
};
const std::vector<Offered>& offered();
const std::string& showing();
void clear_offered();

}  // namespace term
